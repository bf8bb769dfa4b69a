import EMTranslate
import EMUpstream
public import Prometheus
import Synchronization

/// The gateway's metrics, in Prometheus text format at `/metrics`.
///
/// Made in swift-prometheus's registry directly (no process-wide swift-metrics bootstrap), so
/// every application has its own registry and every family has a `# HELP` line
/// (``MetricFamily`` lists them). Label values are bounded: routes are templates
/// (`/api/jobs/{ID}`), never raw paths, and no label ever carries a token or a user.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `em_gateway_requests_total` | counter | `route`, `method`, `status`, `outcome` (``ResponseOutcome``) |
/// | `em_gateway_request_duration_seconds` | histogram | `route` |
/// | `em_gateway_upstream_duration_seconds` | histogram | `route` (to EM's response head) |
/// | `em_gateway_upstream_errors_total` | counter | `code` |
/// | `em_gateway_upstream_requests_in_flight` / `em_gateway_upstream_requests_limit` | gauge | — |
/// | `em_gateway_xml_bytes_total` / `em_gateway_json_bytes_total` | counter | — |
/// | `em_gateway_unknown_elements_total` | counter | — |
/// | `em_gateway_logons_total` | counter | `outcome` (`success`, `failure`) |
/// | `em_gateway_logoffs_total` | counter | — |
/// | `em_gateway_upstream_requests_total` | counter | `route`, `origin` (``UpstreamOrigin``) |
/// | `em_gateway_coalesced_requests_total` | counter | `route` |
/// | `em_gateway_cache_requests_total` | counter | `result` (`hit`, `stale`, `miss`, `bypass`) |
/// | `em_gateway_cache_bytes` / `em_gateway_cache_entries` | gauge | — |
/// | `em_gateway_cache_evictions_total` | counter | — |
/// | `em_gateway_build_info` | gauge (always 1) | `version` |
/// | `process_resident_memory_bytes`, `process_cpu_seconds_total`, `process_open_fds`, `process_start_time_seconds` | | — (Linux) |
public final class GatewayMetrics: Sendable {
    /// The registry `/metrics` renders (the process metrics are added to it when rendered).
    public let registry: PrometheusCollectorRegistry
    private let xmlBytes: Counter
    private let jsonBytes: Counter
    private let unknownElements: Counter
    private let cacheBytes: Gauge
    private let cacheEntries: Gauge
    private let cacheEvictions: Counter
    private let upstreamInFlight: Gauge
    private let upstreamLimit: Gauge
    private let cacheEvictionsSeen = Mutex(0)
    private let process = ProcessMetrics()

