internal import CCurl
internal import Logging

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The libcurl side of an ``UpstreamClient``: one `curl_multi` handle driven through libcurl's
/// multi_socket API, its transfers and its timers.
///
/// It lives in ``CurlLoop``'s engine lock, and whoever holds the lock drives it. A thread that
/// sends a request takes the lock when it is free and starts the transfer itself, so the request
/// leaves at once instead of after waking the loop thread (a cross-CPU wake-up is the largest
/// single cost of a small request). The loop thread waits on the ``CurlEventSet``
/// *without* the lock, then takes it to tell libcurl which sockets are ready, to run the commands
/// queued while the lock was busy, and to fire libcurl's timer.
final class CurlEngine {
    /// The longest wait of the loop thread, so idle deadlines are checked at least this often.
    static let maximumWaitMilliseconds: Int32 = 1000
    /// How often one lock holder fires a timer libcurl keeps re-arming at zero before leaving the
    /// rest to the loop thread.
    private static let timerRounds = 8

    private var multi: CurlMultiHandle?
    private let share = CurlShareHandle()
    let events: CurlEventSet
    private let configuration: UpstreamClient.Configuration
    private let logger: Logger
    private var transfers: [UInt64: Transfer] = [:]
    /// Easy handles of ended transfers, reset for the next ones: libcurl's advice is to re-use
    /// handles (`curl_easy_reset` costs less than `curl_easy_init` and `curl_easy_cleanup`).
    private var spareHandles: [CurlEasyHandle] = []
    /// The most spare handles kept (a burst's handles beyond it are freed).
    private static let spareHandleLimit = 64
    /// When libcurl wants its timer fired (`CURLMOPT_TIMERFUNCTION`); `nil` when it has none.
    private var timerDeadline: ContinuousClock.Instant?
    /// Until when the loop thread sleeps, while it does; another lock holder that moves a
    /// deadline earlier wakes it.
    private var loopSleepsUntil: ContinuousClock.Instant?

    /// Creates the engine and its multi handle.
    ///
    /// - Throws: `UpstreamError(.other)` when the readiness set cannot be created.
    init(configuration: UpstreamClient.Configuration, logger: Logger) throws(UpstreamError) {
        self.events = try CurlEventSet()
        self.configuration = configuration
        self.logger = logger
        let multi = CurlMultiHandle(maxConnectionsPerHost: configuration.maxConnectionsPerHost)
        self.multi = multi
        multi.installCallbacks(for: self)
    }

    // MARK: libcurl's callbacks (inside socketAction or add/remove, under the lock)

    /// `CURLMOPT_SOCKETFUNCTION`.
    ///
    /// - Parameter known: libcurl passed back this socket's mark: the set already watches it.
    func watch(_ socket: curl_socket_t, _ what: Int32, known: Bool) {
        self.events.watch(socket, what, known: known)
        if !known && what != CURL_POLL_REMOVE {
            self.multi?.markWatched(socket)
        }
    }

    /// `CURLMOPT_TIMERFUNCTION`: fire in `milliseconds` (0: as soon as possible), or never (-1).
    func setTimer(milliseconds: Int) {
        self.timerDeadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
    }

    // MARK: Driving (under the lock)

    /// Starts a transfer, or fails its caller when it cannot start.
    func start(_ submission: TransferSubmission, loop: CurlLoop) {
        guard let multi else {
            submission.continuation.resume(throwing: UpstreamError(.shutdown, message: "the upstream client was shut down"))
            return
        }
        guard !submission.ticket.isCancelled else {
            submission.continuation.resume(throwing: UpstreamError(.cancelled, message: "cancelled before it started"))
            return
        }
        let transfer: Transfer
        do {
            let easy = try self.spareHandles.popLast() ?? CurlEasyHandle()
            transfer = try Transfer(submission: submission, easy: easy, configuration: self.configuration, share: self.share, loop: loop)
            try multi.add(transfer.easy)
        } catch {
            submission.continuation.resume(throwing: error)
            return
        }
        self.transfers[transfer.id] = transfer
        submission.logger.debug(
            "upstream request",
            metadata: [
                "em.upstream.method": "\(submission.request.method)",
                "em.upstream.url": "\(UpstreamRequest.redactedForLogs(submission.request.url))",
            ]
        )
    }

    /// Runs one queued command.
    func handle(_ command: CurlLoop.Command, loop: CurlLoop) {
        switch command {
        case .submit(let submission):
            self.start(submission, loop: loop)
        case .resume(let id):
            self.transfers[id]?.resumeBody()
        case .abort(let id, let error):
            if let transfer = self.transfers[id] {
                self.end(transfer, error)
            }
        }
    }

    /// Tells libcurl about ready sockets.
    func socketsReady(_ ready: [(socket: curl_socket_t, mask: Int32)]) {
        for (socket, mask) in ready {
            self.multi?.socketAction(socket, mask: mask)
        }
    }

