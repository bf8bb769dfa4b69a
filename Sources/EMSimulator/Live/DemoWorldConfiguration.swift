/// Settings of the living demo world (`--seed`, `--start-time`, `--clock-rate`).
///
/// The world is a pure function of the seed, the start time and the world clock: the same
/// seed and start time give the same world at the same world time.
///
/// ```swift
/// var world = DemoWorldConfiguration()
/// world.seed = 7
/// world.startTime = DemoWorldConfiguration.secondsSince1970("2026-01-05T12:00:00Z")
/// world.clockRate = 0   // frozen
/// ```
public struct DemoWorldConfiguration: Sendable {
    /// Chooses each run's outcome, duration and size. Default 1.
    public var seed: UInt64 = 1
    /// The world time when the simulator starts, in seconds since 1970 (UTC); the week of
    /// history ends here. Default `nil`: the wall-clock time at start.
    public var startTime: Int64?
    /// World seconds per clock second: 1 real time, 60 a minute per second, 0 frozen at
    /// ``startTime``. Default 1.
    public var clockRate: Double = 1

    /// Creates the default settings.
    public init() {}

    /// Reads an ISO 8601 date and time as `--start-time` takes it (`2026-01-05T12:00:00Z`,
    /// `2026-01-05T13:00:00+01:00`, `2026-01-05T12:00:00` meaning UTC, `2026-01-05`).
    /// - Parameter text: the text.
    /// - Returns: whole seconds since 1970 (UTC), or `nil` when the text is no such date.
    public static func secondsSince1970(_ text: String) -> Int64? {
        DateTimeText.secondsSince1970(text).map { Int64($0.rounded(.down)) }
    }
}
