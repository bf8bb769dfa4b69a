import Foundation
import TestSupport
import Testing

@testable import EMSimulator

/// The demo world's immediate backup copy job `SQL Backup Copy`: its entity shows its links as EM's
/// samples do, `/linkedJobs` and `/linkedBackupRepositories` list them with `Delete` links
/// (`backup_copy_job_options.md`), and following those links removes them
/// (`delete_jobs_id_linked_jobs.md`, `delete_jobs_id_linked_repositories.md`: `202` and a task).
@Suite struct BackupCopyJobTests {
    /// The copy job's ID and the `Href` of its entity, found in `/api/jobs` as a client would.
    static func copyJob(_ sim: SimulatorUnderTest, _ token: String) async throws -> (id: String, entity: XMLNode) {
        let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs", token: token).body)
        let ref = try #require(jobs.children("Ref").first { $0.attributes["Name"] == "SQL Backup Copy" })
        let id = String(try #require(ref.attributes["Href"]?.split(separator: "/").last))
        let entity = try XMLNode.parse(try await sim.client.get("/api/jobs/\(id)?format=Entity", token: token).body)
        return (id, entity)
    }

    /// The path under `/api/` of an absolute `Href`.
    static func path(_ href: String?) throws -> String {
        let href = try #require(href)
        return String(href[try #require(href.range(of: "/api/")).lowerBound...])
    }

    @Test func theCopyJobShowsItsLinksInItsEntity() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let (id, job) = try await Self.copyJob(sim, token)
            let sqlBackup = try await WriteValidationTests.jobID(sim, token)
            #expect(job.text("JobType") == "ImmediateBackupCopy")
            #expect(job.child("JobScheduleOptions")?.child("ImmediateCopyMode")?.child("OptionsContinuous") != nil)
            let rels = job.links.map { "\($0.attributes["Rel"] ?? "") \($0.attributes["Type"] ?? "")" }
            #expect(rels.contains("Down LinkedJobObjectList"))
            #expect(rels.contains("Down LinkedBackupRepositoryObjectList"))
            #expect(rels.contains("Create LinkedJobObject"))
            #expect(!rels.contains("Start "), "EM's copy jobs have no Start link")
            let info = try #require(job.child("JobInfo")?.child("ImmediateBackupCopyJobInfo"))
            #expect(info.childNames == ["LinkedJobIncludes", "LinkedBackupIncludes", "LinkedBackupRepositoryIncludes"])
            let linkedJob = try #require(info.child("LinkedJobIncludes")?.child("LinkedJobObject"))
            #expect(linkedJob.childNames == ["ObjectInJobId", "LinkedJobUid"])
            #expect(linkedJob.text("LinkedJobUid") == "urn:veeam:Job:\(sqlBackup)")
            let repository = try #require(info.child("LinkedBackupRepositoryIncludes")?.child("LinkedBackupRepository"))
            #expect(repository.childNames == ["ObjectInJobId", "LinkedBackupRepositoryUid"])
            #expect(!id.isEmpty)
        }
    }

    @Test func theListsShowEachLinkWithItsDeleteLink() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let (id, _) = try await Self.copyJob(sim, token)
            let sqlBackup = try await WriteValidationTests.jobID(sim, token)
            let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs/\(id)/linkedJobs", token: token).body)
            #expect(jobs.name == "LinkedJobResourceObjects")
            let linkedJob = try #require(jobs.children("LinkedJobObject").first)
            #expect(jobs.children.count == 1)
            #expect(linkedJob.attributes["Type"] == "LinkedJobObject")
            let objectID = try #require(linkedJob.text("ObjectInJobId"))
            #expect(linkedJob.attributes["Href"]?.hasSuffix("/api/jobs/\(id)/linkedJobs/\(objectID)") == true)
            #expect(linkedJob.childNames == ["Links", "ObjectInJobId", "LinkedJobUid"])
            #expect(linkedJob.text("LinkedJobUid") == "urn:veeam:Job:\(sqlBackup)")
            let up = try #require(linkedJob.links.first { $0.attributes["Rel"] == "Up" })
            #expect(up.attributes["Type"] == "Job" && up.attributes["Name"] == "SQL Backup Copy")
            #expect(try Self.path(up.attributes["Href"]) == "/api/jobs/\(id)?format=Entity")
            let delete = linkedJob.links.first { $0.attributes["Rel"] == "Delete" }
            #expect(delete?.attributes["Href"] == linkedJob.attributes["Href"])

            let repositories = try XMLNode.parse(
                try await sim.client.get("/api/jobs/\(id)/linkedBackupRepositories", token: token).body)
            #expect(repositories.name == "LinkedBackupRepositoryResourceObjects")
            #expect(repositories.children.count == 1)
            let repository = try #require(repositories.children("LinkedBackupRepository").first)
            #expect(repository.attributes["Type"] == "LinkedBackupRepositoryObject")
            #expect(repository.childNames == ["Links", "ObjectInJobId", "LinkedBackupRepositoryUid"])
            // The linked repository is one of the world's.
            let uid = try #require(repository.text("LinkedBackupRepositoryUid"))
            #expect(uid.hasPrefix("urn:veeam:Repository:"))
            let repositoryID = String(uid.dropFirst("urn:veeam:Repository:".count))
            #expect(try await sim.client.get("/api/repositories/\(repositoryID)", token: token).status == 200)

            // Other jobs have no links.
            let none = try XMLNode.parse(try await sim.client.get("/api/jobs/\(sqlBackup)/linkedJobs", token: token).body)
            #expect(none.name == "LinkedJobResourceObjects" && none.children.isEmpty)
        }
    }

    @Test(arguments: [
        ("linkedJobs", "LinkedJobObject", "LinkedJobIncludes"),
        ("linkedBackupRepositories", "LinkedBackupRepository", "LinkedBackupRepositoryIncludes"),
    ])
    func deletingALinkRemovesItWhenItsTaskFinishes(list: String, item: String, includes: String) async throws {
        try await withSimulator(WriteActionTests.fastTasks) { sim in
            let token = try await sim.token()
            let (id, _) = try await Self.copyJob(sim, token)
            let before = try XMLNode.parse(try await sim.client.get("/api/jobs/\(id)/\(list)", token: token).body)
            let link = try #require(before.children(item).first)
            let target = try Self.path(link.links.first { $0.attributes["Rel"] == "Delete" }?.attributes["Href"])
            // Not a link of another job.
            let sqlBackup = try await WriteValidationTests.jobID(sim, token)
            let linkID = String(try #require(target.split(separator: "/").last))
            let elsewhere = try await WriteActionTests.send(sim, token, "DELETE", "/api/jobs/\(sqlBackup)/\(list)/\(linkID)")
            #expect(elsewhere.status == 404)
            let unknown = try await WriteActionTests.send(
                sim, token, "DELETE", "/api/jobs/\(id)/\(list)/00000000-0000-4000-8000-000000000001")
            #expect(unknown.status == 404)

            let deleted = try await WriteActionTests.send(sim, token, "DELETE", target)
            #expect(deleted.status == 202)
            let task = try XMLNode.parse(deleted.body)
            #expect(task.name == "Task")
            #expect(task.text("Operation") == "UpdateJob")
            let finished = try await WriteActionTests.finish(sim, token, task)
            #expect(finished.child("Result")?.attributes["Success"] == "true")

            let after = try XMLNode.parse(try await sim.client.get("/api/jobs/\(id)/\(list)", token: token).body)
            #expect(after.children.isEmpty)
            let job = try XMLNode.parse(try await sim.client.get("/api/jobs/\(id)?format=Entity", token: token).body)
            let info = try #require(job.child("JobInfo")?.child("ImmediateBackupCopyJobInfo"))
            #expect(info.child(includes)?.children.isEmpty == true)
            // The job itself stays, with its other link.
            let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs", token: token).body)
            #expect(jobs.children("Ref").contains { $0.attributes["Name"] == "SQL Backup Copy" })
            let again = try await WriteActionTests.send(sim, token, "DELETE", target)
            #expect(again.status == 404)
        }
    }
}
