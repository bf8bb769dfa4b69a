import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Wraps Hummingbird's HTTP child channel with what the gateway needs per client connection:
///
/// - Event-loop affinity: the connection's task prefers the task executor of the channel's
///   event loop (``EventLoopTaskExecutor``), so a request is read, proxied and answered on the
///   thread that owns the socket, without hops through the global pool.
/// - A client that goes away ends the work done for it: when the client half-closes or the
///   connection drops (``ClientWatchHandler``), the connection's task is cancelled, which aborts
///   the transfer from EM even before EM's head has arrived, and frees its share of the upstream
///   cap. Like nginx (`proxy_ignore_client_abort off`), a client that shuts down its sending side
///   while waiting is taken as gone.
/// - HTTP/1.0 clients get answers of unknown length close-delimited, never chunked
///   (``HTTP10FramingHandler``).
/// - A client that stops reading is cut: when the socket stays unwritable for the client idle
///   timeout, the connection is closed, aborting the response and the transfer behind it.
///
/// Work in the request path must not block: it shares the thread with the sockets of the other
/// connections on that event loop. The gateway's is bounded CPU work per chunk (XML to JSON
/// conversion of at most one libcurl buffer at a time) and awaits everything else.
struct GatewayChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    /// How long a response may wait for an unwritable client before the connection is closed.
    let stalledWriteTimeout: TimeAmount
    /// Serves fresh stored answers below the router; `nil` when the cache is off.
    let storedAnswers: StoredAnswerFront?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ClientWatchHandler(stalledWriteTimeout: stalledWriteTimeout), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return self.base.setup(channel: channel, logger: logger).map { value in
            // Between the HTTP/1 decoder and the conversion to HTTP types: the request's version.
            // Never fails the setup: the value wraps the channel and must reach the server (a
            // connection closed meanwhile has no pipeline left to add to, and needs no framing).
            if let decoder = try? channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
                try? channel.pipeline.syncOperations.addHandler(HTTP10FramingHandler(), position: .after(decoder))
            }
            // After Hummingbird's connection-state handler, so keep-alive and idle tracking see
            // the requests it answers; just before the async channel that feeds the router.
            if let storedAnswers, let state = try? channel.pipeline.syncOperations.handler(type: HTTPConnectionStateHandler.self) {
                try? channel.pipeline.syncOperations.addHandler(StoredAnswerHandler(front: storedAnswers), position: .after(state))
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        let channel = value.channel
        let executor = EventLoopTaskExecutor(eventLoop: channel.eventLoop)
        await withTaskExecutorPreference(executor) {
            // On the channel's event loop now, so the pipeline may be used synchronously.
            guard let watch = try? channel.pipeline.syncOperations.handler(type: ClientWatchHandler.self).departure else {
                await self.base.handle(value: value, logger: logger)
                return
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.base.handle(value: value, logger: logger) }
                group.addTask { await watch.wait() }
                _ = await group.next()
                group.cancelAll()
            }
        }
    }
}
