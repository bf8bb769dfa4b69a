/// A value the query service compares and sorts: text (case-insensitive) or a number
/// (integers, dates as seconds since 1970, Booleans as 0/1, enum values as their index).
enum QueryKey: Sendable, Comparable {
    case text(String)
    case number(Double)

    static func < (lhs: QueryKey, rhs: QueryKey) -> Bool {
        switch (lhs, rhs) {
        case (.text(let left), .text(let right)): left < right
        case (.number(let left), .number(let right)): left < right
        case (.number, .text): true
        case (.text, .number): false
        }
    }
}

/// One field a query type filters and sorts on, as its `get_query_*` page lists it.
struct QueryField: Sendable {
    /// How the field's values compare (`query_comparison.md`).
    enum ValueType: Sendable {
        /// Case-insensitive text.
        case string
        /// A UID; `urn:veeam:Job:<guid>` and the bare GUID compare equal.
        case uid
        /// A UTC date and time (`2025-08-14T12:31:30.389954Z`; zone-less values count as UTC).
        case dateTime
        /// An integer or a decimal number.
        case number
        /// `True`/`False`, any case.
        case boolean
        /// A documented list of values, compared by their index in it.
        case enumeration([String])
    }

    /// The field's name as documented (`CreationTime`); matched case-insensitively.
    let name: String
    let type: ValueType

    /// The field's key in ``SimulatedEntity/queryValues(_:)``.
    var key: String { self.name.lowercased() }

    /// The comparable form of a value.
    /// - Parameter text: the value in EM's lexical form, or as a filter writes it.
    /// - Returns: the key, or `nil` when the text is not a value of this type.
    func key(for text: String) -> QueryKey? {
        switch self.type {
        case .string:
            return .text(text.lowercased())
        case .uid:
            let last = text.split(separator: ":").last.map(String.init) ?? text
            return .text(GUID.normalize(last) ?? text.lowercased())
        case .dateTime:
            return DateTimeText.secondsSince1970(text).map { .number($0) }
        case .number:
            return Double(text).map { .number($0) }
        case .boolean:
            switch text.lowercased() {
            case "true": return .number(1)
            case "false": return .number(0)
            default: return nil
            }
        case .enumeration(let values):
            let lower = text.lowercased()
            return values.firstIndex { $0.lowercased() == lower }.map { .number(Double($0)) }
        }
    }

    static func string(_ name: String) -> QueryField { QueryField(name: name, type: .string) }
    static func uid(_ name: String) -> QueryField { QueryField(name: name, type: .uid) }
    static func dateTime(_ name: String) -> QueryField { QueryField(name: name, type: .dateTime) }
    static func number(_ name: String) -> QueryField { QueryField(name: name, type: .number) }
    static func boolean(_ name: String) -> QueryField { QueryField(name: name, type: .boolean) }
    static func enumeration(_ name: String, _ values: [String]) -> QueryField {
        QueryField(name: name, type: .enumeration(values))
    }
}
