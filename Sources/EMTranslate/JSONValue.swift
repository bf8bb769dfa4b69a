/// One JSON value (RFC 8259), as ``JSONReader`` reads it: numbers keep their lexical text and
/// objects keep their properties in document order.
///
/// Foundation's `JSONSerialization` turns `12345678901234567890` into a rounded `Double` and
/// reads `true` and `1` as the same `NSNumber`; EM's XML needs the exact digits and the exact
/// type, so the gateway reads request bodies into this enum instead.
///
/// ```swift
/// let value = try JSONReader.parse(Array(#"{"Port": 12345678901234567890, "Enabled": true}"#.utf8))
/// if case .object(let properties) = value {
///     // properties[0] == .init(name: "Port", value: .number("12345678901234567890"))
/// }
/// ```
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its RFC 8259 §6 lexical text (`-12`, `1.50E3`, `12345678901234567890`).
    case number(String)
    /// A string, escapes decoded.
    case string(String)
    /// An array, in document order.
    case array([JSONValue])
    /// An object: its properties in document order (``JSONReader`` refuses duplicate names).
    case object([Property])

    /// One name/value pair of a JSON object.
    public struct Property: Sendable, Equatable {
        /// The property name, escapes decoded.
        public var name: String
        /// The property value.
        public var value: JSONValue

        /// Creates a property.
        /// - Parameters:
        ///   - name: the property name.
        ///   - value: the property value.
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// The JSON type's name as RFC 8259 calls it (`null`, `boolean`, `number`, `string`, `array`,
    /// `object`), for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value of the first property called `name`, if this is an object that has one.
    /// - Parameter name: the property name.
    /// - Returns: the property's value, or `nil` when absent or when this is not an object.
    public subscript(name: String) -> JSONValue? {
        guard case .object(let properties) = self else { return nil }
        return properties.first { $0.name == name }?.value
    }
}
