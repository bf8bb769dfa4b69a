import Synchronization

/// The simulated EM's mutable world: the entity store that writes change, and the tasks.
///
/// Readers take a snapshot (the store is a value). A write changes the store at once; what
/// a task does when it finishes (a started job's session completes) is applied, once, by the
/// first access at or after the task's end, so the world is a pure function of the requests
/// and the clock: deterministic per simulator instance.
final class WorldState: Sendable {
    /// Something a task does to the store when it finishes.
    typealias Completion = @Sendable (inout EntityStore) -> Void

    private struct State {
        var store: EntityStore
        var tasks: [SimulatedTask] = []
        /// Pending effects by task number: when and what.
        var completions: [Int: (at: ContinuousClock.Instant, run: Completion)] = [:]
        var nextTask = 1
        var nextObject = 1
        /// Counts changes of `store`, so derived views can be cached.
        var version = 0
    }

    private let state: Mutex<State>
    /// How long each task runs.
    let taskDuration: Duration
    /// The clock (tests pass a manual one).
    let now: @Sendable () -> ContinuousClock.Instant
    /// The world's calendar time in seconds since 1970, when a living demo world sets it; `nil`
    /// dates created resources from 2025-01-01 (see ``makeTime()``).
    let calendarNow: (@Sendable () -> Int64)?

    /// Creates the world.
    /// - Parameters:
    ///   - store: the seed data.
    ///   - taskDuration: how long each task stays `Running`.
    ///   - now: the clock. Default: `ContinuousClock.now`.
    ///   - calendarNow: the world's calendar time, or `nil`. Default `nil`.
    init(
        store: EntityStore, taskDuration: Duration,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        calendarNow: (@Sendable () -> Int64)? = nil
    ) {
        self.state = Mutex(State(store: store))
        self.taskDuration = taskDuration
        self.now = now
        self.calendarNow = calendarNow
    }

    /// The store as it is now and its version (which changes whenever the store does).
    var snapshot: (store: EntityStore, version: Int) {
        let now = self.now()
        return self.state.withLock { state in
            Self.settle(&state, now)
            return (state.store, state.version)
        }
    }

    /// The store as it is now (finished tasks' effects applied).
    var store: EntityStore {
        let now = self.now()
        return self.state.withLock { state in
            Self.settle(&state, now)
            return state.store
        }
    }

    /// All tasks, oldest first, and the instant their state is shown for.
    var tasks: (tasks: [SimulatedTask], now: ContinuousClock.Instant) {
        let now = self.now()
        return self.state.withLock { state in
            Self.settle(&state, now)
            return (state.tasks, now)
        }
    }

    /// Changes the store.
    /// - Parameter change: the change; it may throw to leave the store as it was.
    /// - Returns: what `change` returns.
    /// - Throws: what `change` throws.
    func update<Result: Sendable>(_ change: (inout EntityStore) throws(SimulatorError) -> Result) throws(SimulatorError) -> Result {
        let now = self.now()
        return try self.state.withLock { (state: inout State) throws(SimulatorError) -> Result in
            Self.settle(&state, now)
            var store = state.store
            let result = try change(&store)
            state.store = store
            state.version += 1
            return result
        }
    }

    /// Starts a task.
    /// - Parameters:
    ///   - operation: its `Operation`.
    ///   - related: the resource it acts on, or `nil`.
    ///   - message: its `Result/Message` once finished.
    ///   - completion: what it does to the store when it finishes, if anything.
    /// - Returns: the task and the instant it was created at.
    func startTask(
        _ operation: String, related: Link?, message: String, completion: Completion? = nil
    ) -> (task: SimulatedTask, now: ContinuousClock.Instant) {
        let now = self.now()
        return self.state.withLock { state in
            Self.settle(&state, now)
            let task = SimulatedTask(
                id: "task-\(state.nextTask)", operation: operation, started: now, duration: self.taskDuration,
                related: related, message: message)
            if let completion { state.completions[state.nextTask] = (now + self.taskDuration, completion) }
            state.nextTask += 1
            state.tasks.append(task)
            return (task, now)
        }
    }

    /// Removes a task (`DELETE /api/tasks/{ID}`); its pending effect still happens.
    /// - Parameter id: `task-N`, any case.
    /// - Returns: whether there was one.
    func removeTask(id: String) -> Bool {
        let now = self.now()
        return self.state.withLock { state in
            Self.settle(&state, now)
            guard let index = state.tasks.firstIndex(where: { $0.id == id.lowercased() }) else { return false }
            state.tasks.remove(at: index)
            return true
        }
    }

    /// A new ID for a created resource: a GUID made of a counter, so the same requests give the same IDs.
    /// - Returns: the lower-case GUID.
    func makeID() -> String {
        self.state.withLock { state in
            defer { state.nextObject += 1 }
            let hex = String(state.nextObject, radix: 16)
            return "5e1a7ed0-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        }
    }

    /// A timestamp for a created resource: the living world's time when there is one, else
    /// 2025-01-01T00:00:00Z plus one minute per object made, so the same requests give the same
    /// times (and later objects sort later).
    /// - Returns: the calendar time.
    func makeTime() -> ScaledClock {
        if let calendarNow { return ScaledClock(seconds: Int(calendarNow())) }
        return self.state.withLock { state in
            ScaledClock(seconds: 1_735_689_600 + 60 * state.nextObject)
        }
    }

    private static func settle(_ state: inout State, _ now: ContinuousClock.Instant) {
        guard !state.completions.isEmpty else { return }
        // In task order; a deleted task's effect still happens.
        for number in state.completions.keys.sorted() where state.completions[number]!.at <= now {
            let completion = state.completions.removeValue(forKey: number)!
            completion.run(&state.store)
            state.version += 1
        }
    }
}
