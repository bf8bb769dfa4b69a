import ArgumentParser
import EMGateway
import Foundation

/// `serve` options of service-account mode. The password never comes from the command line
/// (every local user can read it there): from `--service-account-password-file` or the
/// environment variable `EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD`.
struct ServiceAccountOptions: ParsableArguments {
    static let userVariable = "EM_GATEWAY_SERVICE_ACCOUNT_USER"
    static let passwordVariable = "EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD"

    @Option(help: ArgumentHelp(
        "Service-account mode: log on to EM as this user (or set \(userVariable)); clients then need a bearer token.",
        valueName: "USER"))
    var serviceAccountUser: String?

    @Option(help: ArgumentHelp(
        "File holding the service account's password (else \(passwordVariable) is read).", valueName: "FILE"))
    var serviceAccountPasswordFile: String?

    @Option(help: ArgumentHelp(
        "File of accepted bearer tokens, one name:salt:hash line each (make one with: em-gateway token new NAME).",
        valueName: "FILE"))
    var bearerTokensFile: String?

    @Option(help: ArgumentHelp("Seconds between refreshes of the service account's EM session (below EM's idle expiry).", valueName: "SECONDS"))
    var serviceAccountKeepAlive: Double = 300

    func validate() throws {
        guard serviceAccountKeepAlive > 0 else { throw ValidationError("--service-account-keep-alive must be positive") }
    }

    /// Turns service-account mode on when a user is named.
    /// - Parameters:
    ///   - configuration: the gateway configuration to complete.
    ///   - environment: the process environment.
    /// - Throws: `ValidationError` for an incomplete setup, file errors, ``BearerTokenList/FormatError``.
    func apply(to configuration: inout GatewayConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let user = serviceAccountUser ?? environment[Self.userVariable].flatMap({ $0.isEmpty ? nil : $0 }) else {
            if serviceAccountPasswordFile != nil || bearerTokensFile != nil {
                throw ValidationError("--service-account-password-file and --bearer-tokens-file need --service-account-user")
            }
            return
        }
        guard let bearerTokensFile else { throw ValidationError("service-account mode needs --bearer-tokens-file") }
        let password: String
        if let serviceAccountPasswordFile {
            var text = try String(contentsOfFile: serviceAccountPasswordFile, encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            password = text
        } else if let value = environment[Self.passwordVariable] {
            password = value
        } else {
            throw ValidationError("service-account mode needs --service-account-password-file or \(Self.passwordVariable)")
        }
        let tokens: BearerTokenList
        do {
            tokens = try BearerTokenList(contentsOfFile: bearerTokensFile)
        } catch let error as BearerTokenList.FormatError {
            throw ValidationError("--bearer-tokens-file \(bearerTokensFile): \(error)")
        }
        if tokens.names.isEmpty { throw ValidationError("--bearer-tokens-file \(bearerTokensFile) lists no token") }
        var account = ServiceAccountConfiguration(user: user, password: password, tokens: tokens)
        account.keepAliveInterval = .milliseconds(Int64(serviceAccountKeepAlive * 1000))
        configuration.serviceAccount = account
    }
}
