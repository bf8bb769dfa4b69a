internal import CCurl
internal import Logging
internal import Synchronization

/// The thread-safe side of the upstream loop: the ``CurlEngine`` behind its lock, a queue of
/// commands for when that lock is busy, the loop's lifecycle phase, and the waiters for
/// draining and shutdown.
///
/// A caller first tries to take the engine lock and act at once (send the request, unpause the
/// transfer); when the lock is busy it queues the command and wakes the loop thread, which runs
/// queued commands in order before anything else. Only the lock holder touches libcurl handles.
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
    private let engine: Mutex<CurlEngine>
    private let wakeup: CurlEventSet
    private let logger: Logger
    private let nextTransferID = Atomic<UInt64>(1)

    /// Creates the loop around `engine`; call ``CurlEngine/startThread(for:)`` next.
    init(engine: consuming sending CurlEngine, logger: Logger) {
        self.wakeup = engine.events
        self.engine = Mutex(engine)
        self.logger = logger
    }

    /// A new transfer identifier, unique for this loop.
    func makeTicket() -> TransferTicket {
        TransferTicket(id: self.nextTransferID.wrappingAdd(1, ordering: .relaxed).oldValue)
    }

    /// Queues a new transfer.
    ///
    /// - Returns: `false` when the loop no longer accepts transfers (draining or stopped).
    func submit(_ submission: TransferSubmission) -> Bool {
        let startedHere = self.engine.withLockIfAvailable { engine -> Bool in
            guard self.runQueued(on: engine) == .running else { return false }
            engine.start(submission, loop: self)
            engine.settle()
            return true
        }
        if let startedHere {
            return startedHere
        }
        return self.state.withLock { state in
            guard state.phase == .running else {
                return false
            }
            self.append(.submit(submission), to: &state)
            return true
        }
    }

    /// Runs a command about an existing transfer now, or queues it when the engine is busy;
    /// ignored once the loop has stopped.
    func send(_ command: Command) {
        let doneHere = self.engine.withLockIfAvailable { engine -> Bool in
            let phase = self.runQueued(on: engine)
            guard phase != .stopped else { return true }
            engine.handle(command, loop: self)
            engine.settle()
            if phase == .draining && engine.isIdle {
                self.didDrain()  // the last transfer ended here (its body read to the end)
            }
            return true
        }
        guard doneHere == nil else {
            return
        }
        self.state.withLock { state in
            guard state.phase != .stopped else {
                return
            }
            self.append(command, to: &state)
        }
    }

    /// Runs the commands queued so far (under the engine lock), so a command run at once never
    /// overtakes an earlier queued one; returns the phase. Stopping is the loop thread's to do.
    private func runQueued(on engine: CurlEngine) -> Phase {
        let (commands, phase) = self.takeCommands()
        for command in commands {
            engine.handle(command, loop: self)
        }
        return phase
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

    /// The loop thread's body: wait for readiness without the engine lock, then drive the engine
    /// with it, until stopped.
    func runLoopThread() {
        self.logger.debug("upstream loop started", metadata: ["em.upstream.libcurl": "\(UpstreamClient.libcurlVersion)"])
        var ready: [(socket: curl_socket_t, mask: Int32)] = []
        ready.reserveCapacity(CurlEventSet.batchSize)
        while true {
            let wait = self.engine.withLock { engine -> Int32? in
                engine.didWake()
                engine.socketsReady(ready)
                let (commands, phase) = self.takeCommands()
                for command in commands {
                    engine.handle(command, loop: self)
                }
                if phase == .stopping {
                    engine.close(UpstreamError(.shutdown, message: "the upstream client was shut down"))
                    self.didStop()
                    return nil
                }
                engine.settle()
                if phase == .draining && engine.isIdle {
                    self.didDrain()
                }
                return engine.prepareToSleep()
            }
            guard let wait else {
                break
            }
            self.wakeup.wait(timeoutMilliseconds: wait, into: &ready)
        }
        self.logger.debug("upstream loop stopped")
    }

    /// Takes all queued commands (engine lock holder only).
    ///
    /// - Returns: The commands in the order they were queued, and the phase at that moment.
    func takeCommands() -> (commands: [Command], phase: Phase) {
        self.state.withLock { state in
            var commands: [Command] = []
            swap(&commands, &state.commands)
            return (commands, state.phase)
        }
    }

    /// Tells drain waiters that no transfer is in flight (under the engine lock).
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

    /// Marks the loop as stopped (loop thread only, under the engine lock, after the multi handle
    /// is released): no more commands; leftover submissions fail with `.shutdown`; every waiter
    /// resumes.
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
            self.wakeup.wake()
        }
    }
}