    /// After any change: fires libcurl's timer when it is due (starting new transfers), hands
    /// finished transfers their results and parsed heads their callers, and wakes a sleeping loop
    /// thread when its sleep now ends too late.
    func settle() {
        for _ in 0..<Self.timerRounds {
            guard let multi, let deadline = self.timerDeadline, deadline <= .now else { break }
            self.timerDeadline = nil
            multi.socketAction(CurlMultiHandle.timeoutSocket, mask: 0)
        }
        self.collectCompletions()
        for transfer in self.transfers.values {
            transfer.deliverPendingHead()
        }
        if let sleepsUntil = self.loopSleepsUntil, let next = self.nextDeadline(), next < sleepsUntil {
            self.loopSleepsUntil = nil
            self.events.wake()
        }
    }

    /// Fails transfers that went idle or passed their deadline; returns how long the loop thread
    /// may sleep, and notes it.
    func prepareToSleep() -> Int32 {
        self.expireIdleTransfers()
        let now = ContinuousClock.now
        let until = min(
            self.nextDeadline() ?? now + .milliseconds(Self.maximumWaitMilliseconds), now + .milliseconds(Self.maximumWaitMilliseconds))
        self.loopSleepsUntil = until
        return Int32(until <= now ? 0 : Transfer.milliseconds(until - now))
    }

    /// The loop thread is awake (it holds the lock): no one needs to wake it.
    func didWake() {
        self.loopSleepsUntil = nil
    }

    /// Whether no transfer is in flight.
    var isIdle: Bool {
        self.transfers.isEmpty
    }

    /// Fails every transfer in flight and frees libcurl's handles (loop thread, at exit).
    func close(_ error: UpstreamError) {
        for transfer in Array(self.transfers.values) {
            self.end(transfer, error)
        }
        self.spareHandles = []
        // Released after the property is cleared: curl_multi_cleanup may call `watch` back.
        let closing = self.multi
        self.multi = nil
        withExtendedLifetime(closing) {}
    }

    // MARK: Internals

    /// The earliest of libcurl's timer, the transfers' idle deadlines and their callers' deadlines.
    private func nextDeadline() -> ContinuousClock.Instant? {
        var next = self.timerDeadline
        let idleTimeout = self.configuration.idleTimeout
        for transfer in self.transfers.values {
            if let deadline = transfer.deadline { next = next.map { min($0, deadline) } ?? deadline }
            guard transfer.connected && !transfer.isPaused else { continue }
            let deadline = transfer.lastActivity + idleTimeout
            next = next.map { min($0, deadline) } ?? deadline
        }
        return next
    }

    /// Tells the transfer's caller how it ended, then removes it from libcurl (after: the
    /// caller's thread is woken first; libcurl calls nothing of a transfer in between).
    private func end(_ transfer: Transfer, _ error: UpstreamError?) {
        self.transfers[transfer.id] = nil
        transfer.finish(error)
        guard let multi = self.multi else { return }
        multi.remove(transfer.easy)
        // The transfer is out of `transfers` and out of libcurl: nothing reaches its handle again.
        if self.spareHandles.count < Self.spareHandleLimit {
            transfer.easy.reset()
            self.spareHandles.append(transfer.easy)
        }
    }

    private func collectCompletions() {
        while let (privateData, result) = self.multi?.nextCompletion() {
            // Safe because CURLOPT_PRIVATE holds the unretained Transfer, still in `transfers`.
            let transfer = Unmanaged<Transfer>.fromOpaque(privateData).takeUnretainedValue()
            guard result != CURLE_OK else {
                self.end(transfer, nil)
                continue
            }
            self.end(transfer, UpstreamError(curlCode: result, detail: transfer.easy.errorText, connected: transfer.connected))
        }
    }

    /// Fails transfers whose caller's deadline passed (paused or not), and connected, unpaused
    /// transfers that received nothing for the idle timeout.
    private func expireIdleTransfers() {
        let idleTimeout = self.configuration.idleTimeout
        let now = ContinuousClock.now
        for transfer in self.transfers.values.filter({ $0.deadline.map { now >= $0 } ?? false }) {
            self.end(transfer, UpstreamError(.deadlineExceeded, message: "not done \(now - transfer.started) after it started"))
        }
        let expired = self.transfers.values.filter { $0.connected && !$0.isPaused && now - $0.lastActivity >= idleTimeout }
        for transfer in expired {
            self.end(transfer, UpstreamError(.idleTimeout, message: "no data received for \(idleTimeout)"))
        }
    }
}

@available(*, unavailable)
extension CurlEngine: Sendable {}

extension CurlEngine {
    /// Starts the loop thread of `loop`, which serves it until it stops.
    static func startThread(for loop: CurlLoop) {
        // The retained reference is the thread's: it takes it back (and releases it) on exit.
        let context = Unmanaged.passRetained(loop).toOpaque()
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let result = pthread_create(
            &thread, nil,
            { context in
                let loop = Unmanaged<CurlLoop>.fromOpaque(context!).takeRetainedValue()
                loop.runLoopThread()
                return nil
            }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
        #if canImport(Glibc)
            pthread_detach(thread)
        #else
            pthread_detach(thread!)
        #endif
    }
}
