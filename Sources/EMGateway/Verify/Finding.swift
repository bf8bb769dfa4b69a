public import EMTranslate

/// One difference between the gateway's JSON and EM's JSON for one resource, at one place.
public struct Finding: Sendable, Equatable {
    /// One step into a JSON document: an object key or an array position.
    public enum Step: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array item.
        case index(Int)
    }

    /// What kind of difference this is.
    public var difference: DifferenceClass
    /// Where, in the gateway's JSON (EM's key spelling where only EM has the key).
    public var path: [Step]
    /// The JSON type on the gateway's side (`string`, `number`…), `nil` when the key is absent.
    public var gatewayType: String?
    /// The JSON type on EM's side, `nil` when the key is absent.
    public var emType: String?
    /// The gateway's value as JSON text; a user's data, shown only with `--include-values`.
    public var gatewayValue: String?
    /// EM's value as JSON text; a user's data, shown only with `--include-values`.
    public var emValue: String?
    /// Whether a second fetch of the resource changed a value here: a live EM, not the gateway.
    public var isVolatile = false

    /// Creates a finding.
    /// - Parameters:
    ///   - difference: the class.
    ///   - path: where it is.
    ///   - gateway: the gateway's value, `nil` when absent.
    ///   - em: EM's value, `nil` when absent.
    public init(_ difference: DifferenceClass, at path: [Step], gateway: JSONValue?, em: JSONValue?) {
        self.difference = difference
        self.path = path
        self.gatewayType = gateway?.typeName
        self.emType = em?.typeName
        self.gatewayValue = gateway.map(Self.text)
        self.emValue = em.map(Self.text)
    }

    /// The key path with array positions folded (`CloudTenants[].Links[].Href`): the same for
    /// every item of a list, and free of a user's data. The document itself is `(document)`.
    public var keyPath: String {
        var text = ""
        for step in path {
            switch step {
            case .key(let name): text += text.isEmpty ? name : "." + name
            case .index: text += "[]"
            }
        }
        return text.isEmpty ? "(document)" : text
    }

    /// A value as short JSON text (arrays and objects by their size only).
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let digits): digits
        case .string(let string): "\"" + string + "\""
        case .array(let items): "[\(items.count) items]"
        case .object(let properties): "{\(properties.count) members}"
        }
    }
}
