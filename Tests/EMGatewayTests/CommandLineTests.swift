import EMUpstream
import Foundation
import NIOCore
import TestSupport
import Testing
import Yams

/// The `em-gateway` binary as users and scripts run it: its printed lines, exit codes and
/// subcommands (the command-line interface is fixed; scripts depend on it).
@Suite("Command line")
struct CommandLineTests {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("em-gateway")
    }

    /// Starts `em-gateway ARGUMENTS` and returns it, its first standard-output line and its
    /// standard error.
    /// - Parameters:
    ///   - environment: variables added to (or replacing) the test process's own.
    ///   - firstLineTimeout: seconds to wait for the first line.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], firstLineTimeout: Double = 30
    ) async throws -> (Process, String, Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let reader = out.fileHandleForReading
        let line = try await withTimeout(firstLineTimeout) { () -> String in
            try await onThread {
                var buffer = Data()
                while !buffer.contains(UInt8(ascii: "\n")) {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                }
                return String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            }
        }
        return (process, line, err)
    }

    /// Runs the binary to completion, waiting on a thread of its own: a blocking read on Swift's
    /// cooperative pool (two threads on two cores) would starve in-process servers the binary talks to.
    /// - Parameter environment: variables added to (or replacing) the test process's own.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
    ) async throws -> (status: Int32, out: String, err: String) {
        try await onThread { try runBlocking(arguments, stdin: stdin, environment: environment) }
    }

    private static func runBlocking(
        _ arguments: [String], stdin: String?, environment: [String: String]
    ) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test("serve --demo prints its two lines, serves the seed session, and stops cleanly on SIGTERM")
    func serveDemo() async throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--demo", "--listen", "127.0.0.1:0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let lines = try await withTimeout(60) { () -> [String] in
            var buffer = Data()
            while String(decoding: buffer, as: UTF8.self).split(separator: "\n").count < 3 {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
            }
            return String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.count == 3)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("em-gateway listening on http://127.0.0.1:"))
        #expect(lines.dropFirst().first == "demo credentials: user=demo password=demo")
        #expect(lines.last == "viewer credentials: user=viewer password=viewer")
        let base = String(first.dropFirst("em-gateway listening on ".count))

        let converted = try await withUpstreamClient { client in
            let logon = try await client.execute(
                UpstreamRequest(method: "POST", url: base + "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")]))
            #expect(logon.status == 201)
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let answer = try await client.execute(
                UpstreamRequest(
                    method: "GET", url: base + "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity",
                    headers: [DemoStack.session(token)]))
            #expect(answer.status == 200)
            return Data(try await answer.body.collect(upTo: 1 << 20).readableBytesView)
        }
        // `convert --public-url` of the seed page's XML gives the same JSON as the gateway serves.
        let convert = try await Self.run([
            "convert", "--public-url", base, Fixtures.directory.appendingPathComponent("replicasession_seed_entity.xml").path,
        ])
        #expect(convert.status == 0)
        #expect(convert.out.hasSuffix("}\n"))
        let fromCLI = try JSONSerialization.jsonObject(with: Data(convert.out.utf8)) as? NSDictionary
        let fromGateway = try JSONSerialization.jsonObject(with: converted) as? NSDictionary
        #expect(fromCLI != nil && fromCLI == fromGateway)

        process.terminate()  // SIGTERM: graceful shutdown
        try await withTimeout(60) { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test("serve refuses an upstream that answers but is not EM")
    func refusesNotEM() async throws {
        try await HostileUpstream.with(notEM: true) { port in
            let result = try await Self.run(["serve", "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:\(port)"])
            #expect(result.status == 1)
            #expect(result.err.contains("is not Veeam Backup Enterprise Manager"))
            #expect(result.out.isEmpty)
        }
    }

    @Test("convert reads standard input; malformed XML exits 1 with a message and no success")
    func convert() async throws {
        let ok = try await Self.run(
            ["convert", "-"], stdin: #"<EntityRef xmlns="http://www.veeam.com/ent/v1.0" Href="https://em:9398/api/jobs/1" Name="007"/>"#)
        #expect(ok.status == 0)
        #expect(ok.out.contains(#""Href":"https://em:9398/api/jobs/1""#))
        #expect(ok.out.contains(#""Name":"007""#))
        let bad = try await Self.run(["convert"], stdin: "<EntityRef><Links>")
        #expect(bad.status == 1)
        #expect(bad.err.contains("malformedXML"))
    }

    @Test("to-xml writes EM's XML in schema order from JSON in any key order")
    func toXML() async throws {
        let result = try await Self.run(["to-xml", "--type", "LogonSession"], stdin: #"{"SessionId": "s-1", "UserName": "a & b"}"#)
        #expect(result.status == 0)
        let user = try #require(result.out.range(of: "<UserName>a &amp; b</UserName>"))
        let session = try #require(result.out.range(of: "<SessionId>s-1</SessionId>"))
        #expect(user.lowerBound < session.lowerBound)
        #expect(result.out.contains(#"xmlns="http://www.veeam.com/ent/v1.0""#))
        let bad = try await Self.run(["to-xml", "--type", "LogonSession"], stdin: #"{"Nope": 1}"#)
        #expect(bad.status == 1)
        #expect(bad.err.contains("Nope"))
    }

    /// Every command's `--help`, for the help tests.
    static let commands = [
        [], ["serve"], ["config"], ["config", "check"], ["health"], ["simulate"], ["convert"], ["to-xml"],
        ["token"], ["token", "new"], ["token", "hash"], ["verify"],
    ]

    /// A help's discussion: what follows the OVERVIEW paragraph, up to `USAGE:`.
    static func discussion(_ help: String) -> String {
        let paragraphs = help.components(separatedBy: "\n\n")
        return paragraphs.dropFirst().joined(separator: "\n\n").components(separatedBy: "USAGE:")[0]
    }

    @Test("--help is wrapped once: every command's discussion reads the same at 80 columns as at 250")
    func helpWrappedOnce() async throws {
        for command in Self.commands {
            let narrow = try await Self.run(command + ["--help"], environment: ["COLUMNS": "80"]).out
            let wide = try await Self.run(command + ["--help"], environment: ["COLUMNS": "250"]).out
            #expect(Self.discussion(narrow) == Self.discussion(wide), "em-gateway \(command.joined(separator: " ")) --help")
            if command == ["serve"] { #expect(Self.discussion(narrow).contains("  --listen HOST:PORT\n")) }
        }
    }

    @Test("serve --help lists every flag of README's settings table")
    func helpListsReadmeFlags() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let help = try await Self.run(["serve", "--help"]).out
        var flags: Set<String> = []
        for row in readme.split(separator: "\n") where row.hasPrefix("| `--") || row.hasPrefix("| (no flag; `--") {
            let cell = row.split(separator: "|")[0]
            if let match = cell.range(of: #"--[a-z0-9-]+"#, options: .regularExpression) { flags.insert(String(cell[match])) }
        }
        #expect(flags.count > 30, "README's settings table: \(flags.count) flags")
        for flag in flags.sorted() {
            #expect(help.contains("  \(flag)"), "serve --help lacks \(flag)")
        }
    }

    @Test("--version names the libcurl and libxml2 it runs on")
    func version() async throws {
        let result = try await Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("em-gateway "))
        #expect(result.out.contains("libcurl 7."))
        #expect(result.out.contains("libxml2 2"))
    }

    @Test("the version has one owner, VERSION: --version and the OpenAPI document's info.version state it")
    func versionOwner() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let owned = try String(contentsOf: root.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(owned.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+$"#, options: .regularExpression) != nil, "VERSION holds \(owned)")
        let stated = try await Self.run(["--version"]).out.split(separator: " ").dropFirst().first.map(String.init)
        #expect(stated == owned, "em-gateway --version states \(stated ?? "nothing")")
        let spec = try Yams.load(yaml: String(contentsOf: root.appendingPathComponent("openapi/em-gateway.yaml"), encoding: .utf8))
        let info = try #require((spec as? [String: Any])?["info"] as? [String: Any])
        #expect(info["version"] as? String == owned, "openapi/em-gateway.yaml states \(info["version"] ?? "nothing")")
    }
}

/// Runs blocking work (reading a child process's output) on a new thread, not on Swift's
/// cooperative pool.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
