import HTTPTypes
import Hummingbird

/// EM's answer as the pipeline prepared it for a client: status, header fields and body.
struct FetchedAnswer: Sendable {
    let status: HTTPResponse.Status
    var headers: HTTPFields
    let body: ResponseBodyStreamer.Produced

    /// Whether another request of the same identity may take this answer: collected whole and
    /// `2xx` (a `401` or another error may be specific to the token that asked).
    var isShareable: Bool {
        guard (200..<300).contains(status.code), case .collected = body else { return false }
        return true
    }
}

/// The `Cache-Status` of an answer (RFC 9211), cache name `em-gateway`.
enum CacheStatus: String, Sendable {
    /// The client's `Cache-Control`/`Pragma` asked for a fresh answer from EM.
    case request = "em-gateway; fwd=request"
    /// Fetched from EM: nothing to share or store was found for it.
    case miss = "em-gateway; fwd=uri-miss"
    /// Fetched from EM together with an identical request in flight (one EM call for both).
    case collapsed = "em-gateway; fwd=uri-miss; collapsed"
    /// The read path did not apply (not a `GET`, no identity, a write).
    case bypass = "em-gateway; fwd=bypass"

    static let field = HTTPField.Name("Cache-Status")!

    /// A fresh stored answer, `ttl` seconds of freshness left.
    static func hit(ttl: Int) -> String { "em-gateway; hit; ttl=\(ttl)" }
    /// A stored answer past its freshness by `-ttl` seconds, served while it is refreshed.
    static func stale(ttl: Int) -> String { "em-gateway; fwd=stale; ttl=\(ttl)" }
}

/// What a client's request says about stored answers (RFC 9111 §5.2.1, §5.4).
struct RequestCacheDirectives: Sendable {
    /// `no-cache`, `max-age=0`, `no-store` or `Pragma: no-cache` (HTTP/1.0): ask EM.
    let wantsFresh: Bool
    /// `no-store`: store nothing of this exchange.
    let noStore: Bool

    init(_ fields: HTTPFields) {
        var fresh = false
        var noStore = false
        if let value = fields.combinedValue(.cacheControl) {
            for directive in value.split(separator: ",") {
                let text = directive.trimmingSpaces.lowercased()
                if text == "no-cache" || text.hasPrefix("no-cache=") || text == "max-age=0" { fresh = true }
                if text == "no-store" {
                    fresh = true
                    noStore = true
                }
            }
        } else if let pragma = fields.combinedValue(Self.pragma), pragma.containsASCII("no-cache", ignoringASCIICase: true) {
            fresh = true
        }
        self.wantsFresh = fresh
        self.noStore = noStore
    }

    /// HTTP/1.0's `Pragma` (RFC 9111 §5.4), read only when `Cache-Control` is absent.
    private static let pragma = HTTPField.Name("Pragma")!
}
