import Synchronization

/// Caps the requests in flight to EM, so the gateway cannot overload it.
///
/// ``tryAcquire()`` never waits: past the cap the caller answers `503` with `Retry-After`. A
/// ``Permit`` is given back when it is released or dropped, whichever comes first, so a
/// streaming response holds its permit until its last byte is written.
final class ConcurrencyLimiter: Sendable {
    let limit: Int
    private let inFlight = Mutex(0)

    init(limit: Int) { self.limit = limit }

    /// A permit, or `nil` when `limit` requests are already in flight.
    func tryAcquire() -> Permit? {
        let granted = inFlight.withLock { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        return granted ? Permit(limiter: self) : nil
    }

    /// Requests in flight now.
    var current: Int { inFlight.withLock { $0 } }

    fileprivate func release() { inFlight.withLock { $0 -= 1 } }

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
