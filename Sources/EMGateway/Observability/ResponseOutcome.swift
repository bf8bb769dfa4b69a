import EMTranslate
import EMUpstream

/// How a response ended, beside its status: the `outcome` label of
/// `em_gateway_requests_total` and the access log's `em.outcome`.
///
/// A streamed answer's status line goes out before its body is read from EM, so a `200` can
/// still end short; dashboards of success rates count by this.
enum ResponseOutcome: String, Sendable, Hashable {
    /// Every byte of the body was written.
    case complete
    /// The client went away before the body was written (nginx logs such a request as `499`
    /// when no status was sent yet, and the gateway answers `499` then too).
    case clientClosed = "client_closed"
    /// EM's body failed or broke off after the response was committed, or did not translate:
    /// the client's connection was closed mid-body.
    case upstreamCut = "upstream_cut"
    /// The gateway's graceful shutdown passed its limit and cut the body.
    case shutdown

    /// The outcome of a body cut short by `error`, as ``ResponseBodyStreamer`` reports it: an
    /// ``UpstreamError`` with code `shutdown` during the gateway's graceful shutdown, EM's or
    /// the translation's failure, or the client's connection failing (any other error).
    init(cutBy error: any Error) {
        switch error {
        case let error as UpstreamError:
            switch error.code {
            case .shutdown: self = .shutdown
            case .cancelled: self = .clientClosed  // the request's task is cancelled when its client leaves
            default: self = .upstreamCut
            }
        case is TranslateError: self = .upstreamCut
        default: self = .clientClosed
        }
    }
}
