import EMUpstream
import HTTPTypes
import NIOCore

/// Builds every request the gateway sends EM: a client's, forwarded, and the gateway's own
/// (the readiness probe's `GET /api/`, the service account's logon, refresh and logoff).
///
/// Every request asks EM for `application/xml` (EM answers XML unless asked otherwise; the
/// gateway converts it). For a client's request the header fields that cross are chosen here:
/// hop-by-hop fields (RFC 9110 §7.6.1: `Connection` and the fields it names, `Keep-Alive`,
/// `Proxy-*`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`) never cross, nor do the client's
/// `Host` (libcurl names EM's host), `Accept`, `Accept-Encoding` (EM is asked for identity
/// bodies, so a compressed answer cannot expand past the memory bound), `Expect`, `Cookie` and
/// the `Forwarded` family. The session token reaches EM only as the `X-RestSvcSessionId`
/// header: the client's header, else the value of its cookie of that name (EM prefers a cookie
/// over the header, so a stale cookie beside a fresh header would otherwise fail).
struct UpstreamRequestBuilder: Sendable {
    /// EM's base URL without `/api`; the only host the gateway ever calls.
    let baseURL: String

    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]
    static let notForwardedUp: Set<String> = [
        "host", "content-length", "accept", "accept-encoding", "expect", "cookie", "forwarded", "x-forwarded-for",
        "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip",
    ]
    private static let acceptXML = UpstreamHeader(name: "Accept", value: "application/xml")

    /// A request of the gateway's own.
    /// - Parameters:
    ///   - method: the method.
    ///   - pathAndQuery: the path under EM's base, from `/api` on (`/api/logonSessions/{ID}`).
    ///   - headers: further header fields (`Authorization`, `X-RestSvcSessionId`).
    ///   - body: the body, if any.
    /// - Returns: the request, asking for XML.
    func request(_ method: String, _ pathAndQuery: String, headers: [UpstreamHeader] = [], body: ByteBuffer? = nil) -> UpstreamRequest {
        UpstreamRequest(method: method, url: baseURL + pathAndQuery, headers: [Self.acceptXML] + headers, body: body)
    }

    /// The request that forwards a client's: its target byte for byte under EM's base.
    ///
    /// `HEAD` goes up as `GET`, so that the header fields describe the representation the
    /// gateway would send (EM's XML length says nothing about the JSON's); the body is dropped
    /// (RFC 9110 §9.3.2).
    /// - Parameters:
    ///   - method: the client's method.
    ///   - target: the client's request target (path and query as received).
    ///   - fields: the client's header fields.
    ///   - body: the body to send (translated, or the client's), if any.
    ///   - contentType: the body's `Content-Type` when the gateway made the body (`nil` keeps the client's).
    /// - Returns: the upstream request.
    func forward(method: HTTPRequest.Method, target: String, fields: HTTPFields, body: ByteBuffer?, contentType: String?) -> UpstreamRequest
    {
        var headers = Self.upstreamHeaders(from: fields, hasBody: body != nil)
        if let contentType {
            headers.removeAll { $0.name.lowercased() == "content-type" }
            headers.append(UpstreamHeader(name: "Content-Type", value: contentType))
        }
        return UpstreamRequest(method: method == .head ? "GET" : method.rawValue, url: baseURL + target, headers: headers, body: body)
    }

    /// The header fields to send EM for a client request.
    /// - Parameters:
    ///   - fields: the client's header fields.
    ///   - hasBody: whether a body goes up (without one, `Content-Type` is dropped: EM refuses a
    ///     bodiless `POST` that names a media type).
    /// - Returns: headers for libcurl, `Accept: application/xml` first.
    static func upstreamHeaders(from fields: HTTPFields, hasBody: Bool) -> [UpstreamHeader] {
        var named: Set<String> = []
        for token in fields.combinedValue(.connection)?.split(separator: ",") ?? [] { named.insert(token.trimmingSpaces.lowercased()) }
        var headers = [acceptXML]
        headers.reserveCapacity(fields.count + 1)
        var hasToken = false
        for field in fields {
            let name = field.name.canonicalName
            if hopByHop.contains(name) || notForwardedUp.contains(name) || named.contains(name) { continue }
            if name == "content-type" && !hasBody { continue }
            if name == "x-restsvcsessionid" {
                if hasToken { continue }
                hasToken = true
            }
            headers.append(UpstreamHeader(name: field.name.rawName, value: field.value))
        }
        if !hasToken, let token = SessionToken.cookie(in: fields) {
            headers.append(UpstreamHeader(name: SessionToken.name, value: token))
        }
        return headers
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result.removeFirst() }
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return result
    }
}
