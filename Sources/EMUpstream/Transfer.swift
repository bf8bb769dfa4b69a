internal import CCurl
internal import Logging
internal import NIOCore

/// One request in flight, owned by the engine (used under its lock): its easy handle, its head parser and its
/// ``StateMachine``. libcurl's callbacks reach it through `Unmanaged` pointers.
final class Transfer {
    /// libcurl's receive buffer (`CURLOPT_BUFFERSIZE`): fewer reads for large bodies.
    static let receiveBufferSize = 64 * 1024
    /// Body chunks buffered for the consumer before libcurl is paused; libcurl hands over at most
    /// 16 KiB (`CURL_MAX_WRITE_SIZE`) per chunk, so about 128 KiB.
    static let highWatermark = 8
    /// Buffered chunks below which a paused transfer resumes.
    static let lowWatermark = 2

    let id: UInt64
    let easy: CurlEasyHandle
    let logger: Logger
    let started: ContinuousClock.Instant
    /// When the whole transfer, body included, must have ended (the caller's), or `nil`.
    let deadline: ContinuousClock.Instant?
    /// libcurl has a connection for this transfer (its pre-request callback ran).
    var connected = false
    /// When the transfer last received a byte (or connected, or resumed after a pause).
    var lastActivity: ContinuousClock.Instant
    private(set) var machine: StateMachine
    private var headParser = ResponseHeadParser()
    private let loop: CurlLoop
    /// The head, parsed but not yet handed to `execute`'s caller: see ``deliverPendingHead(force:)``.
    private var pendingHead: (CheckedContinuation<UpstreamResponse, any Error>, UpstreamResponse)?
    /// The head may be handed over: libcurl has delivered body bytes (taken or refused with a
    /// pause), or the head's status announces none (1xx, 204, 304, or no HTTP status at all).
    private var headReady = false

    /// Creates the transfer on `easy` (new, or reset after an earlier transfer), configured for
    /// `submission.request`.
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses an option.
    init(
        submission: TransferSubmission,
        easy: CurlEasyHandle,
        configuration: UpstreamClient.Configuration,
        share: CurlShareHandle,
        loop: CurlLoop
    ) throws(UpstreamError) {
        self.id = submission.ticket.id
        self.easy = easy
        self.logger = submission.logger
        self.loop = loop
        self.started = .now
        self.deadline = submission.deadline
        self.lastActivity = self.started
        self.machine = StateMachine(continuation: submission.continuation)
        try self.configure(request: submission.request, configuration: configuration, share: share)
    }

    /// Whether the consumer has paused the transfer (exempt from the idle timeout).
    var isPaused: Bool {
        self.machine.isPaused
    }

    // MARK: Callbacks (engine lock holder, inside libcurl)

    /// `CURLOPT_HEADERFUNCTION`: one header line.
    ///
    /// - Returns: The bytes consumed (all).
    func receivedHeaderLine(_ line: UnsafeRawBufferPointer) -> Int {
        self.lastActivity = .now
        guard !self.machine.hasDeliveredHead else {
            return line.count  // trailer fields after a chunked body: not part of the head
        }
        if case .head(let status, let headers) = self.headParser.consume(line) {
            self.deliverHead(status: status, headers: headers)
        }
        return line.count
    }

