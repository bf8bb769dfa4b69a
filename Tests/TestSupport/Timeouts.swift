/// A wait in a test that took too long.
public struct TimeoutError: Error, CustomStringConvertible {
    public let description: String

    /// - Parameter description: what did not happen in time. Default: "timed out".
    public init(description: String = "timed out") { self.description = description }

    /// - Parameter seconds: the limit that passed.
    public init(seconds: Double) { self.description = "timed out after \(seconds) s" }
}

/// Runs `operation`, failing with ``TimeoutError`` instead of hanging when it takes longer than
/// `seconds`. Every wait on the network in a test goes through this.
/// - Parameters:
///   - seconds: the limit. Default 60 s: a guard against hangs, not a speed check; a debug
///     build running every test at once on two cores can be slow for many seconds.
///   - operation: the work.
/// - Returns: what `operation` returns.
/// - Throws: ``TimeoutError`` past the limit, or what `operation` throws.
public func withTimeout<T: Sendable>(
    _ seconds: Double = 60, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withTimeout(.milliseconds(Int64(seconds * 1000)), operation)
}

/// Runs `operation`, failing with ``TimeoutError`` when it takes longer than `limit`.
/// - Parameters:
///   - limit: the time limit.
///   - operation: the work.
/// - Returns: what `operation` returns.
/// - Throws: ``TimeoutError`` past the limit, or what `operation` throws.
public func withTimeout<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError(description: "timed out after \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Polls `condition` every 10 ms until it holds.
/// - Parameters:
///   - seconds: the limit. Default 10 s.
///   - condition: what to wait for.
/// - Throws: ``TimeoutError`` after `seconds`.
public func waitUntil(_ seconds: Double = 10, _ condition: @escaping @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TimeoutError(seconds: seconds) }
        try await Task.sleep(for: .milliseconds(10))
    }
}