    /// The buckets of the duration histograms: 0.5 ms to 30 s.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        .seconds(5), .seconds(10), .seconds(30),
    ]

    /// The per-request handles by label values, made once: the label sets are bounded (routes
    /// are the contract's templates), and making a handle costs a registry lookup each time.
    private struct Handles {
        /// A request's counter, and its route's duration histogram (one lookup per request; the
        /// registry gives every key of a route the same histogram).
        var requests: [RequestKey: (Counter, DurationHistogram)] = [:]
        var upstream: [String: DurationHistogram] = [:]
        var upstreamRequests: [UpstreamKey: Counter] = [:]
        var coalesced: [String: Counter] = [:]
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

    private struct UpstreamKey: Hashable {
        var route: String
        var origin: UpstreamOrigin
    }

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
        var outcome: ResponseOutcome
    }

    private let handles = Mutex(Handles())
    /// `em_gateway_cache_requests_total` by result, made once: counted on every read.
    private let cacheRequests: [CacheResult: Counter]

    /// Creates a registry holding the families that have a value from the start: the build's
    /// version, the upstream cap (`0` until the gateway's pipeline sets it), the converter's
    /// and the cache's totals.
    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func counter(_ family: MetricFamily) -> Counter { registry.makeCounter(descriptor: family.descriptor) }
        func gauge(_ family: MetricFamily) -> Gauge { registry.makeGauge(descriptor: family.descriptor) }
        self.xmlBytes = counter(.xmlBytes)
        self.jsonBytes = counter(.jsonBytes)
        self.unknownElements = counter(.unknownElements)
        self.cacheBytes = gauge(.cacheBytes)
        self.cacheEntries = gauge(.cacheEntries)
        self.cacheEvictions = counter(.cacheEvictions)
        self.cacheRequests = Dictionary(
            uniqueKeysWithValues: CacheResult.allCases.map { result in
                (result, registry.makeCounter(descriptor: MetricFamily.cacheRequests.descriptor, labels: [("result", result.rawValue)]))
            })
        self.upstreamInFlight = gauge(.upstreamInFlight)
        self.upstreamLimit = gauge(.upstreamLimit)
        registry.makeGauge(descriptor: MetricFamily.buildInfo.descriptor, labels: [("version", Gateway.version)]).set(Int64(1))
    }

    /// A counter of `family` with `labels`.
    private func counter(_ family: MetricFamily, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: family.descriptor, labels: labels)
    }

    /// A duration histogram of `family` with `labels`.
    private func histogram(_ family: MetricFamily, _ labels: [(String, String)]) -> DurationHistogram {
        registry.makeDurationHistogram(descriptor: family.descriptor, labels: labels, buckets: Self.durationBuckets)
    }

    /// How the response cache answered a request.
    enum CacheResult: String, CaseIterable {
        case hit, stale, miss, bypass
    }

    /// Counts one request by what the response cache did for it.
    func cacheRequest(_ result: CacheResult) {
        cacheRequests[result]?.increment()
    }

    /// Records the response cache's size.
    func cacheUsage(bytes: Int, entries: Int, evictions: Int) {
        cacheBytes.set(Int64(bytes))
        cacheEntries.set(Int64(entries))
        let new = cacheEvictionsSeen.withLock { seen -> Int in
            defer { seen = max(seen, evictions) }
            return max(0, evictions - seen)
        }
        if new > 0 { cacheEvictions.increment(by: Int64(new)) }
    }

    /// Counts one answered request and records its time to the response head.
    /// - Parameters:
    ///   - route: the request's route label.
    ///   - method: its method.
    ///   - status: the response's status.
    ///   - outcome: how the response ended.
    ///   - duration: the time from the request to the response head.
    func request(route: String, method: String, status: Int, outcome: ResponseOutcome, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status, outcome: outcome)
        let (counter, histogram) = self.handles.withLock { handles in
            if let known = handles.requests[key] { return known }
            let made = (
                self.counter(.requests, [("route", route), ("method", method), ("status", String(status)), ("outcome", outcome.rawValue)]),
                self.histogram(.requestDuration, [("route", route)])
            )
            handles.requests[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Records the time EM took to send a response head.
    func upstream(route: String, duration: Duration) {
        // `route` is a contract path template (see ResolvedRequest.route), so the label set is bounded.
        let histogram = self.handles.withLock { handles in
            if let known = handles.upstream[route] { return known }
            let made = self.histogram(.upstreamDuration, [("route", route)])
            handles.upstream[route] = made
            return made
        }
        histogram.record(duration)
    }

    /// Counts one call to EM.
    /// - Parameters:
    ///   - route: the route label of the path called.
    ///   - origin: why it was called.
    func upstreamRequest(route: String, origin: UpstreamOrigin) {
        let key = UpstreamKey(route: route, origin: origin)
        let counter = self.handles.withLock { handles in
            if let known = handles.upstreamRequests[key] { return known }
            let made = self.counter(.upstreamRequests, [("route", route), ("origin", origin.rawValue)])
            handles.upstreamRequests[key] = made
            return made
        }
        counter.increment()
    }

    /// Counts a request answered by joining another request's call to EM.
    func coalesced(route: String) {
        let counter = self.handles.withLock { handles in
            if let known = handles.coalesced[route] { return known }
            let made = self.counter(.coalesced, [("route", route)])
            handles.coalesced[route] = made
            return made
        }
        counter.increment()
    }

    /// Records the cap on calls in flight to EM (see ``ConcurrencyLimiter``).
    func upstreamCap(limit: Int) {
        upstreamLimit.set(Int64(limit))
    }

    /// Records how many calls to EM hold a share of the cap now.
    func upstreamInFlight(_ count: Int) {
        upstreamInFlight.set(Int64(count))
    }

    /// Counts a call to EM that failed in transport.
    func upstreamError(_ code: UpstreamError.Code) {
        counter(.upstreamErrors, [("code", "\(code)")]).increment()
    }

    /// Counts the bytes of a completed translation and the names the schema did not know.
    func converted(_ statistics: XMLToJSONConverter.Statistics) {
        self.xmlBytes.increment(by: Int64(statistics.inputBytes))
        self.jsonBytes.increment(by: Int64(statistics.outputBytes))
        if statistics.unknownNodes > 0 {
            self.unknownElements.increment(by: Int64(statistics.unknownNodes))
        }
    }

    /// Counts a logon through the gateway.
    func logon(success: Bool) {
        counter(.logons, [("outcome", success ? "success" : "failure")]).increment()
    }

    /// Counts a logoff through the gateway.
    func logoff() {
        registry.makeCounter(descriptor: MetricFamily.logoffs.descriptor).increment()
    }

    /// The metrics in Prometheus text exposition format, the process's own (read now) last.
    /// - Returns: the exposition's bytes (UTF-8).
    public func render() -> [UInt8] { registry.emitToBuffer() + process.render() }
}
