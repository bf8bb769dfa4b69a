import EMGateway
import EMSimulator
import EMTranslate
import EMUpstream
import Foundation
import Logging
import ServiceLifecycle
import TestSupport
import Testing

@testable import em_gateway

#if canImport(Glibc)
    import Glibc
#endif

/// `em-gateway verify` as users run it: its settings, exit statuses, report file, `SIGINT`, and a
/// run against the simulator.
@Suite("Verify: the command")
struct VerifyCommandLineTests {
    static let credentials = ["EM_GATEWAY_VERIFY_USER": "verifier", "EM_GATEWAY_VERIFY_PASSWORD": "s3cret"]

    static func resolve(
        _ arguments: [String], environment: [String: String] = [:], configFile: String? = nil,
        appliedKeys: Set<String>? = Verify.appliedKeys
    ) async throws(ConfigurationError) -> SettingSources.Resolved {
        var sources = SettingSources(arguments: arguments, environment: environment, configFile: configFile)
        sources.appliedKeys = appliedKeys
        return try await sources.resolve()
    }

    @Test("reads upstream.*, xsd and dialect like serve; accepts a production config's other keys without opening their files")
    func settings() async throws {
        let production = """
            listen: 0.0.0.0:8443
            public-url: https://em-gateway.example.com
            upstream: {url: "https://em.example.local:9398", connect-timeout: 3, insecure: true}
            tls: {cert: /nonexistent/cert.pem, key: /nonexistent/key.pem}
            service-account: {user: svc, password-file: /nonexistent/password}
            bearer-tokens-file: /nonexistent/tokens
            dialect: compact
            """
        try await ConfigurationTests.withFile("password", "pw\n") { passwordFile in
            try await ConfigurationTests.withFile("gateway.yaml", production) { config in
                let resolved = try await Self.resolve(
                    ["--upstream-idle-timeout", "7", "--xsd", "/opt/veeam/vbem/schemas/RestAPI.xsd"],
                    environment: ["EM_GATEWAY_VERIFY_USER": "verifier", "EM_GATEWAY_VERIFY_PASSWORD_FILE": passwordFile], configFile: config
                )
                let settings = resolved.configuration
                #expect(settings.upstream == "https://em.example.local:9398")
                #expect(settings.gateway.upstream.connectTimeout == .seconds(3))
                #expect(settings.gateway.upstream.idleTimeout == .seconds(7))
                #expect(settings.upstreamInsecure)
                #expect(settings.gateway.dialect == .compact)
                #expect(settings.xsd == "/opt/veeam/vbem/schemas/RestAPI.xsd")
                #expect(settings.gateway.publicBaseURL == nil, "serve's public-url is not applied")
                #expect(settings.verifyUser == "verifier")
                #expect(settings.verifyPassword == "pw")
                #expect(settings.serviceAccountPassword == nil, "serve's secret file is not read")
                // serve, with the same config, would open those files: they fail it.
                #expect(await ConfigurationTests.failure([], configFile: config) != nil)
            }
        }
    }

    @Test("credentials only from EM_GATEWAY_VERIFY_*: never a flag, never a config-file key; serve accepts and ignores them")
    func credentials() async throws {
        for flag in ["--verify-user", "--verify-password", "--verify-password-file"] {
            await #expect(throws: ConfigurationError.self) { _ = try await Self.resolve([flag, "x"]) }
        }
        do {
            _ = try await Self.resolve(["--verify-password", "x"])
        } catch {
            #expect("\(error)" == "unknown option '--verify-password'")
        }
        try await ConfigurationTests.withFile("verify.yaml", "verify: {user: verifier}\n") { config in
            do {
                _ = try await Self.resolve([], configFile: config)
                Issue.record("a config-file key was accepted for the verify user")
            } catch {
                #expect("\(error)" == "config file \(config): unknown key \"verify.user\"")
            }
        }
        let serve = try await Self.resolve(["--demo"], environment: Self.credentials, appliedKeys: nil)
        #expect(serve.configuration.demo)
        let lines = SettingSources(arguments: [], environment: [:]).describe(serve)
        #expect(!lines.joined().contains("s3cret"))
        #expect(SettingArguments.settingsHelp.contains("env EM_GATEWAY_VERIFY_PASSWORD only"))
    }

