public import HTTPTypes

/// An error the simulator answers with EM's `<Error>` body.
///
/// Equality compares only ``code``, so tests can match on the kind of failure.
public struct SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure the simulator reports.
    public enum Code: String, Sendable {
        /// No `X-RestSvcSessionId` header or cookie (401).
        case sessionMissing
        /// The token names no live session: unknown, logged off or idle too long (401).
        case sessionInvalid
        /// Logon with missing or wrong Basic credentials (401).
        case badCredentials
        /// Logon with a `v` query value EM does not know (400).
        case unsupportedVersion
        /// A request EM would refuse as malformed, such as a non-GUID ID (400).
        case badRequest
        /// A body media type EM refuses, such as a form-encoded logon (415).
        case unsupportedMediaType
        /// The account's role does not allow the request, such as a write by a restricted role (403).
        case forbidden
        /// The path or the ID names nothing (404).
        case notFound
        /// The path exists but not for this method (405).
        case methodNotAllowed
        /// Anything unexpected (500).
        case internalError
    }

    /// The kind of failure.
    public let code: Code
    /// The text of the `Message` attribute.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: the text EM would put in `Message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status EM answers this kind of failure with.
    public var status: HTTPResponse.Status {
        switch self.code {
        case .sessionMissing, .sessionInvalid, .badCredentials: .unauthorized
        case .unsupportedVersion, .badRequest: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .internalError: .internalServerError
        }
    }

    public var description: String { "\(self.code.rawValue): \(self.message)" }

    public static func == (lhs: SimulatorError, rhs: SimulatorError) -> Bool { lhs.code == rhs.code }
}
