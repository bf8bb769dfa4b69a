import Synchronization

/// Caps the requests in flight to EM, so the gateway cannot overload it.
///
/// ``tryAcquire()`` never waits: past the cap the caller answers `503` with `Retry-After`. A
/// ``Permit`` is given back when it is released or dropped, whichever comes first, so a
/// streaming response holds its permit until its last byte is written. The cap and the count
/// in flight are the gauges `em_gateway_upstream_requests_limit` and
/// `em_gateway_upstream_requests_in_flight`.
final class ConcurrencyLimiter: Sendable {
    let limit: Int
    private let inFlight = Mutex(0)
    private let metrics: GatewayMetrics?

    /// Creates a limiter.
    /// - Parameters:
    ///   - limit: the most requests in flight at once.
    ///   - metrics: where the cap and the count in flight are shown; `nil` for none.
    init(limit: Int, metrics: GatewayMetrics? = nil) {
        self.limit = limit
        self.metrics = metrics
        metrics?.upstreamCap(limit: limit)
        metrics?.upstreamInFlight(0)
    }

    /// A permit, or `nil` when `limit` requests are already in flight.
    func tryAcquire() -> Permit? {
        let granted = inFlight.withLock { count -> Bool in
            guard count < limit else { return false }
            count += 1
            metrics?.upstreamInFlight(count)
            return true
        }
        return granted ? Permit(limiter: self) : nil
    }

    /// Requests in flight now.
    var current: Int { inFlight.withLock { $0 } }

    fileprivate func release() {
        inFlight.withLock { count in
            count -= 1
            metrics?.upstreamInFlight(count)
        }
    }

    /// One request's share of the cap.
    final class Permit: Sendable {
        private let limiter: ConcurrencyLimiter
        private let released = Mutex(false)

        fileprivate init(limiter: ConcurrencyLimiter) { self.limiter = limiter }

        /// Gives the permit back (idempotent).
        func release() {
            let first = released.withLock { done -> Bool in
                defer { done = true }
                return !done
            }
            if first { limiter.release() }
        }

        deinit { release() }
    }
}
