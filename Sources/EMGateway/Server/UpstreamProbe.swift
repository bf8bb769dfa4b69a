public import EMUpstream
public import Logging
import NIOCore
public import ServiceLifecycle
import Synchronization

/// Knows whether EM answers: checks `GET /api/` at start and keeps checking in the background,
/// for `/readyz`.
///
/// An upstream that answers `GET /api/` with anything but EM's `EnterpriseManager` document is
/// not EM (for example Veeam Backup & Replication's own REST API on port 9419): the gateway
/// refuses to start against it. One that does not answer yet is no reason to refuse: it is
/// logged, `/readyz` reports it, and requests get `502` until it is back.
public final class UpstreamProbe: Service, Sendable {
    /// What the last check found.
    public enum State: String, Sendable {
        /// Not checked yet.
        case unknown
        /// EM answered `GET /api/` with `EnterpriseManager`.
        case ready
        /// Nothing answered (refused, timed out, TLS failure).
        case unreachable
        /// Something answered that is not EM.
        case notEnterpriseManager
        /// The gateway is about to shut down: it still serves, but asks load balancers to send
        /// it no new requests (``beginDraining()``).
        case draining
    }

    let upstreamBaseURL: String
    let client: UpstreamClient
    let logger: Logger
    /// Seconds between background checks.
    let interval: Duration
    /// The longest one check waits for EM's answer before calling it unreachable.
    let timeout: Duration
    /// Where its calls to EM are counted (origin `probe`), if anywhere.
    let metrics: GatewayMetrics?
    private let current = Mutex(State.unknown)
    private let checkedAt = Mutex<ContinuousClock.Instant?>(nil)
    private let draining = Atomic(false)
    private let failure = Mutex<UpstreamError.Code?>(nil)

    /// Creates a probe.
    /// - Parameters:
    ///   - upstreamBaseURL: EM's base URL without `/api`.
    ///   - client: the libcurl client.
    ///   - interval: time between background checks. Default 10 s.
    ///   - timeout: the longest one check waits for EM's whole answer. Default 5 s.
    ///   - metrics: counts its calls to EM (`em_gateway_upstream_requests_total{origin="probe"}`). Default none.
    ///   - logger: where state changes are logged.
    public init(
        upstreamBaseURL: String, client: UpstreamClient, interval: Duration = .seconds(10), timeout: Duration = .seconds(5),
        metrics: GatewayMetrics? = nil, logger: Logger
    ) {
        self.metrics = metrics
        self.upstreamBaseURL = upstreamBaseURL
        self.client = client
        self.interval = interval
        self.timeout = timeout
        self.logger = logger
    }

    /// The state found by the last check.
    public var state: State { current.withLock { $0 } }

    /// Why the last check found EM unreachable (`tls`: EM's certificate is not trusted), or `nil`.
    public var lastFailure: UpstreamError.Code? { failure.withLock { $0 } }

    /// Whether ``beginDraining()`` was called.
    public var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Reports ``State/draining`` from now on (``freshState(maxAge:)``, so `/readyz` answers
    /// `503`), whatever EM does: the gateway is about to shut down.
    public func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }

    /// The state, checked again first when the last check is older than `maxAge`.
    ///
    /// `/readyz` uses this so it reports a change (EM gone, or back) within `maxAge` rather than
    /// the background interval, while a flood of probes still costs EM at most one
    /// `GET /api/` per `maxAge`.
    /// - Parameter maxAge: how old a result may be. Default 1 s.
    /// - Returns: the cached or newly found state.
    public func freshState(maxAge: Duration = .seconds(1)) async -> State {
        if isDraining { return .draining }
        let now = ContinuousClock.now
        let stale = checkedAt.withLock { last in
            guard let checked = last, now - checked < maxAge else {
                last = now
                return true
            }
            return false
        }
        return stale ? await check() : state
    }

    /// Checks `GET /api/` once and records the result.
    /// - Returns: the new state.
    @discardableResult
    public func check() async -> State {
        let state: State
        var failure = ""
        var code: UpstreamError.Code?
        do {
            // An EM that accepts connections but never answers (frozen, overloaded) is
            // unreachable after `timeout`, not after the upstream idle timeout.
            metrics?.upstreamRequest(route: "/api/", origin: .probe)
            let response = try await client.execute(
                UpstreamRequestBuilder(baseURL: upstreamBaseURL).request("GET", "/api/"), deadline: .now + timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            state = response.status == 200 && Self.rootElement(of: body) == "EnterpriseManager" ? .ready : .notEnterpriseManager
        } catch let error as UpstreamError {
            state = .unreachable
            failure = error.message.isEmpty ? "\(error.code)" : "\(error.code): \(error.message)"
            code = error.code
        } catch {
            state = .unreachable
        }
        checkedAt.withLock { $0 = .now }
        self.failure.withLock { $0 = code }
        let previous = current.withLock { value in
            defer { value = state }
            return value
        }
        if previous != state {
            switch state {
            case .ready: logger.info("Enterprise Manager answers", metadata: ["em.upstream": .string(upstreamBaseURL)])
            case .unreachable:
                // The cause matters: a TLS failure (EM's certificate not trusted) is not a dead EM.
                logger.warning(
                    "Enterprise Manager is unreachable",
                    metadata: [
                        "em.upstream": .string(upstreamBaseURL), "em.upstream.error": .string(failure.isEmpty ? "timeout" : failure),
                    ])
            case .notEnterpriseManager:
                logger.error("the upstream answers but is not Enterprise Manager", metadata: ["em.upstream": .string(upstreamBaseURL)])
            case .unknown, .draining: break
            }
        }
        return state
    }

    /// Keeps checking until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.check()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// The local name of the first element of an XML document, skipping the declaration,
    /// comments and whitespace; `nil` when the bytes do not start like XML.
    static func rootElement(of body: ByteBuffer) -> String? {
        let bytes = Array(body.readableBytesView.prefix(4096))
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                index += 1
            } else if byte == UInt8(ascii: "<"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "?") || bytes[index + 1] == UInt8(ascii: "!")
            {
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                index = end + 1
            } else if byte == UInt8(ascii: "<") {
                var end = index + 1
                while end < bytes.count, ![0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                return name.split(separator: ":").last.map(String.init)
            } else {
                return nil
            }
        }
        return nil
    }
}
