import EMUpstream
import Foundation
import NIOCore

struct TimeoutError: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "timed out after \(self.seconds) s" }
}

/// Runs `operation`, failing with ``TimeoutError`` if it takes longer than `seconds`.
func withTimeout<R: Sendable>(
    _ seconds: Double = 10,
    _ operation: @escaping @Sendable () async throws -> R
) async throws -> R {
    try await withThrowingTaskGroup(of: R.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            throw TimeoutError(seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Polls `condition` every 10 ms until it holds, failing with ``TimeoutError`` after `seconds`.
func waitUntil(_ seconds: Double = 10, _ condition: @escaping @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TimeoutError(seconds: seconds) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Runs `operation`, returning the `UpstreamError` it throws (or `nil` when it succeeds).
func upstreamError(_ operation: () async throws -> Void) async -> UpstreamError? {
    do {
        try await operation()
        return nil
    } catch let error as UpstreamError {
        return error
    } catch {
        return UpstreamError(.other, message: "not an UpstreamError: \(error)")
    }
}

extension ByteBuffer {
    var bytes: [UInt8] { self.getBytes(at: self.readerIndex, length: self.readableBytes) ?? [] }
    var text: String { String(buffer: self) }
}

extension UpstreamClient.Configuration {
    /// Short timeouts so failing tests fail fast.
    static func testing(idle: Duration = .seconds(5), connect: Duration = .seconds(5)) -> Self {
        var configuration = Self()
        configuration.idleTimeout = idle
        configuration.connectTimeout = connect
        return configuration
    }
}
