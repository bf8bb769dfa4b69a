import EMSimulator
import Foundation
import Logging
import ServiceLifecycle
import TestSupport
import Testing

/// Log lines captured from the simulator, to check what it logs.
// Safe because `lines` is only touched while holding `lock`.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { self.lock.withLock { self.lines.append(line) } }
    var all: [String] { self.lock.withLock { self.lines } }

    /// A logger at debug level that records message and metadata of every line.
    func logger() -> Logger {
        var logger = Logger(label: "em.sim.test") { _ in CapturingHandler(logs: self) }
        logger.logLevel = .debug
        return logger
    }

    private struct CapturingHandler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = self.metadata.merging(event.metadata ?? [:]) { $1 }
            self.logs.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key })")
        }
    }
}

/// A running simulator and a client for it.
struct SimulatorUnderTest: Sendable {
    let client: HTTPTestClient
    let baseURL: String

    /// Logs on with Basic credentials.
    /// - Parameters:
    ///   - user: the user name.
    ///   - password: the password.
    ///   - target: the logon target.
    /// - Returns: the response.
    func logon(
        user: String = "demo", password: String = "demo", target: String = "/api/sessionMngr/?v=latest"
    ) async throws -> HTTPTestResponse {
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        return try await self.client.send("POST", target, headers: [("Authorization", "Basic \(credentials)")])
    }

    /// Logs on and returns the session token.
    func token(user: String = "demo", password: String = "demo") async throws -> String {
        let response = try await self.logon(user: user, password: password)
        try #require(response.status == 201)
        return try #require(response.header("X-RestSvcSessionId"))
    }
}

/// Starts a simulator on a loopback port, runs `body` against it, then shuts it down.
/// - Parameters:
///   - configuration: the simulator's configuration.
///   - logs: where to capture log lines, if anywhere.
///   - timeLimit: how long `body` may take (default 90 s, a guard against hangs, not a speed check; walks of the whole world take more on
///     a loaded machine).
///   - body: the test.
/// - Throws: what `body` throws, or `TimeoutError` when the server does not start in 10 s
///   or the test takes longer than `timeLimit`.
func withSimulator(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(),
    logs: CapturedLogs? = nil,
    timeLimit: Duration = .seconds(90),
    _ body: @escaping @Sendable (SimulatorUnderTest) async throws -> Void
) async throws {
    let logger = logs?.logger() ?? Logger(label: "em.sim.test", factory: { _ in SwiftLogNoOpLogHandler() })
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = try Simulator.makeApplication(
        configuration: configuration, host: "127.0.0.1", port: 0, logger: logger
    ) { port in
        continuation.yield(port)
        continuation.finish()
    }
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var failure: (any Error)?
        do {
            let port = try await withTimeout(.seconds(10)) {
                for await port in ports { return port }
                throw TimeoutError(description: "server stopped before listening")
            }
            let simulator = SimulatorUnderTest(
                client: HTTPTestClient(port: port), baseURL: configuration.advertisedBaseURL)
            try await withTimeout(timeLimit) { try await body(simulator) }
        } catch {
            failure = error
        }
        // Shut down, with a watchdog: whichever ends first, the server's run or the watchdog.
        await group.triggerGracefulShutdown()
        tasks.addTask {
            try await Task.sleep(for: .seconds(60))
            throw TimeoutError(description: "simulator did not shut down within 60 s")
        }
        defer { tasks.cancelAll() }
        try await tasks.next()
        if let failure { throw failure }
    }
}
