public import NIOSSL

/// Settings of a simulated Enterprise Manager.
///
/// ```swift
/// var configuration = SimulatorConfiguration()
/// configuration.advertisedBaseURL = "https://em01.example.local:9398"
/// configuration.accounts = ["EXAMPLE\\Administrator": "p@ss:w\\rd"]
/// ```
public struct SimulatorConfiguration: Sendable {
    /// The base EM believes it has; every `Href` and the logon `Location` start with it,
    /// followed by `/api/...`. A trailing `/` is ignored. Default `https://localhost:9398`.
    public var advertisedBaseURL: String = "https://localhost:9398"
    /// Accounts for Basic logon, user name → password. User names match case-insensitively
    /// (Windows accounts do), passwords exactly. Default `["demo": "demo"]`.
    public var accounts: [String: String] = ["demo": "demo"]
    /// How long a logon session may stay unused before it expires; every authenticated
    /// request restarts the count. Default 15 minutes, as in EM.
    public var sessionIdleTimeout: Duration = .seconds(900)
    /// Size of the generated world (`--scale N`): N backup job sessions, backup task sessions and
    /// restore points, and N/100 jobs (at least 1), computed per request and streamed. Default 0:
    /// only the small seed world.
    public var scale: Int = 0
    /// Serve HTTPS with this configuration (swift-nio-ssl), as EM does; `nil` serves plain
    /// HTTP. Default `nil`.
    public var tls: TLSConfiguration?
    /// The clock logon sessions expire by. Default `ContinuousClock.now`; tests pass a manual
    /// clock to expire sessions without waiting.
    public var sessionClock: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }

    /// How long a task started by a write (`202 Accepted`) shows `Running` before `Finished`,
    /// and when its effect (a started job's session completing, an edit) lands. Default 3 seconds.
    public var taskDuration: Duration = .seconds(3)

    /// The living demo world (`--seed`, `--start-time`, `--clock-rate`): a week of history
    /// ending at its start and jobs that keep running (see ``DemoWorldConfiguration``). Default
    /// `nil`: only the documented seed world, frozen in 2014.
    public var demoWorld: DemoWorldConfiguration?
    /// The clock of the demo world and of modelled answer times. Default
    /// ``SimulatorClock/continuous``; tests pass ``ManualSimulatorClock/clock``.
    public var clock: SimulatorClock = .continuous
    /// Answer times (`--latency`). Default ``SimulatedLatency/none``.
    public var latency: SimulatedLatency = .none
    /// The parallel limit applied under ``SimulatedLatency/em``; its counters show the queue.
    /// Default a new gate of ``EMLatencyModel/parallelLimit`` places.
    public var requestGate = SimulatorRequestGate()
    /// Accounts (of ``accounts``, any case) with a restricted role: they see only the subset
    /// of jobs ``ViewerScope`` documents, and every write is `403`. Default none.
    public var restrictedUsers: Set<String> = []

    /// Creates the default configuration.
    public init() {}
}

extension Simulator {
    /// The simulator's configuration (house style name for ``SimulatorConfiguration``).
    public typealias Configuration = SimulatorConfiguration
}
