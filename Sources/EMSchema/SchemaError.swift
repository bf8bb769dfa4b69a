/// The one error type of the schema modules: loading compiled text (`EMSchema`), overlaying an
/// EM `RestAPI.xsd` (`EMSchema`) and compiling `openapi/em-gateway.yaml` (`EMSchemaCompiler`).
///
/// Errors compare by ``code`` only, so tests and callers can match on the kind of failure while
/// ``message`` names the component, property or line involved.
///
/// ```swift
/// do {
///     let model = try SchemaModel(compiledText: text)
/// } catch let error as SchemaError where error.code == .malformedCompiledText {
///     print(error.message)
/// }
/// ```
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong; switch over it exhaustively.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The compiled text is not in the expected format (bad line, field, count or index).
        case malformedCompiledText
        /// The compiled text was written by a format version this loader does not read.
        case unsupportedFormatVersion
        /// The YAML is not an OpenAPI document, or the document fails OpenAPIKit validation.
        case invalidDocument
        /// A `$ref` names no schema in `components.schemas` (or is not a local component reference).
        case unresolvedReference
        /// `$ref`s or `allOf` chains loop back on themselves.
        case cyclicReference
        /// A schema has a shape the conventions in `openapi/README.md` do not map
        /// (inline object, `oneOf` with several non-null choices, untyped schema...).
        case unsupportedSchema
        /// An array schema has no `items`.
        case missingItems
        /// An `xml` object the conventions do not map (attribute arrays, text on a complex value,
        /// `cdata`, `xml.name` on an unwrapped array...).
        case unsupportedXML
        /// Two components declare the same `xml.name`, so a root element would be ambiguous.
        case duplicateRootElement
        /// Two members of one type share a JSON name, or an XML name and kind.
        case duplicateMember
        /// An operation's request body or `x-em-actions` entry cannot be mapped (a body that is not a
        /// root component, an action listed twice, a malformed entry...).
        case invalidOperation
        /// An XSD given to ``SchemaModel/overlaying(xsd:)`` is not well-formed XML, is not an
        /// `xs:schema` document, or is too large or too deeply nested.
        case malformedXSD
        /// An XSD carries a DOCTYPE or an entity declaration, or references an undeclared entity
        /// (refused: nothing is ever expanded or loaded).
        case forbiddenDTD
        /// A file (`--xsd PATH`) cannot be opened or read.
        case unreadableFile
    }

    /// The kind of failure; equality compares only this.
    public let code: Code
    /// A human-readable explanation naming what failed (component, property, line).
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what failed, naming the component, property or line.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// Compares codes only, never messages.
    /// - Parameters:
    ///   - lhs: one error.
    ///   - rhs: the other error.
    /// - Returns: `true` when both have the same ``code``.
    public static func == (lhs: SchemaError, rhs: SchemaError) -> Bool { lhs.code == rhs.code }
}
