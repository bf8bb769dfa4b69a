/// How long the simulator takes to answer (`--latency`).
public enum SimulatedLatency: String, Sendable, CaseIterable {
    /// At once: for tests and benchmarks of the gateway itself.
    case none
    /// As a real EM: answer times by ``EMLatencyModel`` and at most
    /// ``EMLatencyModel/parallelLimit`` requests in service, the rest queued in arrival order.
    case em
}

/// The answer times `--latency em` models, from what a request asks for.
///
/// Every answer takes at least 20 ms (EM's IIS/http.sys hop and SQL round trip); logon 250 ms
/// (Windows authentication of the account); the summary reports 300 ms plus 0.02 ms per job
/// session and task session in the world (EM aggregates its session tables); the query service
/// 200 ms plus 0.05 ms per resource of the queried type (the filter runs over the whole table);
/// a collection 20 ms plus 0.2 ms per item as references or 0.5 ms per item as entities; a
/// single resource 20 ms; a write 50 ms. EM serves ``parallelLimit`` requests at once.
public enum EMLatencyModel {
    /// What a request asks of EM, for its answer time.
    public enum Work: Sendable, Equatable {
        /// `POST /api/sessionMngr/`.
        case logon
        /// A summary report frame, over a world of this many job and task sessions.
        case report(sessions: Int)
        /// The query service, over this many resources of the queried type.
        case query(scanned: Int)
        /// A collection of this many items, as entities (`format=Entity`) or references.
        case collection(items: Int, entities: Bool)
        /// A write (`POST`, `PUT`, `DELETE` other than logon).
        case write
        /// Anything else: one resource, `GET /api/`, an error.
        case other
    }

    /// Requests EM serves at once; later ones wait for a free place.
    public static let parallelLimit = 4
    /// The shortest answer time.
    public static let minimum = Duration.milliseconds(20)

    /// The modelled answer time of a request.
    /// - Parameter work: what the request asks for.
    /// - Returns: the time from the start of service to the answer; never under ``minimum``.
    public static func delay(for work: Work) -> Duration {
        let microseconds: Int
        switch work {
        case .logon: microseconds = 250_000
        case .report(let sessions): microseconds = 300_000 + 20 * sessions
        case .query(let scanned): microseconds = 200_000 + 50 * scanned
        case .collection(let items, let entities): microseconds = 20_000 + (entities ? 500 : 200) * items
        case .write: microseconds = 50_000
        case .other: microseconds = 20_000
        }
        return max(Self.minimum, .microseconds(microseconds))
    }
}
