/// Writes a ``JSONValue`` as compact JSON text with the converter's escaping (``JSONWriter``), so
/// text the converter re-reads and writes again comes out byte for byte as it first would have.
enum JSONValueText {
    /// The value as compact JSON (no whitespace), numbers as their lexical text.
    /// - Parameter value: any JSON value.
    /// - Returns: its UTF-8 bytes.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        let writer = JSONWriter()
        write(value, to: writer)
        return writer.bytes
    }

    private static func write(_ value: JSONValue, to writer: JSONWriter) {
        switch value {
        case .null: writer.append("null")
        case .bool(let flag): writer.append(flag ? "true" : "false")
        case .number(let text): writer.append(Array(text.utf8))
        case .string(let text): writer.appendString(Array(text.utf8))
        case .array(let items):
            writer.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { writer.append(UInt8(ascii: ",")) }
                write(item, to: writer)
            }
            writer.append(UInt8(ascii: "]"))
        case .object(let properties):
            writer.append(UInt8(ascii: "{"))
            for (index, property) in properties.enumerated() {
                if index > 0 { writer.append(UInt8(ascii: ",")) }
                writer.appendKey(Array(property.name.utf8))
                write(property.value, to: writer)
            }
            writer.append(UInt8(ascii: "}"))
        }
    }
}
