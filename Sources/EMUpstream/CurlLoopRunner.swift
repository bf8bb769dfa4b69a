internal import CCurl
internal import Logging

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The loop thread: one `curl_multi` handle driving every transfer of an ``UpstreamClient``.
///
/// Each turn takes the queued commands from ``CurlLoop``, runs `curl_multi_perform`, hands
/// finished transfers their results, expires idle ones, then waits in `curl_multi_poll` until a
/// socket, a libcurl timer, the next idle deadline or ``CurlMultiWakeup`` needs it.
final class CurlLoopRunner {
    /// The longest `curl_multi_poll` wait while transfers are in flight.
    private static let maximumWaitMilliseconds: Int32 = 1000
    /// The longest wait with nothing in flight (commands wake the loop anyway).
    private static let idleWaitMilliseconds: Int32 = 10_000

    private let loop: CurlLoop
    private let multi: CurlMultiHandle
    private let share = CurlShareHandle()
    private let configuration: UpstreamClient.Configuration
    private let logger: Logger
    private var transfers: [UInt64: Transfer] = [:]

    private init(loop: CurlLoop, multi: CurlMultiHandle, configuration: UpstreamClient.Configuration, logger: Logger) {
        self.loop = loop
        self.multi = multi
        self.configuration = configuration
        self.logger = logger
    }

    /// Starts the loop thread, which owns `multi` from now on.
    ///
    /// - Parameters:
    ///   - loop: The command queue the thread serves.
    ///   - multi: The multi handle; the caller must not touch it again.
    ///   - configuration: The client's configuration.
    ///   - logger: The client's logger.
    static func start(loop: CurlLoop, multi: CurlMultiHandle, configuration: UpstreamClient.Configuration, logger: Logger) {
        let runner = CurlLoopRunner(loop: loop, multi: multi, configuration: configuration, logger: logger)
        // The retained reference is the thread's: it takes it back (and releases it) on exit.
        let context = Unmanaged.passRetained(runner).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let result = pthread_create(&thread, nil, { context in
            let runner = Unmanaged<CurlLoopRunner>.fromOpaque(context!).takeRetainedValue()
            runner.run()
            return nil
        }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        pthread_detach(thread!)
        #endif
    }

    private func run() {
        self.logger.debug("upstream loop started", metadata: ["em.upstream.libcurl": "\(UpstreamClient.libcurlVersion)"])
        while true {
            let (commands, phase) = self.loop.takeCommands()
            for command in commands {
                self.handle(command)
            }
            if phase == .stopping {
                break
            }
            self.multi.perform()
            self.collectCompletions()
            for transfer in self.transfers.values {
                transfer.deliverPendingHead()
            }
            let wait = self.expireIdleTransfers()
            if phase == .draining && self.transfers.isEmpty {
                self.loop.didDrain()
            }
            self.multi.poll(timeoutMilliseconds: wait)
        }
        for transfer in Array(self.transfers.values) {
            self.end(transfer, UpstreamError(.shutdown, message: "the upstream client was shut down"))
        }
        self.loop.didStop()
        self.logger.debug("upstream loop stopped")
        // The multi handle is cleaned up when this runner is released, after didStop().
    }

    private func handle(_ command: CurlLoop.Command) {
        switch command {
        case .submit(let submission):
            self.start(submission)
        case .resume(let id):
            self.transfers[id]?.resumeBody()
        case .abort(let id, let error):
            if let transfer = self.transfers[id] {
                self.end(transfer, error)
            }
        }
    }

    private func start(_ submission: TransferSubmission) {
        guard !submission.ticket.isCancelled else {
            submission.continuation.resume(throwing: UpstreamError(.cancelled, message: "cancelled before it started"))
            return
        }
        let transfer: Transfer
        do {
            transfer = try Transfer(submission: submission, configuration: self.configuration, share: self.share, loop: self.loop)
            try self.multi.add(transfer.easy)
        } catch {
            submission.continuation.resume(throwing: error)
            return
        }
        self.transfers[transfer.id] = transfer
        submission.logger.debug(
            "upstream request",
            metadata: ["em.upstream.method": "\(submission.request.method)", "em.upstream.url": "\(UpstreamRequest.redactedForLogs(submission.request.url))"]
        )
    }

    /// Removes the transfer from libcurl and tells its caller how it ended.
    private func end(_ transfer: Transfer, _ error: UpstreamError?) {
        self.multi.remove(transfer.easy)
        self.transfers[transfer.id] = nil
        transfer.finish(error)
    }

    private func collectCompletions() {
        while let (privateData, result) = self.multi.nextCompletion() {
            // Safe because CURLOPT_PRIVATE holds the unretained Transfer, still in `transfers`.
            let transfer = Unmanaged<Transfer>.fromOpaque(privateData).takeUnretainedValue()
            guard result != CURLE_OK else {
                self.end(transfer, nil)
                continue
            }
            self.end(transfer, UpstreamError(curlCode: result, detail: transfer.easy.errorText, connected: transfer.connected))
        }
    }

    /// Fails connected, unpaused transfers that received nothing for the idle timeout.
    ///
    /// - Returns: Milliseconds until the next idle deadline, bounded by ``maximumWaitMilliseconds``
    ///   (``idleWaitMilliseconds`` with nothing in flight).
    private func expireIdleTransfers() -> Int32 {
        guard !self.transfers.isEmpty else {
            return Self.idleWaitMilliseconds
        }
        let idleTimeout = self.configuration.idleTimeout
        let now = ContinuousClock.now
        var wait = Duration.milliseconds(Self.maximumWaitMilliseconds)
        var expired: [Transfer] = []
        for transfer in self.transfers.values where transfer.connected && !transfer.isPaused {
            let idle = now - transfer.lastActivity
            if idle >= idleTimeout {
                expired.append(transfer)
            } else {
                wait = min(wait, idleTimeout - idle)
            }
        }
        for transfer in expired {
            self.end(transfer, UpstreamError(.idleTimeout, message: "no data received for \(idleTimeout)"))
        }
        return Int32(Transfer.milliseconds(wait))
    }
}

@available(*, unavailable)
extension CurlLoopRunner: Sendable {}