    /// `CURLOPT_WRITEFUNCTION`: a chunk of the body.
    ///
    /// - Returns: The bytes consumed, `CURL_WRITEFUNC_PAUSE`, or 0 to abort.
    func receivedBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        self.lastActivity = .now
        self.headReady = true
        if !self.machine.hasDeliveredHead {
            // A body without a head libcurl accepted (it validates status lines itself).
            self.deliverHead(status: self.easy.info(CURLINFO_RESPONSE_CODE), headers: [])
        }
        switch self.machine.receivedBody({ ByteBuffer(bytes: bytes) }) {
        case .consumed:
            return bytes.count
        case .pause:
            return em_curl_writefunc_pause()
        case .abort:
            return 0
        }
    }

    /// `CURLOPT_PREREQFUNCTION`: connected (or reusing a connection); the request goes out next.
    func didConnect() {
        self.connected = true
        self.lastActivity = .now
    }

    // MARK: Commands (engine lock holder, outside libcurl callbacks)

    /// The consumer wants more: resumes libcurl if it is paused.
    func resumeBody() {
        if self.machine.isPaused {
            self.lastActivity = .now  // the pause was the reader's doing, not the upstream's
        }
        if self.machine.resume() {
            self.easy.unpause()  // may call receivedBody before it returns
        }
    }

    /// Ends the transfer: resumes `execute` or finishes the body. Call after removing the easy
    /// handle from the multi handle.
    ///
    /// - Parameter error: Why it failed, or `nil` when libcurl completed it.
    func finish(_ error: UpstreamError?) {
        if error == nil, !self.machine.hasDeliveredHead {
            // A head-only response whose blank line the parser did not see (such as HTTP/1.0
            // without fields): use what libcurl knows.
            let status = self.easy.info(CURLINFO_RESPONSE_CODE)
            if status > 0 {
                self.deliverHead(status: status, headers: [])
            }
        }
        let elapsed = ContinuousClock.now - self.started
        // Finish the body first, so a caller resumed just below finds it complete.
        defer { self.deliverPendingHead(force: true) }
        switch self.machine.finish(error) {
        case .failHead(let continuation, let error):
            self.log(error, elapsed: elapsed)
            continuation.resume(throwing: error)
        case .finishBody(let source, let bodyState, let error):
            if let error {
                self.log(error, elapsed: elapsed)
                source.finish(error)
            } else {
                self.logger.debug("upstream transfer complete", metadata: ["em.upstream.duration": "\(elapsed)"])
                bodyState.markComplete()
                source.finish()
            }
        case .none:
            break
        }
    }

    private func deliverHead(status: Int, headers: [UpstreamHeader]) {
        let bodyState = BodyState()
        let made = UpstreamBody.Producer.makeSequence(
            elementType: ByteBuffer.self,
            failureType: (any Error).self,
            backPressureStrategy: .init(lowWatermark: Self.lowWatermark, highWatermark: Self.highWatermark),
            finishOnDeinit: false,
            delegate: BodyProducerDelegate(loop: self.loop, transferID: self.id, state: bodyState)
        )
        guard let continuation = self.machine.receivedHead(source: made.source, bodyState: bodyState) else {
            made.source.finish()
            return
        }
        self.logger.debug("upstream response head", metadata: ["em.upstream.status": "\(status)"])
        if status < 200 || status == 204 || status == 304 || status > 599 {
            self.headReady = true  // nothing to wait for (a 101 may keep the connection silent)
        }
        let body = UpstreamBody(producer: made.sequence, state: bodyState)
        self.pendingHead = (continuation, UpstreamResponse(status: status, headers: headers, body: body))
    }

    /// Hands a parsed head to `execute`'s caller once the first body bytes are in too (or, with
    /// `force`, at once: the transfer has ended).
    ///
    /// The loop calls this after each `curl_multi_socket_action`, not from the header callback:
    /// body bytes that arrived in the same read are buffered by then (a small answer usually
    /// arrives whole), so the caller reads them without suspending again. A server that writes
    /// the head and the body in separate segments (Hummingbird does; so may EM) would otherwise
    /// wake the caller's thread twice, for the head and again for the body: measured as the
    /// largest avoidable cost of a small request at one connection.
    func deliverPendingHead(force: Bool = false) {
        guard let (continuation, response) = self.pendingHead, force || self.headReady else { return }
        self.pendingHead = nil
        continuation.resume(returning: response)
    }

    private func log(_ error: UpstreamError, elapsed: Duration) {
        var metadata: Logger.Metadata = [
            "em.upstream.error": "\(error.code)",
            "em.upstream.duration": "\(elapsed)",
        ]
        if let curlCode = error.curlCode {
            metadata["em.upstream.curl_code"] = "\(curlCode)"
        }
        if !error.message.isEmpty {
            metadata["em.upstream.detail"] = "\(error.message)"
        }
        self.logger.debug("upstream transfer failed", metadata: metadata)
    }
}

@available(*, unavailable)
extension Transfer: Sendable {}
