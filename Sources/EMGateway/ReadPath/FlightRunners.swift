import NIOCore
import Synchronization

/// Long-lived tasks that run coalesced EM calls, a pool per event loop.
///
/// A coalesced call must not run in its client's task: a leader whose client leaves would cancel
/// the call for the requests that joined it. A task of its own per call works, but a new task
/// starts with an empty allocator, and the call's deep async frames (the exchange, libcurl's
/// head, the body's conversion) then cost a few `malloc`'d slabs every time. A runner is a task
/// that outlives its calls: it runs one, parks, and takes the next, its allocator warm. Runners
/// are made on demand (as many as calls run at once on that loop); at most ``idleLimit`` per loop
/// stay parked, the others end.
final class FlightRunners: Sendable {
    /// One call: runs to its end in a runner. (A struct, so that handing it to a parked runner
    /// does not re-abstract the closure.)
    struct Job: Sendable {
        let run: @Sendable () async -> Void
    }

    /// The most runners kept parked per event loop.
    static let idleLimit = 16

    /// Parked runners by event loop.
    private let parked = Mutex<[ObjectIdentifier: [UnsafeContinuation<Job?, Never>]]>([:])

    /// Runs `job` in a parked runner of `executor`'s event loop, or in a new one.
    func run(on executor: EventLoopTaskExecutor, _ work: @escaping @Sendable () async -> Void) {
        let job = Job(run: work)
        let loop = ObjectIdentifier(executor.eventLoop)
        let runner = parked.withLock { $0[loop]?.popLast() }
        if let runner {
            runner.resume(returning: job)
            return
        }
        // A runner holds its pool weakly: when the pool goes (the gateway stopped), its parked
        // runners are ended by the pool's deinit, and a running one ends after its call.
        Task.detached(executorPreference: executor) { [weak self] in
            var next: Job? = job
            while let job = next {
                await job.run()
                // Resumed exactly once: by `run` with a job, by `deinit`, or here when not kept.
                // The pool is held only while parking, never while parked.
                next = await withUnsafeContinuation { (runner: UnsafeContinuation<Job?, Never>) in
                    if self?.park(runner, on: loop) != true { runner.resume(returning: nil) }
                }
            }
        }
    }

    /// Parks `runner` for `loop`'s next call; `false` when enough runners are parked there.
    private func park(_ runner: UnsafeContinuation<Job?, Never>, on loop: ObjectIdentifier) -> Bool {
        parked.withLock { parked in
            guard parked[loop, default: []].count < Self.idleLimit else { return false }
            parked[loop, default: []].append(runner)
            return true
        }
    }

    deinit {
        let runners = parked.withLock { parked in Array(parked.values.joined()) }
        for runner in runners { runner.resume(returning: nil) }
    }
}
