import Foundation
import TestSupport
import Testing

/// The binary's configuration surface: `config check`, settings errors, `--log-format json`,
/// and one clear line for listen and certificate failures.
@Suite("Command line: configuration")
struct CommandLineConfigurationTests {
    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("em-gateway-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Starts `em-gateway ARGUMENTS` and returns it with its first standard-output line.
    static func start(_ arguments: [String]) async throws -> (Process, String, Pipe) {
        try await CommandLineTests.start(arguments)
    }

    @Test("config check prints every setting with its value and source; flags beat variables beat the file")
    func configCheck() async throws {
        let file = try Self.temporaryFile(
            "gateway.yaml", "upstream:\n  url: https://file.example:9398\n  idle-timeout: 90\nlog:\n  format: json\n")
        let result = try await CommandLineTests.run(
            ["config", "check", "--config", file.path, "--upstream-connect-timeout", "3"],
            environment: ["EM_GATEWAY_UPSTREAM_IDLE_TIMEOUT": "120", "EM_GATEWAY_PUBLIC_URL": "https://gw.example.com"])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        func line(_ key: String) -> String? {
            lines.first { $0.hasPrefix(key + " ") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        }
        #expect(line("upstream.url") == "upstream.url https://file.example:9398 (\(file.path): upstream.url)")
        #expect(line("upstream.connect-timeout") == "upstream.connect-timeout 3 (--upstream-connect-timeout)")
        #expect(line("upstream.idle-timeout") == "upstream.idle-timeout 120 (EM_GATEWAY_UPSTREAM_IDLE_TIMEOUT)")
        #expect(line("public-url") == "public-url https://gw.example.com (EM_GATEWAY_PUBLIC_URL)")
        #expect(line("listen") == "listen 127.0.0.1:8080 (default)")
        #expect(line("log.format") == "log.format json (\(file.path): log.format)")
    }

    @Test("config check shows the public URL the gateway derives when none is set, marked as the default")
    func configCheckDerivedPublicURL() async throws {
        func publicURL(_ arguments: [String]) async throws -> String? {
            let result = try await CommandLineTests.run(["config", "check", "--demo"] + arguments)
            #expect(result.status == 0, "\(result.err)")
            return result.out.split(separator: "\n").first { $0.hasPrefix("public-url ") }
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        }
        #expect(try await publicURL([]) == "public-url http://127.0.0.1:8080 (default)")
        #expect(try await publicURL(["--listen", "[::1]:9443", "--self-signed"]) == "public-url https://[::1]:9443 (default)")
        #expect(try await publicURL(["--public-url", "https://gw.example.com"]) == "public-url https://gw.example.com (--public-url)")
    }

    @Test("config check: an unknown key, variable or flag is named, exit status 64")
    func configCheckUnknown() async throws {
        let file = try Self.temporaryFile("gateway.json", #"{"demo": true, "upstream": {"timeout": 3}}"#)
        let key = try await CommandLineTests.run(["config", "check", "--config", file.path])
        #expect(key.status == 64)
        #expect(key.err == "em-gateway: error: config file \(file.path): unknown key \"upstream.timeout\"\n")
        let variable = try await CommandLineTests.run(["config", "check", "--demo"], environment: ["EM_GATEWAY_LISTEN_PORT": "1"])
        #expect(variable.status == 64)
        #expect(variable.err.contains("EM_GATEWAY_LISTEN_PORT"))
        let flag = try await CommandLineTests.run(["serve", "--demo", "--listen-port", "1"])
        #expect(flag.status == 64)
        #expect(flag.err == "em-gateway: error: unknown option '--listen-port'\n")
    }

    @Test("serve: --upstream …/api gets the hint to drop /api; '*' origins and relative public URLs are refused")
    func urlHints() async throws {
        let api = try await CommandLineTests.run(["serve", "--upstream", "https://em:9398/api"])
        #expect(api.status == 64)
        #expect(api.err.contains("drop /api (https://em:9398)"))
        #expect(!api.err.contains("9419"))
        let star = try await CommandLineTests.run(["serve", "--demo", "--allowed-origin", "*"])
        #expect(star.status == 64)
        #expect(star.err.contains("'*' is refused"))
        let relative = try await CommandLineTests.run(["serve", "--demo", "--public-url", "/em"])
        #expect(relative.status == 64)
        #expect(relative.err.contains("--public-url: must be an absolute http:// or https:// URL"))
    }

    @Test("serve: a port in use and unusable certificate files give one line and exit status 1")
    func listenAndCertificateFailures() async throws {
        let (first, line, _) = try await Self.start(["serve", "--upstream", "http://127.0.0.1:9", "--listen", "127.0.0.1:0"])
        defer { first.terminate() }
        let port = try #require(line.split(separator: ":").last.map(String.init))
        // Only the line: no log of EM's check (unreachable here), nor of the demo simulator starting and stopping.
        for upstream in [["--upstream", "http://127.0.0.1:9"], ["--demo"]] {
            let second = try await CommandLineTests.run(["serve", "--listen", "127.0.0.1:\(port)"] + upstream)
            #expect(second.status == 1)
            #expect(second.out.isEmpty)
            #expect(
                second.err
                    == "em-gateway: error: cannot listen on 127.0.0.1:\(port): the address is already in use (another em-gateway or service on that port?)\n"
            )
        }

        let missing = try await CommandLineTests.run([
            "serve", "--demo", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem",
        ])
        #expect(missing.status == 1)
        #expect(missing.err == "em-gateway: error: TLS: /nonexistent/cert.pem does not exist\n")
        let garbage = try Self.temporaryFile("cert.pem", "not a certificate\n")
        let invalid = try await CommandLineTests.run(["serve", "--demo", "--tls-cert", garbage.path, "--tls-key", garbage.path])
        #expect(invalid.status == 1)
        #expect(invalid.err.hasPrefix("em-gateway: error: TLS: \(garbage.path) holds no PEM certificate"))
        #expect(invalid.err.split(separator: "\n").count == 1)
    }

    @Test("serve --log-format json writes only JSON objects, one per line, to standard error")
    func jsonLogs() async throws {
        let (process, line, err) = try await Self.start([
            "serve", "--demo", "--listen", "127.0.0.1:0", "--log-format", "json", "--shutdown-drain-delay", "0",
        ])
        #expect(line.hasPrefix("em-gateway listening on "))
        process.terminate()
        try await withTimeout(60) { process.waitUntilExit() }
        #expect(process.terminationStatus == 0)
        let logged = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = logged.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(Set(object?.keys.map { $0 } ?? []) == ["timestamp", "level", "label", "message", "metadata"], "\(line)")
        }
    }
}
