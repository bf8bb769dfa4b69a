import NIOCore
import NIOHTTP1

/// Frames answers of unknown length for HTTP/1.0 clients without chunked coding.
///
/// RFC 9112 §6.1: a server must not send chunked transfer coding to an HTTP/1.0 client. The
/// server writes every response as HTTP/1.1 and chunks one without `Content-Length` (a large
/// streamed answer); for a request that came as HTTP/1.0 this handler sends such a response as
/// HTTP/1.0 with `Connection: close`, the body delimited by closing the connection (RFC 9112
/// §6.3), also when the request asked for `Connection: keep-alive`. An HTTP/1.0 request without
/// `Connection: keep-alive` is not persistent (RFC 9112 §9.3): its connection is closed after
/// the response; one with it that the server keeps open is answered `Connection: keep-alive`,
/// which an HTTP/1.0 client needs to reuse the connection. Other responses are left as they
/// are. It sits between the HTTP/1 decoder and the conversion to HTTP types, where the
/// request's version is still known.
final class HTTP10FramingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Version and keep-alive wish of the requests whose responses have not started yet, oldest first.
    private var pending: [(version: HTTPVersion, keepAlive: Bool)] = []
    /// The response being written is close-delimited.
    private var closeAfterResponse = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) { pending.append((head.version, head.isKeepAlive)) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            let (version, keepAlive) = pending.isEmpty ? (.http1_1, true) : pending.removeFirst()
            guard version == .http1_0 else {
                context.write(data, promise: promise)
                return
            }
            let bodiless = head.status == .noContent || head.status == .notModified
            if !bodiless, !head.headers.contains(name: "content-length") {
                head.version = .http1_0
                head.headers.remove(name: "transfer-encoding")
                closeAfterResponse = true
            } else if !keepAlive {
                closeAfterResponse = true
            }
            // An HTTP/1.0 client keeps a connection only when the answer says `keep-alive`
            // (RFC 9112 §C.2.2); without it the client closes after every answer.
            head.headers.replaceOrAdd(name: "connection", value: closeAfterResponse ? "close" : "keep-alive")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where closeAfterResponse:
            closeAfterResponse = false
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            let channel = context.channel
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }
}

@available(*, unavailable)
extension HTTP10FramingHandler: Sendable {}
