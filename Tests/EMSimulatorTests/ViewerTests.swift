import EMSimulator
import Foundation
import TestSupport
import Testing

/// The restricted role: `viewer` sees the demo world's `Web Backup` and `SQL Log Backup` and
/// what belongs to them, through every path; the rest is 404 and every write 403.
extension DemoWorldSuites {
    @Suite struct ViewerTests {
        typealias H = DemoWorldHarness

        static func names(_ path: String, _ sim: SimulatorUnderTest, _ token: String) async throws -> [String] {
            let response = try await sim.client.get(path, token: token)
            try #require(response.status == 200, "\(path)")
            return try XMLNode.parse(response.body).children.compactMap { $0.attributes["Name"] }
        }

        @Test func theSameURLAnswersDifferentlyForDemoAndViewer() async throws {
            let clock = ManualSimulatorClock()
            try await withSimulator(H.configuration(clock), timeLimit: .seconds(120)) { sim in
                let demo = try await sim.token()
                let viewer = try await sim.token(user: "viewer", password: "viewer")
                let demoJobs = try await Self.names("/api/jobs", sim, demo)
                let viewerJobs = try await Self.names("/api/jobs", sim, viewer)
                #expect(Set(viewerJobs) == ["Web Backup", "SQL Log Backup"])
                #expect(demoJobs.count > viewerJobs.count && Set(demoJobs).isSuperset(of: viewerJobs))

                // A job outside the subset, its sessions and its restore points: 404, nothing revealed.
                let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs", token: demo).body).children
                let exchange = try #require(jobs.first { $0.attributes["Name"] == "Exchange Backup" }?.attributes["UID"])
                let exchangeID = String(exchange.split(separator: ":").last ?? "")
                #expect(try await sim.client.get("/api/jobs/\(exchangeID)", token: demo).status == 200)
                let hidden = try await sim.client.get("/api/jobs/\(exchangeID)", token: viewer)
                #expect(hidden.status == 404)
                #expect(try await sim.client.get("/api/jobs/\(exchangeID)/backupSessions", token: viewer).status == 404)
                #expect(try await sim.client.get("/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b", token: viewer).status == 404)

                // Sessions, task sessions and restore points: only the subset's, in lists and the query service.
                // The last day's (whole weeks' answers exceed what Foundation's XMLParser takes).
                let window = "&filter=" + H.encode("CreationTime>=\"\(H.text(H.start - 86_400))\"")
                let sessions = try await H.query("type=BackupJobSession&format=Entities&pageSize=100000" + window, sim, viewer)
                #expect(!sessions.isEmpty && Set(sessions.compactMap { $0.text("JobName") }) == ["Web Backup", "SQL Log Backup"])
                let allSessions = try await sim.client.get(
                    "/api/query?type=BackupJobSession&format=Refs&pageSize=100000" + window, token: demo)
                #expect((try XMLNode.parse(allSessions.body).child("Refs")?.children.count ?? 0) > sessions.count)
                let sessionIDs = Set(sessions.compactMap { $0.attributes["UID"]?.split(separator: ":").last.map(String.init) })
                let later = "&filter=" + H.encode("CreationTime>=\"\(H.text(H.start - 86_400 + 600))\"")
                let tasks = try await H.query(
                    "type=BackupTaskSession&format=Entities&pageSize=200&sortAsc=CreationTime" + later, sim, viewer)
                #expect(!tasks.isEmpty)
                #expect(tasks.allSatisfy { sessionIDs.contains(String($0.text("JobSessionUid")?.split(separator: ":").last ?? "")) })
                let points = try await H.query("type=RestorePoint&format=Entities&pageSize=100000", sim, viewer)
                #expect(!points.isEmpty)
                #expect(Set(points.compactMap { $0.attributes["Name"] }).count == points.count)
                let backups = try await Self.names("/api/backups", sim, viewer)
                #expect(Set(backups) == ["Web Backup", "SQL Log Backup"])
                let vmPoints = try await H.query("type=VmRestorePoint&format=Entities&pageSize=100000", sim, viewer)
                let vms = Set(vmPoints.compactMap { $0.attributes["Name"]?.split(separator: "@").first.map(String.init) })
                #expect(vms == ["web01", "web02", "web03", "sqlprod01", "sqlprod02"])

                // The reports count what the role sees.
                let demoStatistics = try XMLNode.parse(try await sim.client.get("/api/reports/summary/job_statistics", token: demo).body)
                let viewerStatistics = try XMLNode.parse(
                    try await sim.client.get("/api/reports/summary/job_statistics", token: viewer).body)
                let viewerRuns = try await sim.client.get("/api/query?type=BackupJobSession&pageSize=1", token: viewer)
                let viewerCount = try XMLNode.parse(viewerRuns.body).child("PagingInfo")?.attributes["PagesCount"]
                #expect(viewerStatistics.text("TotalJobRuns") == viewerCount)
                let viewerTotal = Int(viewerStatistics.text("TotalJobRuns") ?? "") ?? 0
                let demoTotal = Int(demoStatistics.text("TotalJobRuns") ?? "") ?? 0
                #expect(viewerTotal > 0 && viewerTotal < demoTotal)
            }
        }

        @Test func everyWriteIsForbiddenButLogoffIsNot() async throws {
            let clock = ManualSimulatorClock()
            try await withSimulator(H.configuration(clock), timeLimit: .seconds(120)) { sim in
                let viewer = try await sim.token(user: "viewer", password: "viewer")
                let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs", token: viewer).body).children
                let web = try #require(jobs.first { $0.attributes["Name"] == "Web Backup" }?.attributes["UID"])
                let webID = String(web.split(separator: ":").last ?? "")
                for (method, target) in [("POST", "/api/jobs/\(webID)?action=start"), ("DELETE", "/api/jobs/\(webID)")] {
                    let refused = try await sim.client.send(method, target, headers: [("X-RestSvcSessionId", viewer)])
                    #expect(refused.status == 403, "\(method) \(target)")
                    let error = try XMLNode.parse(refused.body)
                    #expect(error.name == "Error" && error.attributes["StatusCode"] == "403")
                }
                #expect(try await Self.names("/api/jobs", sim, viewer).contains("Web Backup"))
                let logon = try XMLNode.parse(try await sim.client.get("/api/logonSessions", token: viewer).body)
                let id = try #require(logon.children.first?.text("SessionId"))
                let logoff = try await sim.client.send("DELETE", "/api/logonSessions/\(id)", headers: [("X-RestSvcSessionId", viewer)])
                #expect(logoff.status == 204)
            }
        }
    }
}
