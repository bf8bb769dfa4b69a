import Synchronization

/// The living demo world in a running simulator: the world clock (start time, rate and the
/// simulator's clock) and the store as it is at the current world second, the seed entities
/// and writes (``WorldState``) with the demo world's history merged in.
///
/// The merged store is cached per world second and store version, so a frozen world (rate 0)
/// is built once.
final class LiveWorld: Sendable {
    let world: DemoWorld
    /// World seconds since 1970 at ``origin``.
    let startTime: Int64
    /// World seconds per clock second.
    let clockRate: Double
    /// The clock instant the world started at.
    let origin: ContinuousClock.Instant
    let clock: SimulatorClock
    private let cache = Mutex<(second: Int64, version: Int, store: EntityStore)?>(nil)
    private let closedCache = Mutex<(period: Int64, version: Int, store: EntityStore)?>(nil)
    private let restrictedCache = Mutex<(second: Int64, version: Int, store: EntityStore)?>(nil)

    /// Creates the world, starting now.
    /// - Parameters:
    ///   - configuration: seed, start time (`nil`: the wall clock) and rate.
    ///   - clock: the simulator's clock.
    init(_ configuration: DemoWorldConfiguration, clock: SimulatorClock) {
        self.world = DemoWorld(seed: configuration.seed)
        self.startTime = configuration.startTime ?? WallClock.secondsSince1970()
        self.clockRate = max(0, configuration.clockRate)
        self.clock = clock
        self.origin = clock.now()
    }

    /// The world time now, in whole seconds since 1970.
    var now: Int64 {
        let elapsed = self.origin.duration(to: self.clock.now())
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return self.startTime + Int64((seconds * self.clockRate).rounded(.down))
    }

    /// The resources the demo adds to a new simulator's seed store: the jobs, their objects and backups.
    var initialEntities: [any SimulatedEntity] { DemoWorld.jobEntities(at: self.startTime) }

    /// Closed sessions by seed and period, shared by the simulators of a process (tests start
    /// many with the same seed and start); the newest few are kept.
    private static let sharedClosed = Mutex<[String: [any SimulatedEntity]]>([:])

    /// ``DemoWorld/closedSessions(period:)``, made once per seed and period in a process.
    private static func closedSessions(_ world: DemoWorld, period: Int64) -> [any SimulatedEntity] {
        let key = "\(world.numbers.seed)/\(period)"
        if let cached = Self.sharedClosed.withLock({ $0[key] }) { return cached }
        let sessions = world.closedSessions(period: period)
        Self.sharedClosed.withLock { cache in
            if cache.count >= 4 { cache.removeAll() }
            cache[key] = sessions
        }
        return sessions
    }

    /// What the restricted role sees at the current world second (``ViewerScope``), cached per
    /// second and store version.
    /// - Parameters:
    ///   - state: the seed entities and writes.
    ///   - hrefs: for the resources' query values.
    /// - Returns: the visible part of ``store(_:)``.
    func restrictedStore(_ state: WorldState, hrefs: HrefBuilder) -> EntityStore {
        let version = state.snapshot.version
        let second = self.now
        if let cached = self.restrictedCache.withLock({ $0 }), cached.second == second, cached.version == version {
            return cached.store
        }
        let all = self.store(state)
        let visible = ViewerScope.filter(all, RenderContext(hrefs: hrefs, store: all))
        self.restrictedCache.withLock { $0 = (second, version, visible) }
        return visible
    }

    /// The store at the current world second.
    ///
    /// Built in two layers: the seed entities and writes (demo jobs aside) with the sessions
    /// that stay unchanged for the whole current hour, cached per hour and store version;
    /// on a copy of it, the demo jobs (`NextRun` updated), the sessions that change within the
    /// hour, the restore points and the repository, cached per second.
    /// - Parameter state: the seed entities and writes.
    /// - Returns: those with the demo history of the last 7 days.
    func store(_ state: WorldState) -> EntityStore {
        let (base, version) = state.snapshot
        let second = self.now
        if let cached = self.cache.withLock({ $0 }), cached.second == second, cached.version == version {
            return cached.store
        }
        let period = DemoJob.floorDiv(second, DemoWorld.closedPeriod) * DemoWorld.closedPeriod
        var store: EntityStore
        if let closed = self.closedCache.withLock({ $0 }), closed.period == period, closed.version == version {
            store = closed.store
        } else {
            store = EntityStore()
            for entity in base.entities where !(entity is Job && DemoWorld.jobIDs.contains(entity.id)) {
                store.add(entity)
            }
            store.add(Self.closedSessions(self.world, period: period))
            let closed = store
            self.closedCache.withLock { $0 = (period, version, closed) }
        }
        for entity in base.entities {
            guard var job = entity as? Job, let demo = DemoWorld.jobsByID[job.id] else { continue }
            job.nextRun = ScaledClock(seconds: Int(demo.nextStart(after: second))).dateTimeUTC
            store.add(job)
        }
        store.add(self.world.openSessions(at: second, period: period))
        store.add(self.world.pointEntities(at: second))
        let result = store
        self.cache.withLock { $0 = (second, version, result) }
        return result
    }
}
