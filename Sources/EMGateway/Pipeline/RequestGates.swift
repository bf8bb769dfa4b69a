import HTTPTypes
import Hummingbird

/// The first stage of the pipeline: refuses what must not reach EM, before anything is read
/// or forwarded.
///
/// In order: the request target (origin-form, no dot-segments), the method (`CONNECT` and
/// `TRACE` are not forwarded), an `Accept` that names only unknown JSON dialects (`406`), the
/// bearer token in service-account mode (with its failed-attempt throttle and the session
/// resources the gateway owns), and the failed-logon throttle for a pass-through logon. An
/// `OPTIONS` on a documented path is answered here with `Allow` (RFC 9110 §9.3.7).
struct RequestGates: Sendable {
    /// What passed the gates.
    enum Outcome {
        /// Answered by the gates (`OPTIONS`).
        case answered(Response)
        /// Go on; `isLogon` when this is a pass-through logon the throttle watches.
        case forward(isLogon: Bool)
    }

    let throttle: LogonThrottle
    /// Service-account mode's bearer tokens; `nil` in pass-through mode.
    let bearerTokens: BearerTokenList?
    let allowedMethods: @Sendable (_ path: String) -> String?

    /// Checks a request.
    /// - Parameters:
    ///   - request: the client's request.
    ///   - resolved: its resolved facts.
    /// - Returns: whether to go on, or the gates' own answer.
    /// - Throws: ``GatewayError`` `400`, `401`, `403`, `405`, `406` or `429`; nothing is forwarded.
    func check(_ request: Request, _ resolved: ResolvedRequest) throws -> Outcome {
        try RequestTarget.validate(request.uri.string)
        if request.method == .connect || request.method == .trace {
            throw GatewayError(
                .methodNotAllowed, status: .methodNotAllowed, message: "\(request.method.rawValue) is not forwarded to Enterprise Manager.")
        }
        if resolved.notAcceptable {
            throw GatewayError(
                .notAcceptable, status: .notAcceptable,
                message:
                    "Accept names only JSON dialects the gateway does not know; it serves application/json (dialect native or compact) and application/xml."
            )
        }
        if let bearerTokens {
            try authenticateBearer(request, resolved, tokens: bearerTokens)
        }
        if request.method == .options, let allowed = allowedMethods(request.uri.path) {
            return .answered(Response(status: .noContent, headers: [.allow: allowed]))
        }
        let isLogon = bearerTokens == nil && request.method == .post && resolved.isLogonPath
        if isLogon, let seconds = throttle.retryAfter(for: resolved.clientAddress) {
            throw GatewayError(
                .tooManyRequests, status: .tooManyRequests, message: "Too many failed logons from this address; try again later.",
                headers: [.retryAfter: String(seconds)])
        }
        return .forward(isLogon: isLogon)
    }

    /// Authenticates a client in service-account mode: a failed-attempt throttle per client
    /// address (`429`), `Authorization: Bearer <token>` against the configured hashes (`401`
    /// with `WWW-Authenticate: Bearer`, RFC 6750 §3), then the session resources
    /// (`/api/sessionMngr`, `/api/logonSessions…`, however cased or percent-encoded: `403`),
    /// which belong to the gateway: a client could otherwise log the shared session off, or
    /// read its `SessionId`, from which EM's token is derived (Base64 of it).
    /// - Throws: ``GatewayError`` `401`, `403` or `429`.
    private func authenticateBearer(_ request: Request, _ resolved: ResolvedRequest, tokens: BearerTokenList) throws {
        if let seconds = throttle.retryAfter(for: resolved.clientAddress) {
            throw GatewayError(
                .tooManyRequests, status: .tooManyRequests, message: "Too many failed authentications from this address; try again later.",
                headers: [.retryAfter: String(seconds)])
        }
        guard let token = BearerTokenList.token(fromAuthorization: request.headers.combinedValue(.authorization)) else {
            throw Self.unauthorized("This gateway needs a bearer token: Authorization: Bearer <token>.", error: nil)
        }
        guard tokens.client(for: token) != nil else {
            throttle.recordFailure(for: resolved.clientAddress)
            throw Self.unauthorized("The bearer token is not valid.", error: "invalid_token")
        }
        if resolved.isSessionResource {
            throw GatewayError(
                .forbidden, status: .forbidden,
                message:
                    "In service-account mode the gateway owns the Enterprise Manager session: logon and logon sessions are not available.")
        }
    }

    private static func unauthorized(_ message: String, error: String?) -> GatewayError {
        GatewayError(
            .unauthorized, status: .unauthorized, message: message,
            headers: [.wwwAuthenticate: "Bearer realm=\"em-gateway\"" + (error.map { ", error=\"\($0)\"" } ?? "")])
    }
}
