/// JSON string literals for text that is not part of a converted document (the gateway's own
/// error messages, the OpenAPI document as JSON): the converter's escaping, so one place owns it.
public enum JSONStringLiteral {
    /// `string` as a quoted, escaped JSON string (RFC 8259 §7).
    /// - Parameter string: any text.
    /// - Returns: the JSON literal, quotes included.
    public static func quoted(_ string: String) -> String {
        let writer = JSONWriter(capacity: string.utf8.count + 8)
        var string = string
        string.withUTF8 { writer.appendString($0) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
