import EMGateway
import EMUpstream
import Foundation
import TestSupport
import Testing

/// `serve` in service-account mode and `simulate` over HTTPS, as the built binary runs them.
@Suite("Command line: service account, simulator TLS")
struct ServiceAccountCommandLineTests {
    /// Starts the binary and reads its first standard-output line; standard error is left in the pipe.
    static func start(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Process, String, Pipe) {
        try await CommandLineTests.start(arguments, environment: environment)
    }

    @Test(
        "serve --demo --service-account-user: the password from the environment, bearer tokens from a file; logoff on SIGTERM reaches the simulator, which stops last"
    )
    func serviceAccountServe() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("em-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = BearerToken.generate()
        let tokens = directory.appendingPathComponent("tokens")
        try (try BearerToken.hashLine(name: "ci", token: token) + "\n").write(to: tokens, atomically: true, encoding: .utf8)

        let (process, line, err) = try await Self.start(
            [
                "serve", "--demo", "--listen", "127.0.0.1:0", "--service-account-user", "demo", "--bearer-tokens-file", tokens.path,
                "--shutdown-drain-delay", "0",
            ],
            environment: ["EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD": "demo"])
        defer { if process.isRunning { process.terminate() } }
        #expect(line.hasPrefix("em-gateway listening on http://127.0.0.1:"))
        let base = String(line.dropFirst("em-gateway listening on ".count))
        try await withUpstreamClient { client in
            let refused = try await client.execute(UpstreamRequest(method: "GET", url: base + "/api/jobs"))
            #expect(refused.status == 401)
            let answer = try await client.execute(
                UpstreamRequest(
                    method: "GET", url: base + "/api/jobs", headers: [UpstreamHeader(name: "Authorization", value: "Bearer \(token)")]))
            #expect(answer.status == 200)
        }
        process.terminate()
        try await withTimeout(60) { process.waitUntilExit() }
        #expect(process.terminationStatus == 0)
        // The simulator answered the logoff (EM's 204 for DELETE /api/logonSessions/{ID}): it was still serving.
        let logged = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(logged.contains("em.upstream.status=204 [EMGateway] service account logged off"), "\(logged)")
        #expect(!logged.contains("logoff failed"), "\(logged)")
    }

    @Test("serve refuses an incomplete service-account setup, and never takes a password flag")
    func incompleteSetup() async throws {
        let noTokens = try await CommandLineTests.run(["serve", "--demo", "--service-account-user", "demo"])
        #expect(noTokens.status != 0)
        #expect(noTokens.err.contains("--bearer-tokens-file"))
        let flag = try await CommandLineTests.run(["serve", "--demo", "--service-account-password", "demo"])
        #expect(flag.status != 0)
    }

    @Test("simulate --self-signed serves HTTPS")
    func simulatorSelfSigned() async throws {
        let (process, line, _) = try await Self.start(["simulate", "--listen", "127.0.0.1:0", "--self-signed"])
        defer { if process.isRunning { process.terminate() } }
        #expect(line.hasPrefix("em-simulator listening on https://127.0.0.1:"))
        let base = String(line.dropFirst("em-simulator listening on ".count))
        var insecure = UpstreamClient.Configuration()
        insecure.tls.verifyPeer = false
        try await withUpstreamClient(configuration: insecure) { client in
            let answer = try await client.execute(UpstreamRequest(method: "GET", url: base + "/api/"))
            #expect(answer.status == 200)
        }
        process.terminate()
        try await withTimeout(60) { process.waitUntilExit() }
    }
}
