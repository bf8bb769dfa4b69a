import EMSimulator
import Foundation
import TestSupport
import Testing

/// The generated world of `--scale N`: counts, EM's element shapes, determinism, lookups by ID,
/// the query service, and streaming framing.
@Suite struct ScaleTests {
    static func scaled(_ n: Int) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.scale = n
        return configuration
    }

    static func target(of href: String) throws -> String {
        let url = try #require(URL(string: href))
        return url.path + (url.query.map { "?\($0)" } ?? "")
    }

    @Test("N backup job sessions as entities, in EM's element order, streamed chunked")
    func backupSessionEntities() async throws {
        try await withSimulator(Self.scaled(250)) { sim in
            let token = try await sim.token()
            let response = try await sim.client.get("/api/backupSessions?format=Entity", token: token)
            #expect(response.status == 200)
            #expect(response.header("Transfer-Encoding")?.lowercased() == "chunked")
            #expect(response.header("Content-Length") == nil)
            let root = try XMLNode.parse(response.body)
            #expect(root.name == "BackupJobSessions")
            let sessions = root.children("BackupJobSession")
            #expect(sessions.count == 250)
            let first = try #require(sessions.first)
            #expect(
                first.childNames == [
                    "Links", "JobUid", "JobName", "JobType", "CreationTimeUTC", "EndTimeUTC", "State", "Result", "Progress", "IsRetry",
                ])
            #expect(first.links.map { $0.attributes["Rel"] ?? "" } == ["Up", "Up", "Alternate", "Down", "Stop"])
            #expect(first.text("JobName") == "Backup Job 1")
            #expect(first.text("CreationTimeUTC") == "2025-01-01T00:00:00Z")
            #expect(first.attributes["Name"] == "Backup Job 1@2025-01-01 00:00:00")
            let failed = sessions[12]
            #expect(failed.text("Result") == "Failed")
            #expect(failed.childNames.contains("FailureMessage"))
            #expect(Set(sessions.map { $0.attributes["UID"] ?? "" }).count == 250)
        }
    }

    @Test("the same request gives the same bytes every time")
    func deterministic() async throws {
        try await withSimulator(Self.scaled(120)) { sim in
            let token = try await sim.token()
            let one = try await sim.client.get("/api/backupTaskSessions?format=Entity", token: token)
            let two = try await sim.client.get("/api/backupTaskSessions?format=Entity", token: token)
            #expect(one.status == 200)
            #expect(one.body == two.body)
            #expect(try XMLNode.parse(one.body).children("BackupTaskSession").count == 120)
        }
    }

    @Test("N/100 jobs (at least one); restore points; references by default")
    func jobsAndRestorePoints() async throws {
        try await withSimulator(Self.scaled(250)) { sim in
            let token = try await sim.token()
            let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs", token: token).body)
            #expect(jobs.name == "EntityReferences")
            #expect(jobs.children("Ref").count == 2)
            let points = try XMLNode.parse(try await sim.client.get("/api/restorePoints?format=Entity", token: token).body)
            #expect(points.name == "RestorePoints")
            #expect(points.children("RestorePoint").count == 250)
            let point = try #require(points.children.first)
            #expect(point.childNames == ["Links", "BackupDateUTC"])
            #expect(point.attributes["Name"] == "Jan  1 2025 12:03AM")
        }
        try await withSimulator(Self.scaled(5)) { sim in
            let token = try await sim.token()
            let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs?format=Entity", token: token).body)
            #expect(jobs.children("Job").count == 1)
        }
    }

    @Test("following a scaled Href finds the same resource; children and unknown IDs")
    func byID() async throws {
        try await withSimulator(Self.scaled(300)) { sim in
            let token = try await sim.token()
            let list = try XMLNode.parse(try await sim.client.get("/api/backupSessions", token: token).body)
            let ref = try #require(list.children("Ref").dropFirst(41).first)
            let entity = try await sim.client.get(try Self.target(of: ref.attributes["Href"]! + "?format=Entity"), token: token)
            #expect(entity.status == 200)
            #expect(entity.header("Content-Length") != nil)
            let session = try XMLNode.parse(entity.body)
            #expect(session.name == "BackupJobSession")
            #expect(session.attributes["UID"] == ref.attributes["UID"])
            let down = try #require(session.links.first { $0.attributes["Rel"] == "Down" })
            let tasks = try XMLNode.parse(try await sim.client.get(try Self.target(of: down.attributes["Href"]!), token: token).body)
            #expect(tasks.children("Ref").count == 1)
            let up = try #require(session.links.first { $0.attributes["Type"] == "JobReference" })
            let job = try await sim.client.get(try Self.target(of: up.attributes["Href"]!) + "/backupSessions", token: token)
            #expect(try XMLNode.parse(job.body).children("Ref").count == 100)
            let missing = try await sim.client.get("/api/backupSessions/5d1e0000-0000-4000-a002-00000000ffff", token: token)
            #expect(missing.status == 404)
            let seed = try await sim.client.get("/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b", token: token)
            #expect(seed.status == 200)
        }
    }

    @Test("query service: entities unpaged, references paged with PagingInfo links")
    func query() async throws {
        try await withSimulator(Self.scaled(150)) { sim in
            let token = try await sim.token()
            let all = try XMLNode.parse(
                try await sim.client.get("/api/query?type=BackupJobSession&format=Entities", token: token).body)
            #expect(all.name == "QueryResult")
            #expect(all.childNames == ["Entities"])
            #expect(all.child("Entities")?.child("BackupJobSessions")?.children("BackupJobSession").count == 150)
            let page = try XMLNode.parse(
                try await sim.client.get("/api/query?type=BackupTaskSession&pageSize=40&page=4", token: token).body)
            #expect(page.childNames == ["Refs", "PagingInfo"])
            #expect(page.child("Refs")?.children("Ref").count == 30)
            let paging = try #require(page.child("PagingInfo"))
            #expect(paging.attributes["PagesCount"] == "4")
            #expect(paging.links.map { $0.attributes["Rel"] ?? "" } == ["First", "Previous", "Last"])
            let bad = try await sim.client.get("/api/query?type=Job&pageSize=0", token: token)
            #expect(bad.status == 400)
        }
    }

    @Test("scale 0 keeps the small seed world")
    func seedWorld() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let list = try XMLNode.parse(try await sim.client.get("/api/backupSessions", token: token).body)
            let refs = list.children("Ref")
            // The seed world's handful of sessions, not a generated dataset.
            #expect(refs.count < 20)
            #expect(refs.contains { $0.attributes["Href"]?.hasSuffix("/backupSessions/e5a1c9d7-2b84-4f06-b3e8-9d4c7a1f2e60") == true })
        }
    }
}
