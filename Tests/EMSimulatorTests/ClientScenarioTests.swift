import EMSimulator
import Foundation
import TestSupport
import Testing

/// The requests of two public EM clients, as they send them (read from their sources): the
/// PyPI packages `veeam` 0.1.5 and `veeam-em` 2022.11.0. The simulator answers each in EM's XML.
@Suite struct ClientScenarioTests {
    /// The last path segment of an `Href` (its ID), query dropped.
    static func id(_ href: String?) throws -> String {
        let href = try #require(href)
        return String(try #require(href.split(separator: "?")[0].split(separator: "/").last))
    }

    @Test func veeamClientScenario() async throws {
        try await withSimulator { sim in
            // The package logs on with API v1_4, which EM 12 and later refuse; operators of
            // those EMs point it at `latest`.
            #expect(try await sim.logon(target: "/api/sessionMngr/?v=v1_4").status == 400)
            let logon = try await sim.logon(target: "/api/sessionMngr/?v=latest")
            #expect(logon.status == 201)
            let token = try #require(logon.header("X-RestSvcSessionId"))
            func get(_ target: String) async throws -> XMLNode {
                let response = try await sim.client.get(target, token: token, headers: [("Accept", "application/xml")])
                try #require(response.status == 200, "\(target)")
                return try XMLNode.parse(response.body)
            }
            #expect(try await get("/api/reports/summary/repository").children("Period").count == 3)
            #expect(try await get("/api/reports/summary/processed_vms").children("Day").count == 7)
            #expect(try await get("/api/reports/summary/job_statistics").name == "JobStatisticsReportFrame")
            #expect(try await get("/api/reports/summary/vms_overview").name == "VmsOverviewReportFrame")
            #expect(try await get("/api/reports/summary/overview").name == "OverviewReportFrame")
            let jobs = try await get("/api/jobs")
            let job = try Self.id(jobs.children("Ref").first { $0.attributes["Name"] == "SQL Backup" }?.attributes["Href"])
            #expect(try await get("/api/jobs/\(job)?format=Entity").name == "Job")
            let sessions = try await get("/api/jobs/\(job)/backupSessions?format=Entity")
            #expect(sessions.name == "BackupJobSessions")
            #expect(sessions.children("BackupJobSession").allSatisfy { $0.text("JobName") == "SQL Backup" })
            let backups = try await get("/api/backups")
            let backup = try Self.id(backups.children("Ref").first?.attributes["Href"])
            #expect(try await get("/api/backups/\(backup)?format=Entity").name == "Backup")
            let points = try await get("/api/backups/\(backup)/restorePoints")
            let point = try Self.id(points.children("Ref").first?.attributes["Href"])
            #expect(try await get("/api/restorePoints/\(point)/vmRestorePoints").children("Ref").count >= 1)
            // Failed sessions since a date: `requests` escapes `"` and `>`, keeps `=` and `;`.
            let failed = try await get(
                "/api/query?type=BackupJobSession&format=entities&filter=result==%22Failed%22;creationtime%3E%222014-10-16T05:00:00Z%22")
            let failedSessions = try #require(failed.child("Entities")?.child("BackupJobSessions")).children("BackupJobSession")
            #expect(!failedSessions.isEmpty)
            #expect(failedSessions.allSatisfy { $0.text("Result") == "Failed" })
            // Then, for each, the later successful or warning runs of the same job.
            let failedRun = try #require(failedSessions.first)
            let name = try #require(failedRun.text("JobName")).replacingOccurrences(of: " ", with: "%20")
            let since = try #require(failedRun.text("CreationTimeUTC"))
            let later = try await get(
                "/api/query?type=BackupJobSession&format=entities&filter=jobname==%22\(name)%22;"
                    + "(result==%22Success%22,result==%22Warning%22);creationtime%3E%22\(since)%22")
            let laterRuns = try #require(later.child("Entities")?.child("BackupJobSessions")).children("BackupJobSession")
            #expect(!laterRuns.isEmpty)
            #expect(laterRuns.allSatisfy { ["Success", "Warning"].contains($0.text("Result")) })
            // Logout: the first of the logon sessions, deleted.
            let logonSessions = try await get("/api/logonSessions")
            let sessionID = try #require(logonSessions.children("LogonSession").first?.text("SessionId"))
            let logout = try await sim.client.send("DELETE", "/api/logonSessions/\(sessionID)", headers: [("X-RestSvcSessionId", token)])
            #expect(logout.status == 204)
        }
    }

    @Test func veeamEMClientScenario() async throws {
        try await withSimulator { sim in
            let logon = try await sim.logon(target: "/api/sessionMngr/?v=latest")
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let sessionID = try #require(try XMLNode.parse(logon.body).text("SessionId"))
            func get(_ target: String) async throws -> XMLNode {
                let response = try await sim.client.get(target, token: token)
                try #require(response.status == 200, "\(target)")
                return try XMLNode.parse(response.body)
            }
            #expect(try await get("/api/logonSessions/\(sessionID)").text("SessionId") == sessionID)
            #expect(try await get("/api/logonSessions").children("LogonSession").count == 1)
            let roles = try await get("/api/security/roles")
            #expect(roles.children("Ref").allSatisfy { $0.attributes["UID"]?.hasPrefix("urn:veeam:EnterpriseRole:") == true })
            let role = try Self.id(roles.children("Ref").first?.attributes["Href"])
            #expect(try await get("/api/security/roles/\(role)?format=Entity").name == "EnterpriseRole")
            let accounts = try await get("/api/security/accounts")
            let account = try Self.id(accounts.children("Ref").first?.attributes["Href"])
            #expect(try await get("/api/security/accounts/\(account)?format=Entity").name == "EnterpriseAccount")
            #expect(try await get("/api/security/accounts/\(account)/roles?format=Entity").children.count >= 1)
            #expect(try await get("/api/security/accounts/\(account)/scopes?format=Entity").name == "EnterpriseAccountHierarchyScopes")
            let roots = try await get("/api/hierarchyRoots")
            let root = try Self.id(roots.children("Ref").first?.attributes["Href"])
            #expect(try await get("/api/hierarchyRoots/\(root)?format=Entity").text("HostType") == "VC")
            // The lookup service with the client's parameter names (`hierachyRef`, sic).
            let vms = try await get("/api/lookup?host=\(root)&name=*&type=Vm")
            let vm = try #require(vms.children("HierarchyItem").first?.text("ObjectRef"))
            let found = try await get("/api/lookup?host=\(root)&hierachyRef=\(vm)")
            #expect(found.children("HierarchyItem").map { $0.text("ObjectRef") } == [vm])
            // Task sessions, page by page, through the Next links.
            var target: String? = "/api/query?type=BackupTaskSession&format=Entities&pageSize=3&sortDesc=CreationTime&page=1"
            var collected = 0
            while let next = target {
                let page = try await get(next)
                collected += page.child("Entities")?.child("BackupTaskSessions")?.children.count ?? 0
                target = page.child("PagingInfo")?.links.first { $0.attributes["Rel"] == "Next" }?.attributes["Href"]
                    .map { String($0.dropFirst(sim.baseURL.count)) }
            }
            #expect(collected == (try await get("/api/backupTaskSessions")).children.count)
        }
    }
}
