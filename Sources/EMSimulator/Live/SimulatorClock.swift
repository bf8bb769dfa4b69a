import Synchronization

/// The time source of the simulator's living world and of its modelled answer times: what time
/// it is, and how to wait.
///
/// Production uses ``continuous`` (`ContinuousClock`); tests use a ``ManualSimulatorClock`` and
/// move time by hand, so nothing sleeps.
///
/// ```swift
/// let manual = ManualSimulatorClock()
/// var configuration = SimulatorConfiguration()
/// configuration.clock = manual.clock
/// manual.advance(by: .seconds(90))   // the world moves 90 s; modelled delays that ended resume
/// ```
public struct SimulatorClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> ContinuousClock.Instant
    /// Waits until an instant.
    public let sleepUntil: @Sendable (ContinuousClock.Instant) async throws -> Void

    /// Creates a clock from its two operations.
    /// - Parameters:
    ///   - now: returns the current instant.
    ///   - sleepUntil: returns once the instant has come; throws `CancellationError` when cancelled.
    public init(
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        sleepUntil: @escaping @Sendable (ContinuousClock.Instant) async throws -> Void
    ) {
        self.now = now
        self.sleepUntil = sleepUntil
    }

    /// The real clock: `ContinuousClock`.
    public static let continuous = SimulatorClock(
        now: { ContinuousClock.now },
        sleepUntil: { deadline in try await ContinuousClock().sleep(until: deadline) })
}

/// A clock that moves only when told: ``advance(by:)`` moves it and resumes every sleeper whose
/// deadline has come.
public final class ManualSimulatorClock: Sendable {
    private struct Sleeper {
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: ContinuousClock.Instant
        var sleepers: [Int: Sleeper] = [:]
        var next = 0
    }

    private let state: Mutex<State>

    /// Creates a clock standing at the current instant of `ContinuousClock`.
    public init() {
        self.state = Mutex(State(now: ContinuousClock.now))
    }

    /// The instant the clock shows.
    public var now: ContinuousClock.Instant { self.state.withLock { $0.now } }

    /// How many callers are waiting for a later instant.
    public var sleeperCount: Int { self.state.withLock { $0.sleepers.count } }

    /// Moves the clock forward and resumes the sleepers whose deadline has come.
    /// - Parameter duration: how far; not negative.
    public func advance(by duration: Duration) {
        let due: [CheckedContinuation<Void, any Error>] = self.state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let keys = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
            return keys.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in due { continuation.resume() }
    }

    /// Waits until the clock shows `deadline` (returns at once when it already does).
    /// - Parameter deadline: the instant.
    /// - Throws: `CancellationError` when the waiting task is cancelled.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        let key: Int? = self.state.withLock { state in
            if deadline <= state.now { return nil }
            defer { state.next += 1 }
            return state.next
        }
        guard let key else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = self.state.withLock { state in
                    if deadline <= state.now { return true }
                    state.sleepers[key] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = self.state.withLock { $0.sleepers.removeValue(forKey: key)?.continuation }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// This clock as a ``SimulatorClock``.
    public var clock: SimulatorClock {
        SimulatorClock(now: { self.now }, sleepUntil: { try await self.sleep(until: $0) })
    }
}
