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
        /// EM sends none; refusing them closes the billion-laughs and external-entity doors (F26).
        case forbiddenDTD
        /// Elements nested deeper than ``XMLToJSONConverter/Limits/maxDepth``.
        case depthLimitExceeded
        /// A text node or attribute value longer than ``XMLToJSONConverter/Limits/maxTextBytes``.
        case textLimitExceeded
        /// More attributes on one element than ``XMLToJSONConverter/Limits/maxAttributes``.
        case attributeLimitExceeded
        /// More input than ``XMLToJSONConverter/Limits/maxInputBytes``.
        case sizeLimitExceeded
        /// The JSON input is not valid JSON, or nests too deep.
        case malformedJSON
        /// The JSON does not fit the schema of the XML type asked for.
        case schemaMismatch
        /// The caller used the converter after it finished or failed.
        case misuse
    }

    /// The kind of failure.
    public let code: Code
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
