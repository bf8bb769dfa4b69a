import EMUpstream
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Misconfiguration found when a command starts, not on every request later.
@Suite("Startup checks")
struct StartupChecksTests {
    @Test("an --upstream-ca file missing, unreadable as PEM, or holding no certificate is refused by config check and serve")
    func upstreamCA() async throws {
        try await ConfigurationTests.withFile(
            "not-a-ca.pem", "-----BEGIN CERTIFICATE-----\nREPLACE-WITH-THE-CA\n-----END CERTIFICATE-----\n"
        ) { notPEM in
            for (file, problem) in [("/nonexistent/em-ca.pem", "does not exist"), (notPEM, "holds no PEM certificate")] {
                for command in [["config", "check"], ["serve", "--listen", "127.0.0.1:0"]] {
                    let result = try await CommandLineTests.run(command + ["--upstream", "https://127.0.0.1:9", "--upstream-ca", file])
                    #expect(result.status == 1, "\(command) \(file)")
                    #expect(result.err.contains("--upstream-ca (upstream.ca): \(file) \(problem)"), "\(result.err)")
                    #expect(result.out.isEmpty)
                }
            }
        }
        let good = try await CommandLineTests.run([
            "config", "check", "--upstream", "https://127.0.0.1:9", "--upstream-ca", TLSTests.fixture("ca.pem"),
        ])
        #expect(good.status == 0, "\(good.err)")
    }

    @Test("token new checks the name before printing a token; token hash takes only tokens token new makes")
    func tokens() async throws {
        let bad = try await CommandLineTests.run(["token", "new", "bad:name"])
        #expect(bad.status == 64)
        #expect(bad.out.isEmpty, "no token printed: \(bad.out)")
        let made = try await CommandLineTests.run(["token", "new", "alice"])
        #expect(made.status == 0)
        let token = try #require(made.out.split(separator: "\n").first.map(String.init))
        let hashed = try await CommandLineTests.run(["token", "hash", "alice"], stdin: token + "\n")
        #expect(hashed.status == 0)
        #expect(hashed.out.hasPrefix("alice:"))
        for notToken in ["hunter2", token + "x", String(token.dropLast()) + "=", "emg_" + String(repeating: "A", count: 42) + "!"] {
            let refused = try await CommandLineTests.run(["token", "hash", "alice"], stdin: notToken + "\n")
            #expect(refused.status == 64, "\(notToken)")
            #expect(refused.out.isEmpty)
        }
        let badName = try await CommandLineTests.run(["token", "hash", "bad name"], stdin: token + "\n")
        #expect(badName.status == 64)
    }

    @Test(
        "simulate --self-signed writes its certificate (--self-signed-out, else standard error); the gateway trusts it with --upstream-ca, and without it says so"
    )
    func selfSignedSimulator() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("em-gateway-selfsigned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("simulator.pem").path

        let (toStderr, _, stderrPipe) = try await CommandLineTests.start(["simulate", "--self-signed", "--listen", "127.0.0.1:0"])
        toStderr.terminate()
        toStderr.waitUntilExit()
        let printed = String(decoding: stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.hasPrefix("-----BEGIN CERTIFICATE-----\n"), "\(printed.prefix(200))")

        let (simulator, line, _) = try await CommandLineTests.start(
            ["simulate", "--self-signed", "--self-signed-out", certificate, "--listen", "127.0.0.1:0"])
        defer { if simulator.isRunning { kill(simulator.processIdentifier, SIGKILL) } }
        #expect(line.hasPrefix("em-simulator listening on https://127.0.0.1:"))
        let upstream = String(line.dropFirst("em-simulator listening on ".count))
        #expect(try String(contentsOfFile: certificate, encoding: .utf8).hasPrefix("-----BEGIN CERTIFICATE-----"))

        // Without the CA: the start-up warning names --upstream-ca.
        let (untrusting, first, untrustingErr) = try await CommandLineTests.start(
            ["serve", "--upstream", upstream, "--listen", "127.0.0.1:0", "--shutdown-drain-delay", "0"])
        defer { if untrusting.isRunning { kill(untrusting.processIdentifier, SIGKILL) } }
        #expect(first.hasPrefix("em-gateway listening on "))
        untrusting.terminate()
        try await withTimeout(60) { untrusting.waitUntilExit() }
        let log = String(decoding: untrustingErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("give that CA certificate (PEM) with --upstream-ca FILE"), "\(log)")

        // With it: ready.
        let (trusting, listening, _) = try await CommandLineTests.start(
            ["serve", "--upstream", upstream, "--upstream-ca", certificate, "--listen", "127.0.0.1:0", "--shutdown-drain-delay", "0"])
        defer { if trusting.isRunning { kill(trusting.processIdentifier, SIGKILL) } }
        let base = String(listening.dropFirst("em-gateway listening on ".count))
        let ready = try await withUpstreamClient { client in
            let response = try await client.execute(UpstreamRequest(method: "GET", url: base + "/readyz"))
            _ = try await response.body.collect(upTo: 1 << 16)
            return response.status
        }
        #expect(ready == 200)
        trusting.terminate()
        try await withTimeout(60) { trusting.waitUntilExit() }
    }
}
