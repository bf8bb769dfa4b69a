import Logging
import Synchronization
import UnixSignals

/// What `serve` does at `SIGTERM` and `SIGINT`: the drain before the graceful shutdown.
///
/// Kubernetes sends `SIGTERM` and removes the pod from its Service's endpoints at the same
/// time, asynchronously: for a few seconds clients are still sent to it. So at `SIGTERM` the
/// gateway keeps serving for ``delay``, with `/readyz` answering `503` (the drain actions run,
/// see ``onDraining(_:)``), and only then starts the graceful shutdown. `SIGINT` (Ctrl-C at a
/// terminal), or a second `SIGTERM` during the drain, starts the graceful shutdown at once.
final class ShutdownDrain: Sendable {
    /// How long to keep serving after `SIGTERM`; zero skips the drain.
    let delay: Duration
    let logger: Logger
    private let state = Mutex(State())
    private let shutdownStarted = Atomic(false)

    private struct State {
        var draining = false
        var actions: [@Sendable () -> Void] = []
    }

    /// Creates the drain.
    /// - Parameters:
    ///   - delay: how long to keep serving after `SIGTERM` (`--shutdown-drain-delay`).
    ///   - logger: where the drain's `notice` line goes.
    init(delay: Duration, logger: Logger) {
        self.delay = delay
        self.logger = logger
    }

    /// Runs `action` when the drain begins, or now if it has begun (the gateway's readiness
    /// probe is made once EM's address is known, which may be after a `SIGTERM`).
    /// - Parameter action: what turns `/readyz` to `503`.
    func onDraining(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { state in
            if !state.draining { state.actions.append(action) }
            return state.draining
        }
        if now { action() }
    }

    /// Waits for `SIGTERM` or `SIGINT` on `signals`, drains after a `SIGTERM`, then calls
    /// `shutdown` once; later signals are ignored. Returns when cancelled.
    /// - Parameters:
    ///   - signals: the trapped signals (trapped before the services start, so that none is missed).
    ///   - shutdown: starts the graceful shutdown (the service group's trigger).
    func run(_ signals: UnixSignalsSequence, shutdown: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            var draining = false
            for await signal in signals {
                if signal == .sigterm && !draining && delay > .zero {
                    draining = true
                    beginDraining()
                    group.addTask {
                        guard (try? await Task.sleep(for: self.delay)) != nil else { return }
                        await self.startShutdown(shutdown)
                    }
                } else {
                    await startShutdown(shutdown)
                }
            }
            group.cancelAll()
        }
    }

    /// Calls `shutdown` the first time only.
    private func startShutdown(_ shutdown: @Sendable () async -> Void) async {
        guard shutdownStarted.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        await shutdown()
    }

    private func beginDraining() {
        let actions = state.withLock { state in
            state.draining = true
            defer { state.actions = [] }
            return state.actions
        }
        logger.notice(
            "SIGTERM: draining for \(ShutdownNotices.seconds(delay)) s (/readyz answers 503, requests are still served), then the graceful shutdown"
        )
        for action in actions { action() }
    }
}
