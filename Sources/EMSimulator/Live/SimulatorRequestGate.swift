import Synchronization

/// EM's parallel limit under `--latency em`: at most ``limit`` requests in service, later ones
/// wait in arrival order. Its counters show what it did, so tests can watch the queue without
/// timing anything.
public final class SimulatorRequestGate: Sendable {
    /// What the gate has seen.
    public struct Counters: Sendable, Equatable {
        /// Requests in service now.
        public var inService = 0
        /// Requests waiting for a place now.
        public var waiting = 0
        /// Requests that have left service.
        public var served = 0
        /// The most requests ever in service at once.
        public var maxInService = 0
    }

    private struct State {
        var counters = Counters()
        var queue: [CheckedContinuation<Void, Never>] = []
    }

    /// The most requests in service at once.
    public let limit: Int
    private let state = Mutex(State())

    /// Creates a gate.
    /// - Parameter limit: the most requests in service at once. Default ``EMLatencyModel/parallelLimit``.
    public init(limit: Int = EMLatencyModel.parallelLimit) {
        self.limit = max(1, limit)
    }

    /// The counters now.
    public var counters: Counters { self.state.withLock { $0.counters } }

    /// Waits for a place in service and takes it.
    func enter() async {
        let admitted: Bool = self.state.withLock { state in
            guard state.counters.inService < self.limit else { return false }
            state.counters.inService += 1
            state.counters.maxInService = max(state.counters.maxInService, state.counters.inService)
            return true
        }
        if admitted { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admittedNow: Bool = self.state.withLock { state in
                if state.counters.inService < self.limit {
                    state.counters.inService += 1
                    state.counters.maxInService = max(state.counters.maxInService, state.counters.inService)
                    return true
                }
                state.queue.append(continuation)
                state.counters.waiting += 1
                return false
            }
            if admittedNow { continuation.resume() }
        }
    }

    /// Leaves service; the longest-waiting request takes the place.
    func leave() {
        let next: CheckedContinuation<Void, Never>? = self.state.withLock { state in
            state.counters.served += 1
            guard !state.queue.isEmpty else {
                state.counters.inService -= 1
                return nil
            }
            state.counters.waiting -= 1
            return state.queue.removeFirst()
        }
        next?.resume()
    }
}
