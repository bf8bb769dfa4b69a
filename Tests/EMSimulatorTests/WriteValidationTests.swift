import Foundation
import HTTPTypes
import TestSupport
import Testing

@testable import EMSimulator

/// The simulator refuses request bodies as EM does: 400 with an `Error` naming the fault, and
/// nothing changes. The rules are its own (`RequestCatalog`), not the gateway's.
@Suite struct WriteValidationTests {
    static let ns = "xmlns=\"http://www.veeam.com/ent/v1.0\""

    /// The ID of the seeded backup job "SQL Backup".
    static func jobID(_ sim: SimulatorUnderTest, _ token: String) async throws -> String {
        let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs", token: token).body)
        let href = try #require(jobs.children("Ref").first { $0.attributes["Name"] == "SQL Backup" }?.attributes["Href"])
        return String(try #require(href.split(separator: "/").last))
    }

    @Test(arguments: [
        ("<JobCloneSpec \(ns)><BackupJobCloneInfo>", "There is an error in XML document"),
        ("<JobClone \(ns)/>", "wrong root element"),
        ("<JobCloneSpec/>", "wrong namespace"),
        ("<JobCloneSpec \(ns)><Bogus/></JobCloneSpec>", "unknown element: <JobCloneSpec> has no element <Bogus>"),
        (
            "<JobCloneSpec \(ns)><BackupJobCloneInfo><FolderName>f</FolderName><JobName>j</JobName><RepositoryUid>r</RepositoryUid></BackupJobCloneInfo></JobCloneSpec>",
            "wrong element order: <JobName> must come before <FolderName>"
        ),
        (
            "<JobCloneSpec \(ns)><BackupJobCloneInfo><JobName>j</JobName><RepositoryUid>r</RepositoryUid></BackupJobCloneInfo></JobCloneSpec>",
            "missing required element: <BackupJobCloneInfo> lacks <FolderName>"
        ),
        (
            "<JobCloneSpec \(ns)><BackupJobCloneInfo><JobName>j</JobName><JobName>k</JobName></BackupJobCloneInfo></JobCloneSpec>",
            "repeated element: <JobName>"
        ),
        ("<!DOCTYPE JobCloneSpec [<!ENTITY x \"y\">]><JobCloneSpec \(ns)/>", "DTD is prohibited"),
        ("", "the request body is empty"),
    ])
    func faultIs400NamingIt(body: String, fault: String) async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let job = try await Self.jobID(sim, token)
            let response = try await sim.client.send(
                "POST", "/api/jobs/\(job)?action=clone",
                headers: [("X-RestSvcSessionId", token), ("Content-Type", "application/xml")], body: Array(body.utf8))
            #expect(response.status == 400)
            let error = try XMLNode.parse(response.body)
            #expect(error.name == "Error")
            #expect(error.attributes["StatusCode"] == "400")
            let message = try #require(error.attributes["Message"])
            #expect(message.contains(fault), "\(message)")
            // Nothing happened: no task, no new job.
            let tasks = try XMLNode.parse(try await sim.client.get("/api/tasks", token: token).body)
            #expect(tasks.name == "Tasks")
            #expect(tasks.children("Task").isEmpty)
        }
    }

    @Test func unknownActionAndUnknownIDs() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let job = try await Self.jobID(sim, token)
            let session = [("X-RestSvcSessionId", token)]
            let action = try await sim.client.send("POST", "/api/jobs/\(job)?action=explode", headers: session)
            #expect(action.status == 400)
            #expect(try XMLNode.parse(action.body).attributes["Message"]?.contains("[explode]") == true)
            let missing = try await sim.client.send(
                "POST", "/api/jobs/00000000-0000-0000-0000-000000000001?action=start", headers: session)
            #expect(missing.status == 404)
            #expect(try await sim.client.send("POST", "/api/jobs/42?action=start", headers: session).status == 400)
            // A path without documented writes keeps EM's 405.
            #expect(try await sim.client.send("PUT", "/api/jobs", headers: session).status == 405)
        }
    }

    /// Every documented request sample kept in Tests/Fixtures/requests passes the simulator's
    /// own rules, and each rule set is reachable from a root the catalogue names.
    @Test func documentedSamplesAreValid() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/requests/samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        var checked = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            let document = try RequestDocument(bytes)
            guard RequestCatalog.roots[document.root.name] != nil else { continue }
            #expect(throws: Never.self, "\(file)") { try RequestValidator.validate(document, root: document.root.name) }
            checked += 1
        }
        print("simulator request samples: \(checked)/\(files.count) valid")
        #expect(checked == files.count)
        for operation in RequestCatalog.operations {
            if case .root(let root) = operation.body {
                #expect(RequestCatalog.roots[root] != nil, "\(operation.key)")
            }
        }
    }

    @Test func catalogueHasEveryDocumentedWrite() {
        let methods = Dictionary(grouping: RequestCatalog.operations, by: \.method.rawValue).mapValues(\.count)
        // catalog/endpoints.csv: 67 POST (two of them the logon), 16 PUT, 29 DELETE (one the logoff).
        #expect(methods["POST"] == 65)
        #expect(methods["PUT"] == 16)
        #expect(methods["DELETE"] == 28)
        let job = RequestCatalog.operation(method: .put, path: ["jobs", "x"], action: "edit")
        #expect(job?.body == .root("Job"))
        #expect(RequestCatalog.operation(method: .post, path: ["nas", "jobs", "x", "start"], action: nil)?.task == "StartNasJob")
    }
}
