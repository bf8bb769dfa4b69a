import HTTPTypes
import Hummingbird

/// CORS for the configured origins, and the cross-site request check for cookie sessions.
///
/// - Preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered by the gateway:
///   `204` with the allowed methods and headers for a configured origin, `403` otherwise.
/// - Responses to a configured origin carry `Access-Control-Allow-Origin` (that origin, never
///   `*`), `Access-Control-Allow-Credentials: true` and the exposed headers; other origins get
///   no CORS headers at all, so the browser withholds the answer. `Vary: Origin` is always set.
/// - A state-changing request (`POST`, `PUT`, `PATCH`, `DELETE`) that authenticates only with
///   the session cookie must carry an `Origin` that is configured (or the gateway's own):
///   otherwise `403` and nothing is forwarded (a forged cross-site form post).
struct BrowserPolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>
    /// The gateway's own origin for a request (`scheme://host[:port]` of its public base URL).
    let ownOrigin: @Sendable (Context) -> String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = request.headers.combinedValue(.origin)
        let allowed = origin.map { allowedOrigins.contains($0) } ?? false
        if request.method == .options, let origin, request.headers.combinedValue(.accessControlRequestMethod) != nil {
            guard allowed else {
                throw GatewayError(.forbidden, status: .forbidden, message: "Origin \(origin) is not allowed to call this gateway.")
            }
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowCredentials] = "true"
            headers[.accessControlAllowMethods] = ResponseHeadPolicy.corsAllowedMethods
            headers[.accessControlAllowHeaders] = ResponseHeadPolicy.corsAllowedHeaders
            headers[.accessControlMaxAge] = "600"
            headers[.vary] = "Origin"
            return Response(status: .noContent, headers: headers)
        }
        if Self.isStateChanging(request.method), Self.usesCookieOnly(request.headers) {
            guard let origin, allowed || origin == ownOrigin(context) else {
                throw GatewayError(
                    .forbidden, status: .forbidden,
                    message: "A state-changing request authenticated by the session cookie must come from an allowed Origin.")
            }
        }
        var response = try await next(request, context)
        Self.decorate(&response.headers, origin: origin, allowed: allowed)
        return response
    }

    /// The fields every answer gets from this policy: `Vary: Origin`, and the CORS fields for
    /// an allowed `Origin` (the Fetch standard's CORS protocol).
    static func decorate(_ headers: inout HTTPFields, origin: String?, allowed: Bool) {
        headers[.vary] = headers.combinedValue(.vary).map { "\($0), Origin" } ?? "Origin"
        if allowed, let origin {
            for field in ResponseHeadPolicy.corsFields(origin: origin) { headers[field.name] = field.value }
        }
    }

    static func isStateChanging(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }

    /// A session cookie and neither the session header nor `Authorization`.
    static func usesCookieOnly(_ headers: HTTPFields) -> Bool {
        headers.combinedValue(SessionToken.field) == nil && headers.combinedValue(.authorization) == nil
            && SessionToken.cookie(in: headers) != nil
    }
}

/// Refuses header values carrying NUL, CR or LF (RFC 9110 §5.5), and a `Host` (or a trusted
/// proxy's forwarded host) that cannot be a URL authority, before anything else runs.
struct HeaderValidationMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let fault = Self.fault(in: request, context.resolved) { throw fault }
        return try await next(request, context)
    }

    /// The `400` a request's header fields earn: a value with NUL, CR or LF (RFC 9110 §5.5),
    /// or a `Host` that is not a host name or IP address with an optional port; `nil` when they
    /// are good.
    static func fault(in request: Request, _ resolved: ResolvedRequest) -> GatewayError? {
        for field in request.headers where field.value.utf8.contains(where: { $0 == 0 || $0 == 0x0A || $0 == 0x0D }) {
            return GatewayError(
                .badRequest, status: .badRequest, message: "Header \(field.name.rawName) carries a forbidden control character.")
        }
        if resolved.hostFault != nil {
            return GatewayError(
                .badRequest, status: .badRequest, message: "The request's Host is not a host name or IP address with an optional port.")
        }
        return nil
    }
}
