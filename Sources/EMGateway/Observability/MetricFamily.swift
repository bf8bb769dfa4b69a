import Prometheus

/// One metric family the gateway serves at `/metrics`: its name and its `# HELP` text.
///
/// The one list of the gateway's families, so a family always has the same help text (the
/// Prometheus registry refuses a second, different one) and README can name them all.
struct MetricFamily: Sendable {
    /// The family's name (`em_gateway_requests_total`).
    let name: String
    /// The family's `# HELP` text.
    let help: String

    /// The family as the Prometheus registry takes it: the whole name, and the help text.
    var descriptor: MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }

    static let requests = MetricFamily(
        name: "em_gateway_requests_total",
        help: "Requests answered, by route template, method, status and outcome (complete, client_closed, upstream_cut, shutdown).")
    static let requestDuration = MetricFamily(
        name: "em_gateway_request_duration_seconds", help: "Time from a request to its response head, by route template.")
    static let upstreamDuration = MetricFamily(
        name: "em_gateway_upstream_duration_seconds",
        help: "Time from a call to Enterprise Manager to its response head, by route template.")
    static let upstreamErrors = MetricFamily(
        name: "em_gateway_upstream_errors_total", help: "Calls to Enterprise Manager that failed in transport, by error code.")
    static let upstreamRequests = MetricFamily(
        name: "em_gateway_upstream_requests_total", help: "Calls to Enterprise Manager, by route template and why the gateway made them.")
    static let upstreamInFlight = MetricFamily(
        name: "em_gateway_upstream_requests_in_flight",
        help: "Calls to Enterprise Manager holding a share of the in-flight cap, from the request until its body is written.")
    static let upstreamLimit = MetricFamily(
        name: "em_gateway_upstream_requests_limit",
        help: "The cap on calls in flight to Enterprise Manager; past it requests are answered 503.")
    static let xmlBytes = MetricFamily(
        name: "em_gateway_xml_bytes_total", help: "Bytes of Enterprise Manager's XML translated to JSON.")
    static let jsonBytes = MetricFamily(name: "em_gateway_json_bytes_total", help: "Bytes of JSON produced from Enterprise Manager's XML.")
    static let unknownElements = MetricFamily(
        name: "em_gateway_unknown_elements_total", help: "XML elements and attributes the schema does not know, converted by plain rules.")
    static let logons = MetricFamily(name: "em_gateway_logons_total", help: "Logons through the gateway, by outcome (success, failure).")
    static let logoffs = MetricFamily(name: "em_gateway_logoffs_total", help: "Logoffs through the gateway.")
    static let coalesced = MetricFamily(
        name: "em_gateway_coalesced_requests_total", help: "Requests answered by joining an identical request's call to Enterprise Manager."
    )
    static let cacheRequests = MetricFamily(
        name: "em_gateway_cache_requests_total", help: "Reads by what the response cache did for them (hit, stale, miss, bypass).")
    static let cacheBytes = MetricFamily(name: "em_gateway_cache_bytes", help: "Bytes held by the response cache.")
    static let cacheEntries = MetricFamily(name: "em_gateway_cache_entries", help: "Answers held by the response cache.")
    static let cacheEvictions = MetricFamily(
        name: "em_gateway_cache_evictions_total", help: "Answers the response cache dropped to stay within its byte bound.")
    static let buildInfo = MetricFamily(
        name: "em_gateway_build_info", help: "Always 1; the version label names the gateway's version (as --version prints it).")
}
