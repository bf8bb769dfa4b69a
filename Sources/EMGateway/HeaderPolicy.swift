import EMTranslate
import EMUpstream
import HTTPTypes

/// Which headers cross the gateway, in each direction.
///
/// Hop-by-hop headers (RFC 9110 §7.6.1: `Connection` and the fields it names, `Keep-Alive`,
/// `Proxy-*`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`) never cross. The client's `Host`
/// never goes upstream (libcurl names EM's host), nor do `Accept` (the gateway always asks EM for
/// XML), `Accept-Encoding` (libcurl negotiates and decodes), `Expect`, `Cookie` and the
/// `Forwarded` family. The session token reaches EM only as the `X-RestSvcSessionId` header:
/// the client's header, else the value of its `X-RestSvcSessionId` cookie (F08).
enum HeaderPolicy {
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]
    static let notForwardedUp: Set<String> = [
        "host", "content-length", "accept", "accept-encoding", "expect", "cookie", "forwarded", "x-forwarded-for",
        "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip",
    ]
    /// Response headers the gateway recomputes or that describe bytes it changed.
    static let notForwardedDown: Set<String> = ["content-length", "content-encoding", "date", "server"]

    static let sessionHeader = "X-RestSvcSessionId"

    /// The header fields to send EM for a client request.
    /// - Parameters:
    ///   - fields: the client's header fields.
    ///   - hasBody: whether a body goes up (without one, `Content-Type` is dropped: F10).
    /// - Returns: headers for libcurl, `Accept: application/xml` first.
    static func upstreamHeaders(from fields: HTTPFields, hasBody: Bool) -> [UpstreamHeader] {
        let named = connectionTokens(fields)
        var headers = [UpstreamHeader(name: "Accept", value: "application/xml")]
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
        if !hasToken, let token = cookie(named: sessionHeader, in: fields) {
            headers.append(UpstreamHeader(name: sessionHeader, value: token))
        }
        return headers
    }

    /// The header fields to send the client for an EM answer.
    /// - Parameters:
    ///   - upstream: EM's header fields.
    ///   - converted: whether the body was translated (its `Content-Type` and `ETag` no longer hold).
    ///   - rewriter: rewrites `Location` and `Content-Location` to the gateway.
    /// - Returns: the client's header fields.
    static func clientHeaders(from upstream: [UpstreamHeader], converted: Bool, rewriter: LinkRewriter) -> HTTPFields {
        var named: Set<String> = []
        for header in upstream where header.name.lowercased() == "connection" {
            for token in header.value.split(separator: ",") { named.insert(token.trimmingSpaces.lowercased()) }
        }
        var fields = HTTPFields()
        for header in upstream {
            let lower = header.name.lowercased()
            if hopByHop.contains(lower) || notForwardedDown.contains(lower) || named.contains(lower) { continue }
            guard let name = HTTPField.Name(header.name) else { continue }
            var value = header.value
            switch lower {
            case "location", "content-location": value = rewriter.rewrite(value)
            case "content-type" where converted: continue
            case "etag" where converted:
                // EM's ETag describes its XML; the JSON is a different representation (RFC 9110 §8.8.3).
                if !value.hasPrefix("W/") { value = "W/" + value }
            default: break
            }
            fields.append(HTTPField(name: name, value: value))
        }
        return fields
    }

    /// EM's `Content-Length` when it is the length of the body the gateway receives: one valid
    /// value (RFC 9110 §8.6), no `Transfer-Encoding` (RFC 9112 §6.3) and no content coding
    /// (libcurl decodes those, so the length would be of the coded bytes).
    /// - Parameter upstream: EM's header fields.
    /// - Returns: the length in bytes, or `nil`.
    static func passThroughLength(_ upstream: [UpstreamHeader]) -> Int? {
        var length: Int?
        for header in upstream {
            switch header.name.lowercased() {
            case "transfer-encoding": return nil
            case "content-encoding" where header.value[...].trimmingSpaces.lowercased() != "identity": return nil
            case "content-length":
                guard let value = Int(header.value[...].trimmingSpaces), value >= 0, length == nil || length == value else { return nil }
                length = value
            default: break
            }
        }
        return length
    }

    private static func connectionTokens(_ fields: HTTPFields) -> Set<String> {
        var tokens: Set<String> = []
        for value in fields[values: .connection] {
            for token in value.split(separator: ",") { tokens.insert(token.trimmingSpaces.lowercased()) }
        }
        return tokens
    }

    /// The value of cookie `name` in the request's `Cookie` fields (RFC 6265 §5.4), if any.
    static func cookie(named name: String, in fields: HTTPFields) -> String? {
        for value in fields[values: .cookie] {
            for pair in value.split(separator: ";") {
                let trimmed = pair.trimmingSpaces
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                if trimmed[..<equals] == name[...] {
                    let token = trimmed[trimmed.index(after: equals)...]
                    return token.isEmpty ? nil : String(token)
                }
            }
        }
        return nil
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
