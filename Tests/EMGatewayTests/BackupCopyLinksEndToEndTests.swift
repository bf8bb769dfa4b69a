import EMUpstream
import Foundation
import Testing

/// A backup copy job's links through the gateway, as a JSON client sees them: the lists validate
/// against the spec (`LinkedJobResourceObjects`, `LinkedBackupRepositoryResourceObjects`), their
/// `Delete` links lead back to the gateway, and following them removes the link once the task is
/// `Finished` (`delete_jobs_id_linked_jobs.md`, `delete_jobs_id_linked_repositories.md`).
@Suite("Backup copy job links end to end")
struct BackupCopyLinksEndToEndTests {
    @Test(
        "linked jobs and repositories: valid JSON, Delete links followed to 202, then gone",
        arguments: [
            ("linkedJobs", "LinkedJobResourceObjects", "LinkedJobObjects"),
            ("linkedBackupRepositories", "LinkedBackupRepositoryResourceObjects", "LinkedBackupRepositories"),
        ])
    func deleteFollowsTheListsLinks(list: String, schemaName: String, member: String) async throws {
        try await DemoStack.with(simulator: WriteEndToEndTests.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let jobs = try await stack.call("GET", "/api/jobs", headers: [session])
            let refs = try #require(try jobs.json()["Refs"] as? [[String: Any]])
            let jobHref = try #require(refs.first { $0["Name"] as? String == "SQL Backup Copy" }?["Href"] as? String)
            let listURL = jobHref + "/" + list

            let before = try await stack.call("GET", listURL, headers: [session])
            #expect(before.status == 200)
            let validator = SpecConformanceValidator(document: try SpecConformanceOperation.loadDocument())
            let schema: Any = ["$ref": "#/components/schemas/\(schemaName)"]
            let reports = validator.mismatches(try SpecConformanceJSON.parse(before.body), schema)
            #expect(reports.isEmpty, "\(reports)")
            // The copy job's entity, its links inside `ImmediateBackupCopyJobInfo`, is valid too.
            let entity = try await stack.call("GET", jobHref + "?format=Entity", headers: [session])
            let jobReports = validator.mismatches(try SpecConformanceJSON.parse(entity.body), ["$ref": "#/components/schemas/Job"])
            #expect(jobReports.isEmpty, "\(jobReports)")
            let items = try #require(try before.json()[member] as? [[String: Any]])
            #expect(items.count == 1)
            let links = try #require(items.first?["Links"] as? [[String: Any]])
            let delete = try #require(links.first { $0["Rel"] as? String == "Delete" }?["Href"] as? String)
            #expect(delete.hasPrefix(listURL + "/"))

            let deleted = try await stack.call("DELETE", delete, headers: [session])
            #expect(deleted.status == 202)
            let task = try deleted.json()
            #expect(task["Operation"] as? String == "UpdateJob")
            let finished = try await WriteEndToEndTests.finish(stack, token, task)
            #expect((finished["Result"] as? [String: Any])?["Success"] as? Bool == true)

            let after = try await stack.call("GET", listURL, headers: [session])
            #expect(after.status == 200)
            #expect(validator.mismatches(try SpecConformanceJSON.parse(after.body), schema).isEmpty)
            #expect((try after.json()[member] as? [Any])?.isEmpty ?? true, "\(after.text)")
        }
    }
}
