import Synchronization

/// Rate-limits failed logons per client address.
///
/// Each `401` EM answers to a logon counts against the client's address; with
/// `maxFailures` failures inside `window`, further logons from that address are refused with
/// `429` and `Retry-After` until the oldest failure leaves the window. Memory is bounded: at
/// most `maxTrackedAddresses` addresses are tracked, oldest first out.
final class LogonThrottle: Sendable {
    let maxFailures: Int
    let window: Duration
    let maxTrackedAddresses: Int
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])

    init(maxFailures: Int, window: Duration, maxTrackedAddresses: Int = 10_000) {
        self.maxFailures = maxFailures
        self.window = window
        self.maxTrackedAddresses = maxTrackedAddresses
    }

    /// Seconds until `address` may try again, or `nil` when it may log on now.
    func retryAfter(for address: String, now: ContinuousClock.Instant = .now) -> Int? {
        failures.withLock { table in
            guard var times = table[address] else { return nil }
            times.removeAll { now - $0 > window }
            table[address] = times.isEmpty ? nil : times
            guard times.count >= maxFailures, let oldest = times.first else { return nil }
            let remaining = window - (now - oldest)
            return max(1, Int(remaining.components.seconds) + 1)
        }
    }

    /// Records a failed logon from `address`.
    func recordFailure(for address: String, now: ContinuousClock.Instant = .now) {
        failures.withLock { table in
            if table[address] == nil, table.count >= maxTrackedAddresses,
                let stalest = table.min(by: { ($0.value.last ?? now) < ($1.value.last ?? now) })?.key
            {
                table[stalest] = nil
            }
            var times = table[address, default: []]
            times.removeAll { now - $0 > window }
            times.append(now)
            if times.count > maxFailures { times.removeFirst(times.count - maxFailures) }
            table[address] = times
        }
    }

    /// Forgets `address`'s failures (after a successful logon).
    func recordSuccess(for address: String) {
        _ = failures.withLock { $0.removeValue(forKey: address) }
    }
}
