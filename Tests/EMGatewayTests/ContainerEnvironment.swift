import Foundation
import TestSupport
import Testing
import Yams

#if canImport(Glibc)
    import Glibc
#endif

/// What docker/Dockerfile's image and deploy/kubernetes's pod give the gateway, laid out on this
/// machine: the image's files (its `COPY` lines from the repository) and the pod's volumes go
/// under a temporary root directory, and paths in the environment and in mounted files are
/// moved under it. There is no Docker engine or cluster here; the binary runs as the container's
/// entry point would, with exactly the environment the container would have.
struct ContainerEnvironment {
    /// The temporary directory standing for the container's `/`.
    let root: URL
    /// The container's environment (paths moved under ``root``).
    var environment: [String: String]
    /// The image's `HEALTHCHECK` command (exec form).
    let healthcheck: [String]

    static let repository = DeploymentFilesTests.root

    /// The image as docker/Dockerfile builds it: its runtime stage's `ENV` and repository `COPY` lines.
    static func image() throws -> ContainerEnvironment {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("em-gateway-container-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var arguments: [String: String] = [:]
        var environment: [String: String] = [:]
        var healthcheck: [String] = []
        var stage = 0
        for (instruction, rest) in try instructions() {
            switch instruction {
            case "FROM": stage += 1
            case "ARG":
                let (name, value) = rest.split(separator: "=", maxSplits: 1).map(String.init).pairOrEmpty
                if stage == 0 { arguments[name] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            case "ENV" where stage == 2:
                let (name, value) = rest.split(separator: "=", maxSplits: 1).map(String.init).pairOrEmpty
                let expanded = expand(value, arguments)
                environment[name] = expanded.hasPrefix("/") ? root.path + expanded : expanded
            case "COPY" where stage == 2 && !rest.hasPrefix("--from"):
                let parts = rest.split(separator: " ").map { expand(String($0), arguments) }
                let target = root.appendingPathComponent(parts[1])
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: repository.appendingPathComponent(parts[0]), to: target)
            case "HEALTHCHECK":
                let command = try #require(rest.range(of: "CMD ")).upperBound
                healthcheck = try #require(try JSONSerialization.jsonObject(with: Data(rest[command...].utf8)) as? [String], "exec form")
            default: break
            }
        }
        return ContainerEnvironment(root: root, environment: environment, healthcheck: healthcheck)
    }

    /// The Dockerfile's instructions: continuation lines joined, comments dropped.
    static func instructions() throws -> [(String, String)] {
        var result: [(String, String)] = []
        var current = ""
        for line in try String(contentsOf: repository.appendingPathComponent("docker/Dockerfile"), encoding: .utf8).split(separator: "\n") {
            if current.isEmpty && (line.trimmingCharacters(in: .whitespaces).hasPrefix("#") || line.allSatisfy(\.isWhitespace)) { continue }
            if line.hasSuffix("\\") {
                current += line.dropLast() + " "
                continue
            }
            current += line
            let (word, rest) = current.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init).pairOrEmpty
            result.append((word.uppercased(), rest))
            current = ""
        }
        return result
    }

    private static func expand(_ text: String, _ variables: [String: String]) -> String {
        var text = text
        for (name, value) in variables { text = text.replacingOccurrences(of: "${\(name)}", with: value) }
        return text
    }

    /// A path in the container, on this machine.
    func path(_ containerPath: String) -> String { root.path + containerPath }

    /// Mounts a directory of files at `mountPath`, replacing what the image has there (as a
    /// volume does). Container paths in the files' text are moved under the root.
    mutating func mount(_ mountPath: String, files: [String: String]) throws {
        let directory = URL(fileURLWithPath: path(mountPath))
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
    }

    /// Runs the gateway binary with exactly ``environment`` (and `extra`).
    func run(_ arguments: [String], extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Starts the gateway binary with exactly ``environment`` (and `extra`); returns it, its
    /// first standard-output line and its standard error.
    func start(_ arguments: [String], extra: [String: String] = [:]) async throws -> (Process, String, Pipe) {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let line = try await withTimeout(60) { () -> String in
            var buffer = Data()
            while !buffer.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
            }
            return String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        }
        return (process, line, err)
    }

    /// Runs the image's `HEALTHCHECK` command, its `em-gateway` being the binary under test.
    func runHealthcheck() throws -> (status: Int32, out: String, err: String) {
        #expect(healthcheck.first == "em-gateway")
        return try run(Array(healthcheck.dropFirst()))
    }

    /// Removes the root.
    func remove() { try? FileManager.default.removeItem(at: root) }

    /// A loopback port nothing listens on right now.
    static func freePort() throws -> Int { try RawSocket.freePort() }
}

extension Array where Element == String {
    /// The first two elements, the second empty when missing.
    fileprivate var pairOrEmpty: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
