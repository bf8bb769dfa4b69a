import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TestSupport
import Testing

/// A simulator, the gateway in front of it, and a libcurl client, all on loopback ports.
struct DemoStack {
    /// The gateway's base URL (`http://127.0.0.1:PORT`).
    let gatewayURL: String
    /// The simulator's base URL (`https://` when it serves TLS).
    let simulatorURL: String
    /// A real HTTP client (libcurl) for the test to call with.
    let client: UpstreamClient
    /// Shuts the gateway down gracefully (the simulator keeps running) and waits until it has stopped.
    let stopGateway: @Sendable () async -> Void

    /// Starts the stack, runs `body`, and shuts everything down.
    static func with<R: Sendable>(
        configure: @Sendable (inout GatewayConfiguration) -> Void = { _ in },
        simulator simulatorConfiguration: SimulatorConfiguration = SimulatorConfiguration(),
        gatewayLogger: Logger? = nil,
        simulatorLogger: Logger? = nil,
        _ body: @Sendable (DemoStack) async throws -> R
    ) async throws -> R {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let gatewayLogger = gatewayLogger ?? logger
        let (simPorts, simContinuation) = AsyncStream.makeStream(of: Int.self)
        let simulator = try Simulator.makeApplication(
            configuration: simulatorConfiguration, host: "127.0.0.1", port: 0, logger: simulatorLogger ?? logger,
            onServerRunning: { simContinuation.yield($0) })
        let simulatorGroup = ServiceGroup(configuration: .bounded(services: [simulator], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await simulatorGroup.run() }
            defer { group.cancelAll() }
            let simPort = try await withTimeout { await simPorts.first { _ in true }! }
            let simulatorURL = (simulatorConfiguration.tls == nil ? "http" : "https") + "://127.0.0.1:\(simPort)"
            var configuration = GatewayConfiguration(upstreamBaseURL: simulatorURL)
            configuration.port = 0
            configure(&configuration)
            let upstream = UpstreamClient(configuration: configuration.upstream, logger: gatewayLogger)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let gateway = try Gateway.makeApplication(configuration: configuration, upstream: upstream, logger: gatewayLogger) {
                continuation.yield($0)
            }
            let gatewayGroup = ServiceGroup(configuration: .bounded(services: [gateway], logger: logger))
            let (gatewayStopped, stopped) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                defer { stopped.finish() }
                try await gatewayGroup.run()
            }
            let stopGateway: @Sendable () async -> Void = {
                await gatewayGroup.triggerGracefulShutdown()
                for await _ in gatewayStopped {}
            }
            let port = try await withTimeout { await ports.first { _ in true }! }
            let result = try await withUpstreamClient(logger: logger) { client in
                try await body(
                    DemoStack(gatewayURL: "http://127.0.0.1:\(port)", simulatorURL: simulatorURL, client: client, stopGateway: stopGateway))
            }
            await gatewayGroup.triggerGracefulShutdown()
            await simulatorGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }

    /// A response with its body collected.
    struct Answer {
        let status: Int
        let headers: [UpstreamHeader]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body parsed as a JSON object (fails the test when it is not one).
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(body))
            return try #require(object as? [String: Any], "not a JSON object: \(String(decoding: body, as: UTF8.self))")
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request to an absolute URL, or a path on the gateway.
    func call(
        _ method: String = "GET", _ pathOrURL: String, headers: [UpstreamHeader] = [], body: String? = nil
    ) async throws -> Answer {
        let url = pathOrURL.hasPrefix("http") ? pathOrURL : gatewayURL + pathOrURL
        let response = try await withTimeout {
            try await client.execute(UpstreamRequest(method: method, url: url, headers: headers, body: body.map { ByteBuffer(string: $0) }))
        }
        let bytes = try await withTimeout { try await response.body.collect(upTo: 64 << 20) }
        return Answer(status: response.status, headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// `/readyz` once the probe has an answer from EM: past `unknown`, and past a first check
    /// that timed out on a loaded machine (`unreachable` is taken as the answer after 10 s).
    func readiness() async throws -> Answer {
        var last = try await call("GET", "/readyz")
        for _ in 0..<200 where last.text.contains("unknown") || last.text.contains("unreachable") {
            try await Task.sleep(for: .milliseconds(50))
            last = try await call("GET", "/readyz")
        }
        return last
    }

    /// Logs on through the gateway as demo/demo and returns the session token.
    func logOn() async throws -> String {
        let answer = try await call("POST", "/api/sessionMngr/?v=latest", headers: [Self.basic("demo", "demo")])
        #expect(answer.status == 201)
        return try #require(answer.header("X-RestSvcSessionId"))
    }

    static func basic(_ user: String, _ password: String) -> UpstreamHeader {
        UpstreamHeader(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    static func session(_ token: String) -> UpstreamHeader { UpstreamHeader(name: "X-RestSvcSessionId", value: token) }
}

/// Files under `Tests/Fixtures`.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

extension ServiceGroupConfiguration {
    /// A service group for a test's servers whose graceful shutdown ends within 15 s, then
    /// cancels what is left (5 s more at most): a server that does not stop fails its test's
    /// teardown instead of hanging the whole run, as `serve --shutdown-timeout` bounds it in
    /// production.
    static func bounded(services: [any Service], logger: Logger) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(services: services, logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(15)
        configuration.maximumCancellationDuration = .seconds(5)
        return configuration
    }
}
