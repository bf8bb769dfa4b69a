import EMTranslate
import EMUpstream
import HTTPTypes

/// Every decision about the header fields a client receives for an EM answer, in one place.
///
/// - EM's fields cross except hop-by-hop ones (RFC 9110 §7.6.1, and those `Connection` names)
///   and those describing bytes the gateway recomputes (`Content-Length`, `Content-Encoding`,
///   `Date`, `Server`). `Location` and `Content-Location` point at the gateway.
/// - A converted body is `application/json; charset=utf-8`; EM's `ETag` describes its XML, so
///   on a converted or link-rewritten body it becomes weak (RFC 9110 §8.8.3). Every answer
///   carries `Vary: Accept`: whether a client gets JSON or XML depends on it.
/// - A bodiless answer (`1xx`, `204`, `304`) and an empty one carry no media type.
/// - Sessions: a pass-through logon sets the gateway's session cookie and a logoff clears it
///   (``SessionCookie``); in service-account mode EM's token never reaches a client.
/// - EM's Basic challenge is dropped from a `401` for browsers' script calls when configured,
///   so browsers show no login dialog.
/// - CORS fields for allowed origins (``corsFields(origin:)``).
struct ResponseHeadPolicy: Sendable {
    /// What happens to EM's body.
    enum Body: Equatable {
        /// No content (`1xx`, `204`, `304`).
        case none
        /// EM's XML becomes JSON in this dialect.
        case translate(JSONDialect)
        /// EM's XML passes with its links rewritten.
        case rewriteXML
        /// Anything else passes untouched.
        case passThrough
    }

    /// Service-account mode: EM's token is stripped from answers.
    let serviceAccount: Bool
    /// `Secure` on the session cookie; `nil`: when the public base URL is `https`.
    let secureCookies: Bool?
    let challengePolicy: GatewayConfiguration.ChallengePolicy

    static let notForwardedDown: Set<String> = ["content-length", "content-encoding", "date", "server"]
    static let vary = "Vary"

    /// How EM's body is treated for this request.
    /// - Parameters:
    ///   - answer: EM's answer.
    ///   - representation: what the client negotiated.
    /// - Returns: the body's treatment.
    func body(for answer: UpstreamResponse, representation: Representation) -> Body {
        if answer.status == 204 || answer.status == 304 || (100..<200).contains(answer.status) { return .none }
        guard MediaNegotiation.isXML(answer.header("Content-Type")) else { return .passThrough }
        switch representation {
        case .json(let dialect): return .translate(dialect)
        case .xml: return .rewriteXML
        }
    }

    /// The client's header fields for an answer, before its body is known.
    /// - Parameters:
    ///   - answer: EM's answer.
    ///   - body: how its body is treated.
    ///   - request: the client's method and header fields.
    ///   - resolved: the request's resolved facts (public base, session paths).
    /// - Returns: the header fields.
    func head(
        for answer: UpstreamResponse, body: Body, method: HTTPRequest.Method, fields: HTTPFields, resolved: ResolvedRequest
    ) -> HTTPFields {
        let translated = if case .translate = body { true } else { false }
        let converted = translated || body == .rewriteXML
        var headers = Self.forwardedFields(answer.headers, rewriter: resolved.links, translated: translated, weakenETag: converted)
        // Which representation an answer gets depends on Accept: caches must key on it.
        headers[.vary] =
            headers.combinedValue(.vary).map { $0.containsASCII("accept", ignoringASCIICase: true) ? $0 : "\($0), Accept" } ?? "Accept"
        switch body {
        case .none: headers[.contentType] = nil  // RFC 9110 §15.4.5: a 304 describes no new content
        case .translate: headers[.contentType] = "application/json; charset=utf-8"
        case .rewriteXML: headers[.contentLength] = nil
        case .passThrough: break
        }
        if serviceAccount {
            headers[SessionToken.field] = nil
            headers[values: .setCookie] = headers[values: .setCookie].filter { !$0.hasPrefix(SessionToken.name + "=") }
        } else {
            SessionCookie.apply(
                to: &headers, token: (200..<300).contains(answer.status) ? answer.header(SessionToken.name) : nil,
                isLogoff: method == .delete && answer.status == 204 && resolved.isLogonSession,
                secure: secureCookies ?? resolved.links.publicBaseURL.lowercased().hasPrefix("https:"))
        }
        if answer.status == 401, dropsChallenge(for: fields) { headers[.wwwAuthenticate] = nil }
        return headers
    }

