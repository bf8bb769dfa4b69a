/// A strict RFC 8259 JSON parser over bytes, for request bodies: numbers keep their exact digits,
/// booleans stay booleans, and every error names its position.
///
/// What it accepts is exactly RFC 8259's grammar in UTF-8 (§8.1), with two decisions the RFC
/// leaves open:
/// - **Duplicate property names are refused** (RFC 8259 §4 says names SHOULD be unique and that
///   receivers differ on duplicates). A body with two `"Name"` keys has no one meaning to send
///   on to EM, so it is an error rather than a silent last-one-wins.
/// - **A leading byte order mark is skipped** (§8.1 lets parsers ignore one); Windows tools
///   write it.
///
/// Strings must be valid UTF-8 and may not hold raw control characters; escaped surrogates must
/// pair up. Nesting depth and input size are bounded by ``Limits``.
///
/// ```swift
/// let body = try JSONReader.parse(Array(#"{"RetryTimes": 3, "RetrySpecified1": true}"#.utf8))
/// // body["RetryTimes"] == .number("3"), body["RetrySpecified1"] == .bool(true)
/// ```
public enum JSONReader {
    /// Bounds on one JSON document; past one, parsing fails with ``TranslateError/Code/malformedJSON``.
    public struct Limits: Sendable {
        /// Deepest nesting of arrays and objects (the top-level value is level 1). Default 64.
        public var maxDepth: Int = 64
        /// Most bytes in one document. Default 1 MiB (the gateway's request body limit).
        public var maxInputBytes: Int = 1 << 20
        /// Creates the default limits.
        public init() {}
    }

    /// Parses one JSON document.
    /// - Parameters:
    ///   - bytes: the whole document, UTF-8 (an optional byte order mark is skipped).
    ///   - limits: depth and size bounds.
    /// - Returns: the document's top-level value (any JSON value, not only objects).
    /// - Throws: ``TranslateError`` with code ``TranslateError/Code/malformedJSON`` when the bytes
    ///   are not one RFC 8259 JSON text, repeat a property name, nest deeper than
    ///   ``Limits/maxDepth`` or exceed ``Limits/maxInputBytes``; the message gives the byte offset,
    ///   line and column.
    public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = Limits()) throws -> JSONValue {
        if let value = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0, limits: limits) }) {
            return value
        }
        return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0, limits: limits) }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, limits: Limits) throws -> JSONValue {
        var parser = JSONParser(bytes: buffer, maxDepth: limits.maxDepth)
        guard buffer.count <= limits.maxInputBytes else {
            throw parser.error(at: limits.maxInputBytes, "the document is larger than \(limits.maxInputBytes) bytes")
        }
        return try parser.parseDocument()
    }
}
