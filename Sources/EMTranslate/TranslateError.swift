/// The one error type of `EMTranslate`: why a document could not be translated.
///
/// Equality compares only ``code``, so callers can match `error == TranslateError(.malformedXML)`.
/// ``message`` is detail for logs; the gateway never echoes it verbatim to clients.
public struct TranslateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong. Public so the gateway can switch over it exhaustively.
    public enum Code: String, Sendable, Equatable {
        /// The input is not well-formed XML (libxml2 reported an error), or ended before its root closed.
        case malformedXML
        /// The input carries a DOCTYPE, an entity declaration or a reference to an undeclared entity.
        /// EM sends none; refusing them closes the billion-laughs and external-entity doors.
        case forbiddenDTD
        /// The input's bytes are not valid in its encoding, or it names an encoding libxml2 cannot read.
        case encoding
        /// Something other than white space (in the document's encoding) follows the root element.
        case contentAfterRoot
        /// Output held to group an element the schema does not know outgrew
        /// ``XMLToJSONConverter/Limits/maxBufferedBytes`` before its name came back.
        case bufferLimitExceeded
        /// Elements nested deeper than ``XMLToJSONConverter/Limits/maxDepth``.
        case depthLimitExceeded
        /// A text node or attribute value longer than ``XMLToJSONConverter/Limits/maxTextBytes``.
        case textLimitExceeded
        /// More attributes on one element than ``XMLToJSONConverter/Limits/maxAttributes``.
        case attributeLimitExceeded
        /// More input than ``XMLToJSONConverter/Limits/maxInputBytes``.
        case sizeLimitExceeded
        /// The JSON input is not RFC 8259 JSON, repeats a property name, or exceeds
        /// ``JSONReader/Limits`` (depth or size); the message gives the byte offset, line and column.
        case malformedJSON
        /// The JSON does not fit the schema of the XML type asked for: a property the type lacks, or
        /// a value of the wrong JSON type; the message names the JSON path (`Job.JobScheduleOptions.OptionsDaily.Foo`).
        /// From XML: a schema member appears twice in one element (its JSON key would repeat).
        /// From JSON: a member the contract requires is missing or `null`; the message names its JSON path.
        case schemaMismatch
        /// A JSON string holds a character that XML 1.0 cannot carry in any form (a C0 control other
        /// than tab, line feed and carriage return, U+FFFE or U+FFFF); the message names the JSON path.
        case invalidXMLCharacter
        /// The caller used the converter after it finished or failed, or passed an argument outside
        /// its contract (a root element name that is not an XML name).
        case misuse
    }

    /// The kind of failure.
    public let code: Code
    /// What kind of fault the input has, as a predicate of the input ("is not well-formed XML"):
    /// one wording per class, shared by the gateway's `502` messages and `convert`'s errors, and
    /// safe to show (it never quotes the input or libxml2).
    public var fault: String {
        switch code {
        case .malformedXML: "is not well-formed XML"
        case .forbiddenDTD: "carries a DOCTYPE or an entity, which the gateway refuses"
        case .encoding: "is not valid in its character encoding, or names one the gateway cannot read"
        case .contentAfterRoot: "has content after its root element"
        case .depthLimitExceeded: "exceeds the gateway's limit on element nesting depth"
        case .textLimitExceeded: "exceeds the gateway's limit on the length of a text or attribute value"
        case .attributeLimitExceeded: "exceeds the gateway's limit on attributes per element"
        case .sizeLimitExceeded: "exceeds the gateway's limit on document size"
        case .bufferLimitExceeded: "exceeds the gateway's limit on output held to group elements the schema does not know"
        case .schemaMismatch: "is well-formed XML that does not fit the gateway's contract"
        case .malformedJSON: "is not valid JSON"
        case .invalidXMLCharacter: "holds a character that XML cannot carry"
        case .misuse: "could not be translated"
        }
    }
    /// A human-readable detail (for logs and CLI output).
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: detail for logs.
    public init(_ code: Code, _ message: String = "") {
        self.code = code
        self.message = message
    }

    public static func == (lhs: TranslateError, rhs: TranslateError) -> Bool { lhs.code == rhs.code }

    public var description: String { message.isEmpty ? code.rawValue : "\(code.rawValue): \(message)" }
}
