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
    /// Fetched from EM: nothing to share or store was found for it.
    case miss = "em-gateway; fwd=uri-miss"
    /// Fetched from EM together with an identical request in flight (one EM call for both).
    case collapsed = "em-gateway; fwd=uri-miss; collapsed"
    /// The read path did not apply (not a `GET`, no identity, a write).
    case bypass = "em-gateway; fwd=bypass"

    static let field = HTTPField.Name("Cache-Status")!
}
