import EMUpstream
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Service-account mode in the proxy: bearer tokens in, the gateway's own session out.
///
/// Checks, before anything is read or forwarded: a failed-attempt throttle per client address
/// (`429`), `Authorization: Bearer <token>` against the configured hashes (`401` with
/// `WWW-Authenticate: Bearer`, RFC 6750 §3), then the session resources (`/api/sessionMngr`,
/// `/api/logonSessions…`: `403`), which belong to the gateway: a client could otherwise log the
/// shared session off, or read its `SessionId`, from which EM's token is derived (Base64 of it).
extension Proxy {
    /// Authenticates a client in service-account mode.
    /// - Returns: the client's name from the token file.
    /// - Throws: ``GatewayError`` `401`, `403` or `429`; nothing is forwarded.
    func authenticateBearer(_ request: Request, context: GatewayRequestContext, tokens: BearerTokenList) throws -> String {
        if let seconds = throttle.retryAfter(for: context.clientAddress) {
            throw GatewayError(
                .tooManyRequests, status: .tooManyRequests, message: "Too many failed authentications from this address; try again later.",
                headers: [.retryAfter: String(seconds)])
        }
        guard let token = Self.bearerToken(request.headers[.authorization]) else {
            throw Self.unauthorized("This gateway needs a bearer token: Authorization: Bearer <token>.", error: nil)
        }
        guard let client = tokens.client(for: token) else {
            throttle.recordFailure(for: context.clientAddress)
            throw Self.unauthorized("The bearer token is not valid.", error: "invalid_token")
        }
        if Self.isSessionResource(request.uri.path) {
            throw GatewayError(
                .forbidden, status: .forbidden,
                message: "In service-account mode the gateway owns the Enterprise Manager session: logon and logon sessions are not available.")
        }
        return client
    }

    /// Sends a request with the service account's session; after a `401` the session is
    /// dropped and a safe request (`GET`, `HEAD`) is sent once more with a new one. An unsafe
    /// request is not repeated: it gets `503` with `Retry-After` (EM did not carry it out).
    /// - Throws: ``GatewayError`` (`502` when the new session is refused as well), ``UpstreamError``.
    func executeAsServiceAccount(_ request: UpstreamRequest, account: ServiceAccount, logger: Logger) async throws -> UpstreamResponse {
        var attempt = request
        attempt.headers.removeAll { ["authorization", "x-restsvcsessionid"].contains($0.name.lowercased()) }
        let base = attempt.headers
        let safe = request.method == "GET" || request.method == "HEAD"
        for round in 0..<2 {
            let session = try await account.session()
            attempt.headers = base + [UpstreamHeader(name: HeaderPolicy.sessionHeader, value: session.token)]
            let answer = try await upstream.execute(attempt, logger: logger)
            guard answer.status == 401 else { return answer }
            _ = try? await answer.body.collect(upTo: 1 << 20)
            account.rejected(session)
            guard safe else {
                throw GatewayError(
                    .upstreamUnavailable, status: .serviceUnavailable,
                    message: "Enterprise Manager ended the gateway's session; the request was not carried out. Send it again.",
                    headers: [.retryAfter: "1"])
            }
            if round == 1 { break }
        }
        throw GatewayError(
            .badUpstreamResponse, status: .badGateway,
            message: "Enterprise Manager refused the gateway's service account session twice in a row.")
    }

    /// Removes EM's session token from an answer bound for a bearer client.
    static func stripSessionToken(_ fields: inout HTTPFields) {
        fields[HTTPField.Name(HeaderPolicy.sessionHeader)!] = nil
        fields[values: .setCookie] = fields[values: .setCookie].filter { !$0.hasPrefix(SessionCookie.name + "=") }
    }

    /// The token of an `Authorization: Bearer <token>` value (RFC 6750 §2.1), or `nil`.
    static func bearerToken(_ value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }

    /// Whether a path (percent-decoded first, matched without case, as EM routes) names
    /// `/api/sessionMngr` or `/api/logonSessions` or anything below them.
    static func isSessionResource(_ path: String) -> Bool {
        let decoded = (path.removingPercentEncoding ?? path).lowercased()
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count >= 2 && parts[0] == "api" && (parts[1] == "sessionmngr" || parts[1] == "logonsessions")
    }

    private static func unauthorized(_ message: String, error: String?) -> GatewayError {
        GatewayError(
            .unauthorized, status: .unauthorized, message: message,
            headers: [.wwwAuthenticate: "Bearer realm=\"em-gateway\"" + (error.map { ", error=\"\($0)\"" } ?? "")])
    }
}
