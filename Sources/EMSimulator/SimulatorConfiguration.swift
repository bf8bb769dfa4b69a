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

    /// Creates the default configuration.
    public init() {}
}

extension Simulator {
    /// The simulator's configuration (house style name for ``SimulatorConfiguration``).
    public typealias Configuration = SimulatorConfiguration
}
