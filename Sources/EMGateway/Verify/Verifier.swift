public import EMTranslate
public import EMUpstream
import Foundation
public import Logging
import NIOCore

/// `em-gateway verify`: walks an Enterprise Manager read-only and compares, resource by resource,
/// the gateway's JSON (EM's XML through ``XMLToJSONConverter``, in both dialects) with EM's own
/// JSON (`Accept: application/json`).
///
/// The walk logs on, starts from `GET /api/`, the links of the `LogonSession`, every
/// parameterless `GET` of the contract, one page of each query type and the summary reports,
/// and follows `Href`s breadth-first (``VerifyLinks``). Every request goes to the configured
/// upstream, whatever host a link names; only `GET`s, never a link carrying `?action=`. The
/// session is logged off at the end, after a failure and when the task is cancelled.
///
/// ```swift
/// var configuration = Verifier.Configuration(upstreamBaseURL: "https://em:9398", user: "u", password: "p")
/// configuration.maxResources = 100
/// let report = try await Verifier(configuration: configuration).run()
/// print(report.summary())
/// ```
public struct Verifier: Sendable {
    /// What to verify and how far to go.
    public struct Configuration: Sendable {
        /// EM's base URL without `/api` (`https://em.example.local:9398`).
        public var upstreamBaseURL: String
        /// The EM user to log on as.
        public var user: String
        /// Its password.
        public var password: String
        /// How to reach EM (TLS, timeouts). Default: ``UpstreamClient/Configuration/init()``.
        public var upstream = UpstreamClient.Configuration()
        /// The schema the gateway converts with. Default ``TranslationSchema/builtIn``.
        public var schema = TranslationSchema.builtIn
        /// The dialect the gateway is configured with (reported beside the one that matches). Default native.
        public var configuredDialect = JSONDialect.native
        /// Most resources compared. Default 500.
        public var maxResources = 500
        /// Resources fetched at once. Default 4.
        public var concurrency = 4
        /// Largest answer read, in bytes; larger ones are skipped. Default 16 MiB.
        public var maxAnswerBytes = 16 << 20

        /// Creates a configuration with the defaults above.
        /// - Parameters:
        ///   - upstreamBaseURL: EM's base URL without `/api`.
        ///   - user: the EM user.
        ///   - password: its password.
        public init(upstreamBaseURL: String, user: String, password: String) {
            var base = upstreamBaseURL
            while base.hasSuffix("/") { base.removeLast() }
            self.upstreamBaseURL = base
            self.user = user
            self.password = password
        }
    }

    /// The configuration.
    public let configuration: Configuration
    let logger: Logger

    /// Creates a verifier.
    /// - Parameters:
    ///   - configuration: what to verify.
    ///   - logger: progress at `info`, each resource at `debug` (route templates only).
    public init(configuration: Configuration, logger: Logger = Logger(label: "em.verify", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs the walk and the comparison.
    /// - Returns: the report.
    /// - Throws: ``VerifyError`` when EM is unreachable, is no EM, refuses the logon, offers no
    ///   JSON, when nothing could be compared, or `.interrupted` when the task is cancelled.
    public func run() async throws(VerifyError) -> VerifyReport {
        let configuration = self.configuration
        let logger = self.logger
        do {
            return try await withUpstreamClient(configuration: configuration.upstream) { client in
                try await VerifySession(configuration: configuration, client: client, logger: logger).run()
            }
        } catch let error as VerifyError {
            throw error
        } catch {
            throw VerifyError(.unreachable, "Enterprise Manager could not be reached (\(VerifySession.describe(error)))")
        }
    }
}
