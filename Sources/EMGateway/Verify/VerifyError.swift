/// Why `verify` could not run to the end (its exit status 2).
public struct VerifyError: Error, CustomStringConvertible, Equatable {
    /// The reasons.
    public enum Code: String, Sendable {
        /// EM did not answer (connection refused, name unknown, TLS, timeout).
        case unreachable
        /// What answered `GET /api/` is not an Enterprise Manager.
        case notEnterpriseManager
        /// EM refused the credentials (`401`) or answered the logon otherwise than with a session.
        case logonRefused
        /// EM answers `Accept: application/json` with something else than JSON.
        case noJSON
        /// No resource could be fetched in both forms.
        case nothingCompared
        /// The run was interrupted (`SIGINT`, `SIGTERM`).
        case interrupted
    }

    /// The reason.
    public let code: Code
    /// One line for the user, without credentials, tokens or session IDs.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the reason.
    ///   - message: one line for the user.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Errors are equal when their codes are.
    /// - Parameters:
    ///   - lhs: an error.
    ///   - rhs: another error.
    /// - Returns: whether the codes are equal.
    public static func == (lhs: VerifyError, rhs: VerifyError) -> Bool { lhs.code == rhs.code }
}
