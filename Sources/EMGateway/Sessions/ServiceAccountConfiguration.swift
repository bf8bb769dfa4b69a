/// Service-account mode: the gateway logs on to EM with its own account and clients
/// authenticate to the gateway with bearer tokens (README "Security").
///
/// ```swift
/// var account = ServiceAccountConfiguration(
///     user: "EXAMPLE\\svc-gateway", password: passwordFromFile,
///     tokens: try BearerTokenList(contentsOfFile: "/etc/em-gateway/tokens"))
/// account.keepAliveInterval = .seconds(240)
/// configuration.serviceAccount = account
/// ```
public struct ServiceAccountConfiguration: Sendable {
    /// EM user name (`DOMAIN\user` or `user@domain`).
    public var user: String
    /// The account's password. A secret: read it from a file or the environment, never a
    /// command-line argument (visible to every local user in `ps`); never logged.
    public var password: String
    /// The bearer tokens clients may present, as salted hashes.
    public var tokens: BearerTokenList
    /// The `v` value of the logon. Default `latest`.
    public var apiVersion: String = "latest"
    /// How often the session is refreshed (`GET /api/logonSessions/{ID}`, which restarts EM's
    /// idle count). Must stay below EM's idle expiry (15 minutes by default; the
    /// `LogonSession` document does not state it). Default 5 minutes.
    public var keepAliveInterval: Duration = .seconds(300)
    /// After EM refuses the credentials (`401` to the logon), requests fail with `502` for
    /// this long before the next logon attempt, so a wrong password cannot lock the account
    /// out. Default 30 seconds.
    public var refusedLogonBackoff: Duration = .seconds(30)

    /// Creates the configuration.
    /// - Parameters:
    ///   - user: EM user name.
    ///   - password: its password.
    ///   - tokens: the accepted bearer tokens.
    public init(user: String, password: String, tokens: BearerTokenList) {
        self.user = user
        self.password = password
        self.tokens = tokens
    }
}

extension ServiceAccountConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The settings with the password left out, so that printing a configuration leaks nothing.
    public var description: String {
        "ServiceAccountConfiguration(user: \(user), password: <redacted>, tokens: \(tokens.names), "
            + "apiVersion: \(apiVersion), keepAliveInterval: \(keepAliveInterval), refusedLogonBackoff: \(refusedLogonBackoff))"
    }

    public var debugDescription: String { description }
}
