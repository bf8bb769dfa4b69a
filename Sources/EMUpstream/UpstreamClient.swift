internal import CCurl
public import Logging
public import ServiceLifecycle

/// The HTTP/1.1 client the gateway uses to reach Enterprise Manager, built on libcurl.
///
/// Every transfer runs on a single `curl_multi` handle, whose connection pool keeps connections
/// for reuse, driven through libcurl's multi_socket API: the calling thread sends a request
/// itself when the handle is free, and one dedicated thread waits for answers. Requests go out exactly as given (no redirects
/// followed, no cookie engine, no `Expect: 100-continue`, no invented `Content-Type`);
/// ``execute(_:deadline:logger:)`` returns once the final response head and the first bytes of its body
/// have arrived (or the transfer has ended), and the body streams with backpressure.
///
/// Run it as a service so graceful shutdown drains it:
///
/// ```swift
/// let upstream = UpstreamClient(configuration: config, logger: logger)
/// let app = Application(router: router, services: [upstream])
/// ```
///
/// or scope it with ``withUpstreamClient(configuration:logger:isolation:_:)``.
///
/// - Important: Call ``shutdown()`` (or let ``run()`` return) when done; until then the loop
///   thread keeps running. Releasing the client also stops it, failing transfers in flight.
public final class UpstreamClient: Service, Sendable {
    private let loop: CurlLoop
    private let logger: Logger

    /// The version of the libcurl in use, such as `7.88.1`.
    public static var libcurlVersion: String {
        _ = curlGlobalInitResult
        return String(cString: em_curl_version_string())
    }

    /// Creates a client and starts its loop thread.
    ///
    /// - Parameters:
    ///   - configuration: Timeouts, connection limit, TLS and decompression; defaults as documented
    ///     on ``Configuration``.
    ///   - logger: Where the client logs (debug level only); disabled by default. Per-request
    ///     loggers can be passed to ``execute(_:deadline:logger:)``.
    public init(
        configuration: Configuration = .init(),
        logger: Logger = Logger(label: "em.upstream", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        precondition(curlGlobalInitResult == CURLE_OK.rawValue, "curl_global_init failed: \(curlGlobalInitResult)")
        let engine: CurlEngine
        do {
            engine = try CurlEngine(configuration: configuration, logger: logger)
        } catch {
            preconditionFailure("cannot start the upstream loop: \(error.message)")
        }
        self.loop = CurlLoop(engine: engine, logger: logger)
        self.logger = logger
        CurlEngine.startThread(for: self.loop)
    }

    deinit {
        self.loop.stop(waiter: nil)
    }

    /// Sends one request and returns once the final response head has arrived; the body streams.
    ///
    /// Cancelling the calling task before the head arrives aborts the transfer. After this returns,
    /// the transfer lives as long as someone reads ``UpstreamResponse/body``; dropping the body or
    /// cancelling its reader aborts it.
    ///
    /// ```swift
    /// let response = try await client.execute(
    ///     UpstreamRequest(method: "GET", url: "https://em:9398/api/jobs?format=Entity"),
    ///     logger: context.logger
    /// )
    /// ```
    ///
    /// - Parameters:
    ///   - request: The request, sent as given.
    ///   - deadline: When the whole transfer, body included, must have ended; past it the call
    ///     (or the body's reader) fails with `.deadlineExceeded`. `nil` (the default) sets no
    ///     limit beyond the idle timeout, so a large body streams as long as bytes keep coming.
    ///   - logger: The logger for this request (debug level); the client's logger when `nil`.
    /// - Returns: The status, the final head's fields and the streaming body, once the first body
    ///   bytes are in too or the transfer has ended (a transfer that fails after the head then
    ///   returns the head, and its body throws the failure).
    /// - Throws: `UpstreamError` with code `.connectionRefused`, `.hostNotFound`,
    ///   `.connectTimeout`, `.idleTimeout` (nothing received for
    ///   ``Configuration/idleTimeout`` before the head), `.deadlineExceeded`, `.tls`, `.connectionReset`, `.badResponse`
    ///   when the transfer fails before the head; `.cancelled` when the task is cancelled;
    ///   `.shutdown` when the client is shut down or draining; `.other` when the request is invalid
    ///   (method or header name not a token, CR/LF in a value, not an http(s) URL).
    public func execute(
        _ request: UpstreamRequest, deadline: ContinuousClock.Instant? = nil, logger: Logger? = nil
    ) async throws -> UpstreamResponse {
        try request.validate()
        let logger = logger ?? self.logger
        let ticket = self.loop.makeTicket()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let submission = TransferSubmission(
                    ticket: ticket, request: request, deadline: deadline, logger: logger, continuation: continuation)
                if !self.loop.submit(submission) {
                    continuation.resume(throwing: UpstreamError(.shutdown, message: "the upstream client is shut down"))
                }
            }
        } onCancel: {
            ticket.cancel()
            self.loop.send(.abort(ticket.id, UpstreamError(.cancelled, message: "the request's task was cancelled")))
        }
    }

    /// Stops the loop: transfers in flight fail with `UpstreamError(.shutdown)`, new requests are
    /// refused, the loop thread exits and libcurl's handles are freed. Idempotent.
    ///
    /// Returns once the loop thread has exited.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            self.loop.stop(waiter: continuation)
        }
    }

    /// Stops accepting requests and waits until every transfer in flight has finished (its body
    /// read to the end or abandoned), or until the loop stops.
    func drain() async {
        await self.loop.drain()
    }
}

extension UpstreamClient {
    /// Asks the loop to stop without waiting for it (for cancellation handlers).
    func stopWithoutWaiting() {
        self.loop.stop(waiter: nil)
    }
}
