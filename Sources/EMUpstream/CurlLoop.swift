internal import Synchronization

/// The thread-safe side of the curl multi loop: a lock-protected command queue, the loop's
/// lifecycle phase, and the waiters for draining and shutdown.
///
/// Any thread enqueues work here and wakes the loop; only ``CurlLoopRunner``, on the loop
/// thread, takes the work and touches libcurl handles.
final class CurlLoop: Sendable {
    /// A unit of work for the loop thread.
    enum Command: Sendable {
        /// Start a transfer.
        case submit(TransferSubmission)
        /// The body's consumer wants more: unpause the transfer if it is paused.
        case resume(UInt64)
        /// Abort a transfer with an error (caller cancelled, consumer gone).
        case abort(UInt64, UpstreamError)
    }

    /// Where the loop is in its life.
    enum Phase: Sendable, Equatable {
        /// Accepting new transfers.
        case running
        /// Refusing new transfers, finishing the ones in flight.
        case draining
        /// Failing everything in flight and exiting.
        case stopping
        /// The loop thread has exited; the multi handle is gone.
        case stopped
    }

    private struct State {
        var commands: [Command] = []
        var phase: Phase = .running
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let wakeup: CurlMultiWakeup
    private let nextTransferID = Atomic<UInt64>(1)

    init(wakeup: CurlMultiWakeup) {
        self.wakeup = wakeup
    }

    /// A new transfer identifier, unique for this loop.
    func makeTicket() -> TransferTicket {
        TransferTicket(id: self.nextTransferID.wrappingAdd(1, ordering: .relaxed).oldValue)
    }

    /// Queues a new transfer.
    ///
    /// - Returns: `false` when the loop no longer accepts transfers (draining or stopped).
    func submit(_ submission: TransferSubmission) -> Bool {
        self.state.withLock { state in
            guard state.phase == .running else {
                return false
            }
            self.append(.submit(submission), to: &state)
            return true
        }
    }

    /// Queues a command about an existing transfer; ignored once the loop has stopped.
    func send(_ command: Command) {
        self.state.withLock { state in
            guard state.phase != .stopped else {
                return
            }
            self.append(command, to: &state)
        }
    }

    /// Stops accepting transfers and waits until every transfer in flight has finished, or
    /// until the loop stops.
    func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = self.state.withLock { state -> Bool in
                switch state.phase {
                case .running:
                    state.phase = .draining
                    state.drainWaiters.append(continuation)
                    self.wakeup.wake()
                    return false
                case .draining, .stopping:
                    state.drainWaiters.append(continuation)
                    return false
                case .stopped:
                    return true
                }
            }
            if resumeNow {
                continuation.resume()
            }
        }
    }

    /// Asks the loop to fail everything in flight and exit; idempotent.
    ///
    /// - Parameter waiter: Resumed once the loop thread has exited (at once if it already has).
    func stop(waiter: CheckedContinuation<Void, Never>?) {
        let resumeNow = self.state.withLock { state -> Bool in
            switch state.phase {
            case .stopped:
                return true
            case .running, .draining, .stopping:
                if let waiter {
                    state.stopWaiters.append(waiter)
                }
                if state.phase != .stopping {
                    state.phase = .stopping
                    self.wakeup.wake()
                }
                return false
            }
        }
        if resumeNow {
            waiter?.resume()
        }
    }

    // MARK: Loop thread side

    /// Takes all queued commands (loop thread only).
    ///
    /// - Returns: The commands in the order they were queued, and the phase at that moment.
    func takeCommands() -> (commands: [Command], phase: Phase) {
        self.state.withLock { state in
            var commands: [Command] = []
            swap(&commands, &state.commands)
            return (commands, state.phase)
        }
    }

    /// Tells drain waiters that no transfer is in flight (loop thread only).
    func didDrain() {
        let waiters = self.state.withLock { state in
            var waiters: [CheckedContinuation<Void, Never>] = []
            swap(&waiters, &state.drainWaiters)
            return waiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Marks the loop as exited (loop thread only, before the multi handle is released): no more
    /// wakeups; leftover submissions fail with `.shutdown`; every waiter resumes.
    func didStop() {
        let (commands, waiters) = self.state.withLock { state in
            state.phase = .stopped
            var commands: [Command] = []
            swap(&commands, &state.commands)
            let waiters = state.drainWaiters + state.stopWaiters
            state.drainWaiters = []
            state.stopWaiters = []
            return (commands, waiters)
        }
        for case .submit(let submission) in commands {
            submission.continuation.resume(throwing: UpstreamError(.shutdown, message: "the upstream client was shut down"))
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    private func append(_ command: Command, to state: inout State) {
        let wasEmpty = state.commands.isEmpty
        state.commands.append(command)
        if wasEmpty {
            // Under the lock, so the multi handle cannot be cleaned up meanwhile (see CurlMultiWakeup).
            self.wakeup.wake()
        }
    }
}
