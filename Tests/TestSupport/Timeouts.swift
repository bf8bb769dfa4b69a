import Synchronization

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
///
/// At the limit the operation is cancelled and the wait ends at once, also when the operation
/// does not honour cancellation (a continuation that is never resumed): a test then fails with
/// ``TimeoutError`` instead of hanging the whole run. The abandoned operation keeps running.
/// - Parameters:
///   - limit: the time limit.
///   - operation: the work.
/// - Returns: what `operation` returns.
/// - Throws: ``TimeoutError`` past the limit, or what `operation` throws.
public func withTimeout<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let outcome = FirstOutcome<T>()
    let work = Task { outcome.settle(await Result { try await operation() }) }
    let timer = Task {
        try? await Task.sleep(for: limit)
        if outcome.settle(.failure(TimeoutError(description: "timed out after \(limit)"))) { work.cancel() }
    }
    defer { timer.cancel() }
    return try await withTaskCancellationHandler {
        try await outcome.value()
    } onCancel: {
        work.cancel()
        outcome.settle(.failure(CancellationError()))
    }
}

/// The first of several results, handed to one waiter.
private final class FirstOutcome<T: Sendable>: Sendable {
    private let state = Mutex<(result: Result<T, any Error>?, waiter: CheckedContinuation<T, any Error>?)>((nil, nil))

    /// Records `result` unless one was recorded before; resumes the waiter.
    /// - Returns: whether this was the first.
    @discardableResult
    func settle(_ result: Result<T, any Error>) -> Bool {
        let (first, waiter) = state.withLock { state -> (Bool, CheckedContinuation<T, any Error>?) in
            guard state.result == nil else { return (false, nil) }
            state.result = result
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume(with: result)
        return first
    }

    /// Waits for the first result.
    func value() async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let settled = state.withLock { state -> Result<T, any Error>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let settled { continuation.resume(with: settled) }
        }
    }
}

extension Result where Failure == any Error {
    /// The result of `body`.
    fileprivate init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
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
