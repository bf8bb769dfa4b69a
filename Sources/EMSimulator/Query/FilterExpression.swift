/// A parsed `filter` of the query service: comparisons joined by `;` (AND) and `,` (OR), with
/// parentheses (`filter.md`, `query_comparison.md`, `query_and_or.md`, `query_grouping.md`).
///
/// ```swift
/// let filter = try FilterParser.parse(#"(jobtype==replica;scheduleconfigured==false),Name=="Backup ""A""""#)
/// ```
indirect enum FilterExpression: Sendable, Equatable {
    /// The comparison operators, by their query syntax.
    enum Operator: String, Sendable, Equatable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case greater = ">"
        case less = "<"

        /// Whether an ordering result satisfies the operator.
        /// - Parameters:
        ///   - lhs: the resource's value.
        ///   - rhs: the filter's value.
        /// - Returns: the outcome.
        func holds(_ lhs: QueryKey, _ rhs: QueryKey) -> Bool {
            switch self {
            case .equal: lhs == rhs
            case .notEqual: lhs != rhs
            case .greaterOrEqual: lhs >= rhs
            case .lessOrEqual: lhs <= rhs
            case .greater: lhs > rhs
            case .less: lhs < rhs
            }
        }
    }

    /// `<field><operator><value>`; the value is unquoted (doubled quotes undone).
    case comparison(field: String, Operator, value: String)
    /// `a;b`: every part holds.
    case and([FilterExpression])
    /// `a,b`: any part holds.
    case or([FilterExpression])

    /// Checks the fields and values against a query type, before anything is matched.
    /// - Parameter type: the query type.
    /// - Returns: the expression with field names resolved and values in comparable form.
    /// - Throws: `SimulatorError` `.badRequest` for a field the type does not have or a value
    ///   that is not of the field's type (an unknown enum value, a malformed date).
    func compile(for type: QueryType) throws -> CompiledFilter {
        switch self {
        case .comparison(let name, let operation, let value):
            guard let field = type.field(named: name) else {
                throw SimulatorError(.badRequest, "Filter field [\(name)] is not supported for query type [\(type.name)].")
            }
            guard let key = field.key(for: value) else {
                throw SimulatorError(.badRequest, "Cannot convert value [\(value)] of filter field [\(field.name)].")
            }
            return .comparison(field, operation, key)
        case .and(let parts):
            return .and(try parts.map { try $0.compile(for: type) })
        case .or(let parts):
            return .or(try parts.map { try $0.compile(for: type) })
        }
    }
}

/// A filter checked against a query type, ready to match resources.
indirect enum CompiledFilter: Sendable {
    case comparison(QueryField, FilterExpression.Operator, QueryKey)
    case and([CompiledFilter])
    case or([CompiledFilter])

    /// Whether a resource's values satisfy the filter. A resource without a value for a field
    /// (a running session's `EndTime`) satisfies only `!=` on it.
    /// - Parameter values: the resource's query values by lower-cased field name.
    /// - Returns: the outcome.
    func matches(_ values: [String: String]) -> Bool {
        switch self {
        case .comparison(let field, let operation, let key):
            guard let text = values[field.key], let value = field.key(for: text) else {
                return operation == .notEqual
            }
            return operation.holds(value, key)
        case .and(let parts):
            return parts.allSatisfy { $0.matches(values) }
        case .or(let parts):
            return parts.contains { $0.matches(values) }
        }
    }
}
