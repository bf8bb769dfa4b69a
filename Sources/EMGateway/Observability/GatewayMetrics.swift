import CoreMetrics
import EMTranslate
import EMUpstream
public import Metrics
public import Prometheus
import Synchronization

/// The gateway's metrics, in Prometheus text format at `/metrics`.
///
/// Emitted through swift-metrics with an explicit Prometheus factory (no process-wide
/// bootstrap), so every application has its own registry. Label values are bounded: routes are
/// templates (`/api/jobs/{ID}`), never raw paths, and no label ever carries a token or a user.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `em_gateway_requests_total` | counter | `route`, `method`, `status` |
/// | `em_gateway_request_duration_seconds` | histogram | `route` |
/// | `em_gateway_upstream_duration_seconds` | histogram | `route` (to EM's response head) |
/// | `em_gateway_upstream_errors_total` | counter | `code` |
/// | `em_gateway_xml_bytes_total` / `em_gateway_json_bytes_total` | counter | — |
/// | `em_gateway_unknown_elements_total` | counter | — |
/// | `em_gateway_logons_total` | counter | `outcome` (`success`, `failure`) |
/// | `em_gateway_logoffs_total` | counter | — |
/// | `em_gateway_upstream_requests_total` | counter | `route`, `origin` (``UpstreamOrigin``) |
/// | `em_gateway_coalesced_requests_total` | counter | `route` |
/// | `em_gateway_cache_requests_total` | counter | `result` (`hit`, `stale`, `miss`, `bypass`) |
/// | `em_gateway_cache_bytes` / `em_gateway_cache_entries` | gauge | — |
/// | `em_gateway_cache_evictions_total` | counter | — |
public final class GatewayMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let xmlBytes: CoreMetrics.Counter
    private let jsonBytes: CoreMetrics.Counter
    private let unknownElements: CoreMetrics.Counter
    private let cacheBytes: CoreMetrics.Gauge
    private let cacheEntries: CoreMetrics.Gauge
    private let cacheEvictions: CoreMetrics.Counter
    private let cacheEvictionsSeen = Mutex(0)

    /// The per-request handles by label values, made once: the label sets are bounded (routes
    /// are the contract's templates), and making a handle costs a registry lookup each time.
    private struct Handles {
        var requests: [RequestKey: (CoreMetrics.Counter, CoreMetrics.Timer)] = [:]
        var upstream: [String: CoreMetrics.Timer] = [:]
        var upstreamRequests: [String: CoreMetrics.Counter] = [:]
        var coalesced: [String: CoreMetrics.Counter] = [:]
    }

    /// Why the gateway called EM.
    public enum UpstreamOrigin: String, Sendable {
        /// A client's request, forwarded.
        case client
        /// A background refresh of a stored answer.
        case revalidate
        /// The readiness probe's `GET /api/`.
        case probe
        /// The service account's logon, refresh and logoff.
        case serviceAccount = "service-account"
        /// Reading back a session token's identity (`GET /api/logonSessions/{ID}`).
        case identity
    }

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private let handles = Mutex(Handles())

    /// Creates an empty registry.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
            .seconds(5), .seconds(10), .seconds(30),
        ]
        self.registry = registry
        self.factory = factory
        self.xmlBytes = Counter(label: "em_gateway_xml_bytes_total", factory: factory)
        self.jsonBytes = Counter(label: "em_gateway_json_bytes_total", factory: factory)
        self.unknownElements = Counter(label: "em_gateway_unknown_elements_total", factory: factory)
        self.cacheBytes = Gauge(label: "em_gateway_cache_bytes", factory: factory)
        self.cacheEntries = Gauge(label: "em_gateway_cache_entries", factory: factory)
        self.cacheEvictions = Counter(label: "em_gateway_cache_evictions_total", factory: factory)
    }

    /// How the response cache answered a request.
    enum CacheResult: String {
        case hit, stale, miss, bypass
    }

    /// Counts one request by what the response cache did for it.
    func cacheRequest(_ result: CacheResult) {
        Counter(label: "em_gateway_cache_requests_total", dimensions: [("result", result.rawValue)], factory: factory).increment()
    }

    /// Records the response cache's size.
    func cacheUsage(bytes: Int, entries: Int, evictions: Int) {
        cacheBytes.record(bytes)
        cacheEntries.record(entries)
        let new = cacheEvictionsSeen.withLock { seen -> Int in
            defer { seen = max(seen, evictions) }
            return max(0, evictions - seen)
        }
        if new > 0 { cacheEvictions.increment(by: new) }
    }

    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let (counter, timer) = self.handles.withLock { handles in
            if let known = handles.requests[key] { return known }
            let made = (
                Counter(
                    label: "em_gateway_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))],
                    factory: factory),
                Timer(label: "em_gateway_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            )
            handles.requests[key] = made
            return made
        }
        counter.increment()
        timer.recordNanoseconds(duration.nanosecondsClamped)
    }

    func upstream(route: String, duration: Duration) {
        // `route` is a contract path template (see ResolvedRequest.route), so the label set is bounded.
        let timer = self.handles.withLock { handles in
            if let known = handles.upstream[route] { return known }
            let made = Timer(label: "em_gateway_upstream_duration_seconds", dimensions: [("route", route)], factory: factory)
            handles.upstream[route] = made
            return made
        }
        timer.recordNanoseconds(duration.nanosecondsClamped)
    }

    /// Counts one call to EM.
    /// - Parameters:
    ///   - route: the route label of the path called.
    ///   - origin: why it was called.
    func upstreamRequest(route: String, origin: UpstreamOrigin) {
        let key = origin.rawValue + " " + route
        let counter = self.handles.withLock { handles in
            if let known = handles.upstreamRequests[key] { return known }
            let made = Counter(
                label: "em_gateway_upstream_requests_total", dimensions: [("route", route), ("origin", origin.rawValue)], factory: factory)
            handles.upstreamRequests[key] = made
            return made
        }
        counter.increment()
    }

    /// Counts a request answered by joining another request's call to EM.
    func coalesced(route: String) {
        let counter = self.handles.withLock { handles in
            if let known = handles.coalesced[route] { return known }
            let made = Counter(label: "em_gateway_coalesced_requests_total", dimensions: [("route", route)], factory: factory)
            handles.coalesced[route] = made
            return made
        }
        counter.increment()
    }

    func upstreamError(_ code: UpstreamError.Code) {
        Counter(label: "em_gateway_upstream_errors_total", dimensions: [("code", "\(code)")], factory: factory).increment()
    }

    func converted(_ statistics: XMLToJSONConverter.Statistics) {
        self.xmlBytes.increment(by: statistics.inputBytes)
        self.jsonBytes.increment(by: statistics.outputBytes)
        if statistics.unknownNodes > 0 {
            self.unknownElements.increment(by: statistics.unknownNodes)
        }
    }

    func logon(success: Bool) {
        Counter(label: "em_gateway_logons_total", dimensions: [("outcome", success ? "success" : "failure")], factory: factory)
            .increment()
    }

    func logoff() {
        Counter(label: "em_gateway_logoffs_total", factory: factory).increment()
    }

    /// The metrics in Prometheus text exposition format.
    public func render() -> [UInt8] { registry.emitToBuffer() }
}