    @Test("usage errors exit 64: no credentials, no upstream, --max-resources 0, --concurrency 0")
    func usage() async throws {
        let noCredentials = try await CommandLineTests.run(
            ["verify", "--upstream", "http://127.0.0.1:9"], environment: ["EM_GATEWAY_VERIFY_USER": "", "EM_GATEWAY_VERIFY_PASSWORD": ""])
        #expect(noCredentials.status == 64)
        #expect(noCredentials.err.contains("EM_GATEWAY_VERIFY_USER"))
        #expect(try await CommandLineTests.run(["verify"], environment: Self.credentials).status == 64)
        #expect(
            try await CommandLineTests.run(
                ["verify", "--upstream", "http://127.0.0.1:9", "--max-resources", "0"], environment: Self.credentials
            ).status == 64)
        #expect(
            try await CommandLineTests.run(
                ["verify", "--upstream", "http://127.0.0.1:9", "--concurrency", "0"], environment: Self.credentials
            ).status == 64)
        #expect(
            try await CommandLineTests.run(
                ["verify", "--upstream", "http://127.0.0.1:9", "--verify-password", "x"], environment: Self.credentials
            ).status == 64)
    }

    @Test("the binary against the EM stand-in: summary, --report FILE without values, exit 0; EM unreachable: exit 2")
    func report() async throws {
        let upstream = try VerifyUpstream(resources: try VerifyTests.em12(), logonSession: try Fixtures.bytes("verify/logon-session.xml"))
        defer { upstream.stop() }
        try await ConfigurationTests.withFile("report.json", "") { path in
            let run = try await CommandLineTests.run(
                ["verify", "--upstream", upstream.baseURL, "--report", path, "--concurrency", "2"], environment: Self.credentials)
            #expect(run.status == 0, "\(run.err)")
            #expect(run.out.contains("dialect to configure: native"))
            #expect(run.out.contains("keyCase: 2"))
            #expect(run.out.contains("report written to \(path) (no values)"))
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            #expect(report["exitStatus"] as? Int == 0)
            #expect(report["includesValues"] as? Bool == false)
            #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).contains("127.0.0.1"))
        }
        #expect(upstream.requests.last?.method == "DELETE")
        try await ConfigurationTests.withFile("report.json", "") { path in
            let run = try await CommandLineTests.run(
                ["verify", "--upstream", upstream.baseURL, "--report", path, "--include-values"], environment: Self.credentials)
            #expect(run.status == 0, "\(run.err)")
            #expect(run.out.contains("(with values: your data)"))
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            #expect(text.contains("\"includesValues\" : true"))
            #expect(text.contains("2851cb88-37b6-46ea-b2c8-47b55270169d"))
        }
        upstream.stop()
        let unreachable = try await CommandLineTests.run(["verify", "--upstream", upstream.baseURL], environment: Self.credentials)
        #expect(unreachable.status == 2)
        #expect(unreachable.err.contains("could not be reached"))
    }

    @Test("SIGINT during the walk: the session is logged off, exit 2")
    func interrupted() async throws {
        let upstream = try VerifyUpstream(
            resources: try VerifyTests.em12(), logonSession: try Fixtures.bytes("verify/logon-session.xml"), hanging: VerifyTests.jobPath)
        defer { upstream.stop() }
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["verify", "--upstream", upstream.baseURL]
        process.environment = ProcessInfo.processInfo.environment.merging(Self.credentials) { $1 }
        let err = Pipe()
        process.standardOutput = Pipe()
        process.standardError = err
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = ContinuousClock.now + .seconds(60)
        while !upstream.requests.contains(where: { $0.target == VerifyTests.jobPath }) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGINT)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        guard !process.isRunning else { return }
        #expect(process.terminationStatus == 2)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("interrupted"), "\(log)")
        #expect(upstream.requests.contains { $0.method == "DELETE" && $0.target == "/api/logonSessions/\(VerifyUpstream.sessionID)" })
    }

    @Test("against the simulator (demo/demo): this EM offers no JSON, exit 2 after logging off")
    func simulator() async throws {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let simulator = try Simulator.makeApplication(
            configuration: SimulatorConfiguration(), host: "127.0.0.1", port: 0, logger: logger, onServerRunning: { continuation.yield($0) }
        )
        let group = ServiceGroup(configuration: .bounded(services: [simulator], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await withTimeout { await ports.first { _ in true }! }
            let capture = LogCapture()
            let configuration = Verifier.Configuration(upstreamBaseURL: "http://127.0.0.1:\(port)", user: "demo", password: "demo")
            await #expect(throws: VerifyError(.noJSON, "")) {
                try await Verifier(configuration: configuration, logger: capture.logger()).run()
            }
            #expect(capture.all.contains { $0.contains("logged off Enterprise Manager") && $0.contains("204") }, "\(capture.all)")

            let run = try await CommandLineTests.run(
                ["verify", "--upstream", "http://127.0.0.1:\(port)"],
                environment: ["EM_GATEWAY_VERIFY_USER": "demo", "EM_GATEWAY_VERIFY_PASSWORD": "demo"])
            #expect(run.status == 2)
            #expect(run.err.contains("this EM offers no JSON"), "\(run.err)")
            #expect(run.err.contains("logged off Enterprise Manager"), "\(run.err)")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
