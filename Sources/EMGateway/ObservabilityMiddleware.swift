import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Request ids, the access log, the audit log and request metrics: the outermost middleware.
///
/// - Request id: the client's `X-Request-Id` when it is 1–128 visible ASCII characters, else a
///   generated one; returned in the response and attached to every log line (`em.request.id`).
/// - Access log: one line per request at `.info` on the `em.access` logger: method, route
///   template, status, duration to the response head (ms), client address. No query strings
///   (filters may name things people consider sensitive), no headers, no tokens.
/// - Audit log: one line per state-changing request (`POST`, `PUT`, `PATCH`, `DELETE`) under
///   `/api` at `.notice` on the `em.audit` logger: who (EM user name, from the logon it was
///   seen with), which resource (path), which action (`?action=` or the method), the outcome.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let metrics: GatewayMetrics
    let sessions: SessionDirectory
    /// The route label for a method and path: the contract's path template, never a raw path.
    let route: @Sendable (_ method: String, _ path: String) -> String
    let accessLogger: Logger
    let auditLogger: Logger
    /// Service-account mode's bearer tokens: the audit log names the client holding the token.
    var bearerTokens: BearerTokenList? = nil

    static let requestIDField = HTTPField.Name("X-Request-Id")!
    static let sessionField = HTTPField.Name("X-RestSvcSessionId")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = Self.validRequestID(request.headers[Self.requestIDField]) ?? Self.generateRequestID()
        var context = context
        context.logger[metadataKey: "em.request.id"] = .string(requestID)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let duration = ContinuousClock.now - start
        response.headers[Self.requestIDField] = requestID
        let path = request.uri.path
        let route = self.route(request.method.rawValue, path)
        metrics.request(route: route, method: request.method.rawValue, status: response.status.code, duration: duration)
        accessLogger.info(
            "\(request.method.rawValue) \(route) \(response.status.code)",
            metadata: [
                "em.request.id": .string(requestID), "em.client": .string(context.clientAddress),
                "em.duration_ms": .string(String(format: "%.2f", Double(duration.nanosecondsClamped) / 1e6)),
            ])
        recordSession(request, response: response)
        if RequestTarget.isAPI(path), BrowserPolicyMiddleware<Context>.isStateChanging(request.method) {
            audit(request, response: response, requestID: requestID)
        }
        return response
    }

    private func recordSession(_ request: Request, response: Response) {
        let path = request.uri.path
        if request.method == .post, SessionCookie.isLogon(path) {
            let success = (200..<300).contains(response.status.code)
            metrics.logon(success: success)
            if success, let token = response.headers[Self.sessionField] {
                sessions.remember(token: token, user: Self.basicUser(request.headers[.authorization]) ?? "tenant")
            }
        } else if request.method == .delete, SessionCookie.isLogonSession(path), response.status == .noContent {
            metrics.logoff()
        }
    }

    private func audit(_ request: Request, response: Response, requestID: String) {
        // A logon session's ID is as good as its token (EM's token is base64 of it): never logged.
        let path = SessionCookie.isLogonSession(request.uri.path) ? "/api/logonSessions/{ID}" : request.uri.path
        let token = request.headers[Self.sessionField] ?? HeaderPolicy.cookie(named: SessionCookie.name, in: request.headers)
        let user: String
        if let bearerTokens {
            user = Proxy.bearerToken(request.headers[.authorization]).flatMap { bearerTokens.client(for: $0) }.map { "bearer:\($0)" } ?? "unknown"
        } else {
            user = token.flatMap { sessions.user(for: $0) } ?? Self.basicUser(request.headers[.authorization]) ?? "unknown"
        }
        let action = request.uri.queryParameters["action"].map(String.init) ?? request.method.rawValue.lowercased()
        let outcome = (200..<400).contains(response.status.code) ? "success" : "failure"
        auditLogger.notice(
            "\(user) \(action) \(path) → \(response.status.code) \(outcome)",
            metadata: [
                "em.request.id": .string(requestID), "em.audit.user": .string(user), "em.audit.action": .string(action),
                "em.audit.resource": .string(path), "em.audit.status": .string(String(response.status.code)),
                "em.audit.outcome": .string(outcome),
            ])
        if request.method == .delete, SessionCookie.isLogonSession(request.uri.path), response.status == .noContent, let token {
            sessions.forget(token: token)
        }
    }

    /// The user name of a Basic `Authorization` value (never the password).
    static func basicUser(_ authorization: String?) -> String? {
        guard let authorization, authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[..<colon])
    }

    static func validRequestID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }

    static func generateRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        // 32 hex digits: each half zero-padded to 16 (`radix:` drops leading zeros).
        return (0..<2).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
