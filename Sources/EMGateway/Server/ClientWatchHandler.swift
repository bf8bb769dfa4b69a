import NIOCore
import Synchronization

/// Watches the client side of a connection, first in its pipeline (before any handler that
/// could hold events back, such as HTTP pipelining assistance):
///
/// - the client's departure: its half-close (`ChannelEvent.inputClosed`; Hummingbird allows
///   remote half-closure) or the connection's end (`channelInactive`) signals ``departure``;
/// - a stalled reader: when the channel stays unwritable (the client does not read what is sent)
///   for `stalledWriteTimeout`, the channel is closed.
final class ClientWatchHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny

    /// Signalled once when the client is gone.
    let departure = ClientDeparture()
    private let stalledWriteTimeout: TimeAmount
    private var stallTimer: Scheduled<Void>?

    init(stalledWriteTimeout: TimeAmount) {
        self.stalledWriteTimeout = stalledWriteTimeout
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent {
            departure.signal()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stallTimer?.cancel()
        stallTimer = nil
        departure.signal()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stallTimer?.cancel()
            stallTimer = nil
        } else if stallTimer == nil {
            let channel = context.channel
            stallTimer = context.eventLoop.scheduleTask(in: stalledWriteTimeout) {
                channel.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stallTimer?.cancel()
        stallTimer = nil
    }
}

@available(*, unavailable)
extension ClientWatchHandler: Sendable {}

/// A one-shot signal that the client is gone, awaited by the connection's task.
final class ClientDeparture: Sendable {
    private struct State {
        var signalled = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Marks the client gone and resumes the waiter, if any. Idempotent.
    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.signalled = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Returns once the client is gone, or when the calling task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.signalled { return true }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            signal()
        }
    }
}
