import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// The router's middleware chain for one case, run at once on the connection's event loop: a
/// `GET` or `HEAD` that a fresh stored answer serves (README, "Caching").
///
/// Every step is the one the routed request takes, called in the same order: the
/// ``RequestResolver``, ``HeaderValidationMiddleware/fault(in:_:)``,
/// ``Proxy/freshStoredResponse(_:_:)`` (the gates, the identity already known, the rules on
/// who may read stored bytes, the lookup), ``BrowserPolicyMiddleware/decorate(_:origin:allowed:)``,
/// ``ObservabilityMiddleware/finish(_:to:_:requestID:duration:end:)`` (access line, metrics),
/// then `Date` and `Server` as Hummingbird adds them. Whatever is not such a hit — a fault, a
/// stale or missing entry, an identity to ask EM for, a refusal — gets `nil` and takes the
/// routed path, which answers it as before.
struct StoredAnswerFront: Sendable {
    let resolver: RequestResolver
    let proxy: Proxy
    let observability: ObservabilityMiddleware
    let allowedOrigins: Set<String>

    /// The last request head a connection resolved, and what it resolved to. Resolving is a
    /// function of the head and the connection's peer alone, and a poller sends the same head
    /// again and again: an equal head reuses the resolution.
    struct Resolution {
        let head: HTTPRequest
        let resolved: ResolvedRequest
    }

    /// The response to `head` (a request with no body) when a fresh stored answer serves it.
    /// - Parameters:
    ///   - head: the request's head.
    ///   - peer: the connection's peer address, as ``GatewayRequestContext/peerAddress`` gives it.
    ///   - last: the connection's last resolution: reused when `head` equals its head, replaced
    ///     otherwise.
    /// - Returns: the response head and the body bytes (`nil` for `HEAD` and `304`), or `nil`.
    func answer(_ head: HTTPRequest, peer: String, last: inout Resolution?) -> (head: HTTPResponse, body: ByteBuffer?)? {
        let start = ContinuousClock.now
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        let resolved: ResolvedRequest
        if let last, last.head == head {
            resolved = last.resolved
        } else {
            resolved = resolver.resolve(request, peer: peer)
            last = Resolution(head: head, resolved: resolved)
        }
        guard HeaderValidationMiddleware.fault(in: request, resolved) == nil,
            let stored = proxy.freshStoredResponse(request, resolved)
        else { return nil }
        var response = stored.0
        let origin = request.headers.combinedValue(.origin)
        BrowserPolicyMiddleware<GatewayRequestContext>.decorate(
            &response.headers, origin: origin, allowed: origin.map { allowedOrigins.contains($0) } ?? false)
        observability.finish(
            &response, to: request, resolved, requestID: ObservabilityMiddleware.requestID(of: request),
            duration: ContinuousClock.now - start, end: ResponseEnd())
        response.headers[.date] = SecondClock.httpDate.current()
        response.headers[.server] = Gateway.serverName
        return (HTTPResponse(status: response.status, headerFields: response.headers), stored.body)
    }
}

/// Serves fresh stored answers below the router (``StoredAnswerFront``), so a poll answered
/// from memory does not pay for a Swift task, the async channel and the middleware chain.
///
/// Sits between Hummingbird's connection-state handler and the async channel that feeds the
/// router. A request's head is held until its end; a request with a body, or any request
/// while an earlier one on the connection is still with the router, passes on untouched, so
/// responses leave in the order requests came (RFC 9112 §9.3.2). What it answers passes back
/// through the handlers before it (HTTP/1.0 framing, keep-alive and idle tracking) like any
/// response.
final class StoredAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let front: StoredAnswerFront
    /// A `GET` or `HEAD` head waiting for its end.
    private var held: HTTPRequest?
    /// Requests passed to the router whose response has not ended yet.
    private var routed = 0
    /// The connection's peer address, formatted once.
    private var peer: String?
    /// The last head this connection resolved.
    private var lastResolution: StoredAnswerFront.Resolution?

    init(front: StoredAnswerFront) {
        self.front = front
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // `Connection: close` is the router's to honour (it closes after the answer).
            if routed == 0, held == nil, head.method == .get || head.method == .head,
                !(head.headerFields.combinedValue(.connection)?.containsASCII("close", ignoringASCIICase: true) ?? false)
            {
                held = head
                return
            }
            route(head, context: context)
        case .body:
            if let head = held {
                held = nil
                route(head, context: context)
            }
            context.fireChannelRead(data)
        case .end:
            if let head = held {
                held = nil
                let peer = self.peer ?? GatewayRequestContext.peerAddress(of: context.channel.remoteAddress)
                self.peer = peer
                if let answer = front.answer(head, peer: peer, last: &lastResolution) {
                    context.write(wrapOutboundOut(.head(answer.head)), promise: nil)
                    if let body = answer.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                    return
                }
                route(head, context: context)
            }
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routed = max(0, routed - 1) }
        context.write(data, promise: promise)
    }

    /// Passes a request's head to the router.
    private func route(_ head: HTTPRequest, context: ChannelHandlerContext) {
        routed += 1
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}

@available(*, unavailable)
extension StoredAnswerHandler: Sendable {}
