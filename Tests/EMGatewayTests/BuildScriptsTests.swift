import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a fresh clone builds with and how a newcomer runs it: pinned dependencies, and the
/// README's two commands (`scripts/demo`, `scripts/test`), which CI runs too.
@Suite("Build and scripts")
struct BuildScriptsTests {
    static let root = DeploymentFilesTests.root

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("every direct dependency is pinned to an exact version, and README's Dependencies list states it")
    func pinnedDependencies() throws {
        let readme = try Self.text("README.md")
        let section = try #require(
            readme.components(separatedBy: "\n## Dependencies\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        for manifest in ["Package.swift", "Fuzz/Package.swift"] {
            let lines = try Self.text(manifest).split(separator: "\n").filter { $0.contains(".package(url:") }
            #expect(!lines.isEmpty)
            for line in lines {
                let match = try #require(
                    line.firstMatch(of: #/github\.com/[^/]+/([^"]+)\.git", exact: "([0-9.]+)"/#), "\(manifest): \(line)")
                #expect(section.contains("\(match.output.1) \(match.output.2)"), "README lists \(match.output.1) \(match.output.2)")
            }
        }
    }

    /// Runs a script with stand-ins for the tools outside the project on `PATH` (`swift`,
    /// `pkg-config`, `dpkg`, `apt-get`, `sudo`, `id`), each appending its command line to a log.
    static func runScript(_ script: String, _ arguments: [String], librariesPresent: Bool) throws -> (status: Int32, log: [String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("em-gateway-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("log").path
        let tools = [
            "swift": "exit 0", "pkg-config": librariesPresent ? "exit 0" : "exit 1", "dpkg": librariesPresent ? "exit 0" : "exit 1",
            "apt-get": "exit 0", "sudo": "exec \"$@\"", "id": "echo 1000",
        ]
        for (name, action) in tools {
            let path = directory.appendingPathComponent(name).path
            try Data("#!/bin/sh\necho \"\(name) $*\" >> \"\(log)\"\n\(action)\n".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o755)
        }
        let process = Process()
        process.executableURL = root.appendingPathComponent(script)
        process.arguments = arguments
        process.environment = ["PATH": directory.path + ":/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let lines = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        return (process.terminationStatus, lines.filter { !$0.hasPrefix("id ") && !$0.hasPrefix("pkg-config ") && !$0.hasPrefix("dpkg ") })
    }

    @Test(
        "scripts/test and scripts/demo install what is missing (with sudo when not root), then run swift test / swift run em-gateway serve --demo"
    )
    func scripts() throws {
        let test = try Self.runScript("scripts/test", ["--filter", "Command line"], librariesPresent: true)
        #expect(test.status == 0)
        #expect(test.log == ["swift test --no-parallel --filter Command line"])
        let demo = try Self.runScript("scripts/demo", ["--listen", "0.0.0.0:8080"], librariesPresent: true)
        #expect(demo.log == ["swift run em-gateway serve --demo --listen 0.0.0.0:8080"])
        let fresh = try Self.runScript("scripts/demo", [], librariesPresent: false)
        #expect(fresh.status == 0)
        #expect(fresh.log.first == "sudo apt-get update -qq")
        #expect(fresh.log.contains("sudo apt-get install -y -qq libcurl4-openssl-dev libxml2-dev pkg-config curl"), "\(fresh.log)")
        #expect(fresh.log.last == "swift run em-gateway serve --demo")
    }

    @Test("README's two commands are scripts/demo and scripts/test, and CI runs both")
    func readmeCommands() throws {
        let readme = try Self.text("README.md")
        let twoCommands = try #require(
            readme.components(separatedBy: "## Two commands").dropFirst().first?.components(separatedBy: "\n## ").first)
        let block = try #require(twoCommands.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let commands = block.split(separator: "\n").map { $0.split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? "" }
        #expect(commands == ["scripts/demo", "scripts/test"])
        #expect(twoCommands.contains("swift run em-gateway serve --demo") && twoCommands.contains("swift test"), "the bare swift forms")
        let ci = try Self.text(".ci/run").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(ci.contains("scripts/test"))
        #expect(ci.contains { $0.hasPrefix("scripts/demo ") && $0.hasSuffix("&") })
        #expect(!ci.contains("swift test"))
    }
}