    /// Completes the fields once the body's length is known.
    /// - Parameters:
    ///   - headers: the fields from ``head(for:body:method:fields:resolved:)``.
    ///   - body: how the body was treated.
    ///   - length: the body's length when known (collected whole, or EM's for a pass-through).
    func complete(_ headers: inout HTTPFields, body: Body, length: Int?) {
        if let length { headers[.contentLength] = String(length) }
        // EM's empty body (a 200 or 201 with an XML type and no bytes) stays empty, and then it
        // is no JSON document either.
        if case .translate = body, length == 0 { headers[.contentType] = nil }
    }

    /// Keeps a read answer private to its client: EM's `Cache-Control: private` (added when EM
    /// sent none, and replacing `public`), so that no shared cache in front (a CDN) keeps
    /// answers that depend on the session (RFC 9111 §5.2.2.7).
    static func keepPrivate(_ headers: inout HTTPFields) {
        let current = headers.combinedValue(.cacheControl) ?? ""
        if current.isEmpty || current.containsASCII("public", ignoringASCIICase: true) { headers[.cacheControl] = "private" }
    }

    /// Whether EM's Basic challenge is dropped for this request.
    func dropsChallenge(for fields: HTTPFields) -> Bool {
        switch challengePolicy {
        case .keep: false
        case .drop: true
        case .browsers:
            fields.combinedValue(.origin) != nil || fields.combinedValue(.init("X-Requested-With")!)?.lowercased() == "xmlhttprequest"
        }
    }

    /// EM's fields that cross to the client, links rewritten.
    /// - Parameters:
    ///   - upstream: EM's header fields.
    ///   - rewriter: rewrites `Location` and `Content-Location` to the gateway.
    ///   - translated: whether the body becomes JSON (EM's `Content-Type` no longer holds).
    ///   - weakenETag: whether the body's bytes differ from EM's (translated or links rewritten):
    ///     EM's `ETag` then describes another representation (RFC 9110 §8.8.3) and becomes weak.
    /// - Returns: the fields.
    static func forwardedFields(_ upstream: [UpstreamHeader], rewriter: LinkRewriter, translated: Bool, weakenETag: Bool) -> HTTPFields {
        var named: Set<String> = []
        for header in upstream where header.name.lowercased() == "connection" {
            for token in header.value.split(separator: ",") { named.insert(token.trimmingSpaces.lowercased()) }
        }
        var fields = HTTPFields()
        for header in upstream {
            let lower = header.name.lowercased()
            if UpstreamRequestBuilder.hopByHop.contains(lower) || notForwardedDown.contains(lower) || named.contains(lower) { continue }
            guard let name = HTTPField.Name(header.name) else { continue }
            var value = header.value
            switch lower {
            case "location", "content-location": value = rewriter.rewrite(value)
            case "content-type" where translated: continue
            case "etag" where weakenETag:
                // EM's ETag describes its XML; the client's body is a different representation.
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

    /// The methods a browser may use cross-origin: every documented one, `HEAD` and `OPTIONS`.
    static let corsAllowedMethods = allowValue(ResolvedRequest.documentedMethods)

    /// An `Allow` value (RFC 9110 §10.2.1) for documented methods: `HEAD` after `GET`, `OPTIONS` last.
    /// - Parameter methods: documented methods, in ``ResolvedRequest/documentedMethods`` order.
    /// - Returns: the comma-separated list.
    static func allowValue(_ methods: [String]) -> String {
        var methods = methods
        if let get = methods.firstIndex(of: "GET") { methods.insert("HEAD", at: get + 1) }
        return (methods + ["OPTIONS"]).joined(separator: ", ")
    }
    /// The request fields a browser may send cross-origin.
    static let corsAllowedHeaders = "Accept, Authorization, Content-Type, X-RestSvcSessionId, X-Request-Id, X-Requested-With"
    /// The response fields a browser's script may read.
    static let corsExposedHeaders = "Location, X-RestSvcSessionId, X-Request-Id, ETag"

    /// The CORS fields of an answer to an allowed origin (never `*`; credentials allowed).
    /// - Parameter origin: the allowed origin.
    /// - Returns: the fields to add.
    static func corsFields(origin: String) -> HTTPFields {
        [
            .accessControlAllowOrigin: origin, .accessControlAllowCredentials: "true",
            .accessControlExposeHeaders: corsExposedHeaders,
        ]
    }
}
