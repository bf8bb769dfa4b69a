import Synchronization

/// Where a response's end is reported, so the access log and the request metrics record the
/// outcome once it is known.
///
/// ``ObservabilityMiddleware`` makes one per request and puts it in the request's context.
/// Most answers are whole when the pipeline returns them: the outcome is known at once. A body
/// that streams after the head (``ResponseBodyStreamer``) is marked with ``streams()`` when it
/// goes to the client, and its end reports with ``ended(_:)`` (just before the last chunk is
/// written, so a client that reads the whole body finds the request already counted).
///
/// A streaming body that is never written (the connection failed before the head went out)
/// is dropped unread: the report then says ``ResponseOutcome/clientClosed``. So does a body
/// that ended `complete` on a connection found closed then: a closed connection can take the
/// last writes without an error.
final class ResponseEnd: Sendable {
    private enum State {
        /// Nothing streams (yet).
        case whole
        /// A streaming body went to the client; nobody waits for its end yet.
        case streaming
        /// A streaming body went to the client, and its end is awaited.
        case awaited(@Sendable (ResponseOutcome) -> Void)
        /// The streaming body ended before its end was awaited.
        case ended(ResponseOutcome)
        /// Reported.
        case reported
    }

    private let state = Mutex(State.whole)
    private let isConnected: @Sendable () -> Bool

    /// Creates the request's end.
    /// - Parameter isConnected: whether the client's connection is still open.
    init(isConnected: @escaping @Sendable () -> Bool = { true }) {
        self.isConnected = isConnected
    }

    /// Marks the response as streaming its body after the head.
    func streams() {
        state.withLock { if case .whole = $0 { $0 = .streaming } }
    }

    /// Reports how the streaming body ended (once; later reports are ignored).
    func ended(_ reported: ResponseOutcome) {
        let outcome = reported == .complete && !isConnected() ? .clientClosed : reported
        let report = state.withLock { state -> (@Sendable (ResponseOutcome) -> Void)? in
            switch state {
            case .awaited(let report):
                state = .reported
                return report
            case .whole, .streaming:
                state = .ended(outcome)
                return nil
            case .ended, .reported:
                return nil
            }
        }
        report?(outcome)
    }

    /// Calls `report` once with the outcome: at once with `whole` when no body streams, else
    /// when the streaming body ends.
    /// - Parameters:
    ///   - whole: the outcome of a response that does not stream.
    ///   - report: receives the outcome.
    func whenEnded(whole: ResponseOutcome, _ report: @escaping @Sendable (ResponseOutcome) -> Void) {
        let now = state.withLock { state -> ResponseOutcome? in
            switch state {
            case .whole:
                state = .reported
                return whole
            case .streaming:
                state = .awaited(report)
                return nil
            case .ended(let outcome):
                state = .reported
                return outcome
            case .awaited, .reported:
                return nil
            }
        }
        if let now { report(now) }
    }

    deinit {
        let report = state.withLock { state -> (@Sendable (ResponseOutcome) -> Void)? in
            if case .awaited(let report) = state { return report }
            return nil
        }
        report?(.clientClosed)
    }
}
