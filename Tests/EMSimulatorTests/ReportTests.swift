import EMSimulator
import Foundation
import TestSupport
import Testing

/// The summary reports: EM's shapes (`samples/extra/report_*_em131_docs.xml`) with values that
/// agree with the rest of the simulated world.
@Suite struct ReportTests {
    static func get(_ path: String, _ sim: SimulatorUnderTest, _ token: String) async throws -> XMLNode {
        let response = try await sim.client.get(path, token: token)
        try #require(response.status == 200, "\(path)")
        return try XMLNode.parse(response.body)
    }

    static func int(_ node: XMLNode, _ name: String) -> Int? { node.text(name).flatMap { Int($0) } }

    @Test func summaryLinksEveryFrame() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let summary = try await Self.get("/api/reports/summary", sim, token)
            #expect(summary.name == "SummaryReport")
            let frames = summary.links.map { $0.attributes["Type"] ?? "" }
            #expect(
                frames == [
                    "OverviewReportFrame", "VmsOverviewReportFrame", "JobStatisticsReportFrame",
                    "RepositoryReportFrame", "ProcessedVmsReportFrame",
                ])
            for link in summary.links {
                let href = try #require(link.attributes["Href"])
                let frame = try await Self.get(String(href.dropFirst(sim.baseURL.count)), sim, token)
                #expect(frame.name == link.attributes["Type"])
                // Frames carry only EM's namespace: no Href, Type or Links.
                #expect(frame.attributes["Href"] == nil && frame.attributes["Type"] == nil && frame.child("Links") == nil)
            }
        }
    }

    @Test func overviewAndJobStatisticsCountTheWorld() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let overview = try await Self.get("/api/reports/summary/overview", sim, token)
            #expect(
                overview.childNames == [
                    "BackupServers", "ProxyServers", "RepositoryServers", "RunningJobs", "ScheduledJobs",
                    "SuccessfulVmLastestStates", "WarningVmLastestStates", "FailedVmLastestStates",
                ])
            let servers = try await Self.get("/api/backupServers", sim, token)
            #expect(Self.int(overview, "BackupServers") == servers.children.count)
            let repositories = try await Self.get("/api/repositories?format=Entity", sim, token)
            #expect(Self.int(overview, "RepositoryServers") == repositories.children.count)
            let backup = try await Self.get("/api/backupSessions?format=Entity", sim, token).children
            let replica = try await Self.get("/api/replicaSessions?format=Entity", sim, token).children
            let sessions = backup + replica
            let jobs = try await Self.get("/api/jobs?format=Entity", sim, token).children
            let scheduled = jobs.filter { $0.text("ScheduleEnabled") == "true" }
            #expect(Self.int(overview, "RunningJobs") == sessions.filter { $0.text("State") == "Working" }.count)
            #expect(Self.int(overview, "ScheduledJobs") == scheduled.count)

            let statistics = try await Self.get("/api/reports/summary/job_statistics", sim, token)
            #expect(
                statistics.childNames == [
                    "RunningJobs", "ScheduledJobs", "ScheduledBackupJobs", "ScheduledReplicaJobs", "TotalJobRuns",
                    "SuccessfulJobRuns", "WarningsJobRuns", "FailedJobRuns", "MaxJobDuration", "MaxBackupJobDuration",
                    "MaxReplicaJobDuration", "MaxDurationBackupJobName", "MaxDurationReplicaJobName", "BackupJobStatusReportLink",
                ])
            #expect(Self.int(statistics, "TotalJobRuns") == sessions.count)
            for (element, result) in [("SuccessfulJobRuns", "Success"), ("WarningsJobRuns", "Warning"), ("FailedJobRuns", "Failed")] {
                #expect(Self.int(statistics, element) == sessions.filter { $0.text("Result") == result }.count, "\(element)")
            }
            #expect(Self.int(statistics, "ScheduledReplicaJobs") == scheduled.filter { $0.text("JobType") == "Replica" }.count)
            // The longest replica run, from the sessions' own times.
            let durations = replica.compactMap { session -> Int? in
                guard let start = QueryTests.date(session.text("CreationTimeUTC")), let end = QueryTests.date(session.text("EndTimeUTC"))
                else { return nil }
                return Int(end.timeIntervalSince(start).rounded())
            }
            #expect(Self.int(statistics, "MaxReplicaJobDuration") == durations.max())
            #expect(statistics.text("MaxDurationReplicaJobName") == replica.first?.text("JobName"))
            #expect(statistics.text("BackupJobStatusReportLink")?.hasPrefix("Workspace/ViewReport.aspx?definition=") == true)
        }
    }

    @Test func vmsOverviewCountsPoints() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let frame = try await Self.get("/api/reports/summary/vms_overview", sim, token)
            #expect(
                frame.childNames == [
                    "ProtectedVms", "BackedUpVms", "ReplicatedVms", "RestorePoints", "FullBackupPointsSize",
                    "IncrementalBackupPointsSize", "ReplicaRestorePointsSize", "SourceVmsSize", "SuccessBackupPercents",
                    "ProtectedVmsReportLink",
                ])
            let vmPoints = try await Self.get("/api/vmRestorePoints", sim, token).children
            let replicaPoints = try await Self.get("/api/vmReplicaPoints?format=Entity", sim, token).children
            #expect(Self.int(frame, "RestorePoints") == vmPoints.count + replicaPoints.count)
            #expect(Self.int(frame, "ReplicatedVms") == Set(replicaPoints.compactMap { $0.attributes["VmDisplayName"] }).count)
            let files = try await Self.get("/api/backupFiles?format=Entity", sim, token).children
            let fulls = files.filter { $0.text("FileType") == "vbk" }.compactMap { Int($0.text("BackupSize") ?? "") }
            #expect(Self.int(frame, "FullBackupPointsSize") == fulls.reduce(0, +))
            #expect((0...100).contains(Self.int(frame, "SuccessBackupPercents") ?? -1))
        }
    }

    @Test func repositoryFrameRepeatsPeriodUnderTheRoot() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let response = try await sim.client.get("/api/reports/summary/repository", token: token)
            let frame = try XMLNode.parse(response.body)
            #expect(frame.attributes["CapacityPlanningReportLink"]?.hasPrefix("Workspace/ViewReport.aspx?definition=") == true)
            #expect(response.text.contains("&amp;ShowParams=1\""))
            #expect(Set(frame.childNames) == ["Period"])
            let repositories = try await Self.get("/api/repositories?format=Entity", sim, token).children
            #expect(frame.children.map { $0.text("Name") } == repositories.map { $0.attributes["Name"] })
            for (period, repository) in zip(frame.children, repositories) {
                #expect(period.childNames == ["Name", "Capacity", "FreeSpace", "BackupSize"])
                #expect(period.text("Capacity") == repository.text("Capacity"))
                #expect(period.text("FreeSpace") == repository.text("FreeSpace"))
            }
            #expect(frame.children.contains { (Int($0.text("BackupSize") ?? "") ?? 0) > 0 })
        }
    }

    @Test func processedVmsHasOneDayPerDateNewestFirst() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let frame = try await Self.get("/api/reports/summary/processed_vms", sim, token)
            #expect(frame.childNames == Array(repeating: "Day", count: 7))
            let stamps = frame.children.compactMap { $0.attributes["Timestamp"] }
            #expect(stamps.count == 7)
            #expect(stamps.allSatisfy { $0.hasSuffix("T00:00:00+02:00") })
            let days = stamps.compactMap(QueryTests.date)
            #expect(zip(days, days.dropFirst()).allSatisfy { $0.timeIntervalSince($1) == 86_400 })
            for day in frame.children {
                #expect(Set(day.attributes.keys) == ["BackupedVms", "ReplicatedVms", "Timestamp"])
                #expect(day.children.isEmpty)
            }
            #expect(frame.children.contains { (Int($0.attributes["BackupedVms"] ?? "") ?? 0) > 0 })
            #expect(frame.children.contains { (Int($0.attributes["ReplicatedVms"] ?? "") ?? 0) > 0 })
        }
    }
}
