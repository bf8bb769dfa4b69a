/// EM's summary reports (`/reports/summary` and its frames), computed from the simulated world
/// so that they agree with what the other resources show.
///
/// Shapes follow the help pages' complete samples (`reports_summary_*`): frames carry only
/// EM's namespace (no `Href`, `Type` or `Links`); the repository frame repeats `<Period>`
/// directly under its root and carries `CapacityPlanningReportLink` as an attribute; the
/// processed-VMs frame holds one `<Day BackupedVms ReplicatedVms Timestamp>` per day, newest first,
/// counting the VMs whose task sessions completed without failing that day.
struct Reports: Sendable {
    /// The UTC offset of the days in `processed_vms` (the backup servers' zone, UTC+2).
    static let dayOffsetSeconds = 2 * 3600
    /// How many days `processed_vms` covers.
    static let dayCount = 7

    let store: EntityStore
    let context: RenderContext

    /// Creates the reports of a world.
    /// - Parameter context: hrefs and data.
    init(_ context: RenderContext) {
        self.store = context.store
        self.context = context
    }

    /// Writes one report document.
    /// - Parameters:
    ///   - report: the report.
    ///   - xml: the writer.
    func write(_ report: SummaryReport, _ xml: inout XMLWriter) {
        switch report {
        case .summary: self.summary(&xml)
        case .overview: self.frame("OverviewReportFrame", self.overview(), &xml)
        case .vmsOverview: self.frame("VmsOverviewReportFrame", self.vmsOverview(), &xml)
        case .jobStatistics: self.frame("JobStatisticsReportFrame", self.jobStatistics(), &xml)
        case .repository: self.repository(&xml)
        case .processedVms: self.processedVms(&xml)
        }
    }

    private func summary(_ xml: inout XMLWriter) {
        let hrefs = self.context.hrefs
        xml.start("SummaryReport", attributeList: [], namespacesFirst: .em)
        let frames: [(SummaryReport, String, String)] = [
            (.overview, "OverviewReportFrame", "Overview"), (.vmsOverview, "VmsOverviewReportFrame", "VmsOverview"),
            (.jobStatistics, "JobStatisticsReportFrame", "JobStatistics"),
            (.repository, "RepositoryReportFrame", "Repository"), (.processedVms, "ProcessedVmsReportFrame", "ProcessedVms"),
        ]
        xml.links(frames.map { Link("Down", $0.1, hrefs.api("reports/summary/\($0.0.rawValue)"), name: $0.2) })
        xml.end()
    }

    private func frame(_ root: String, _ content: [XMLContent], _ xml: inout XMLWriter) {
        xml.start(root, attributeList: [], namespacesFirst: .em)
        xml.content(content, hrefs: self.context.hrefs)
        xml.end()
    }

    // MARK: - Frames

    private func overview() -> [XMLContent] {
        let servers = self.values(.managedServer).filter { ["Local", "Windows", "Linux"].contains($0["managedservertype"] ?? "") }
        let latest = self.latestTaskResults(self.values(.backupTaskSession) + self.values(.replicaTaskSession))
        return [
            .text("BackupServers", Int64(self.store.all(.backupServer).count)),
            .text("ProxyServers", Int64(servers.count)),
            .text("RepositoryServers", Int64(self.store.all(.repository).count)),
            .text("RunningJobs", Int64(self.jobSessions.filter { $0["state"] == "Working" }.count)),
            .text("ScheduledJobs", Int64(self.scheduledJobs(nil))),
            .text("SuccessfulVmLastestStates", Int64(latest.filter { $0 == "Success" }.count)),
            .text("WarningVmLastestStates", Int64(latest.filter { $0 == "Warning" }.count)),
            .text("FailedVmLastestStates", Int64(latest.filter { $0 == "Failed" }.count)),
        ]
    }

    private func vmsOverview() -> [XMLContent] {
        let backupTasks = self.values(.backupTaskSession)
        let files = self.values(.backupFile)
        let latestBackups = self.latestTaskResults(backupTasks)
        let percent = latestBackups.isEmpty ? 100 : 100 * latestBackups.filter { $0 != "Failed" }.count / latestBackups.count
        let protected = Set(self.store.all(.objectInJob).map { $0.name.lowercased() })
        return [
            .text("ProtectedVms", Int64(protected.count)),
            .text("BackedUpVms", Int64(self.distinct(self.values(.vmRestorePoint), "vmdisplayname"))),
            .text("ReplicatedVms", Int64(self.distinct(self.values(.vmReplicaPoint), "vmdisplayname"))),
            .text("RestorePoints", Int64(self.store.all(.vmRestorePoint).count + self.store.all(.vmReplicaPoint).count)),
            .text("FullBackupPointsSize", self.sum(files.filter { $0["filetype"] == "vbk" }, "backupsize")),
            .text("IncrementalBackupPointsSize", self.sum(files.filter { $0["filetype"] == "vib" }, "backupsize")),
            .text("ReplicaRestorePointsSize", self.sum(self.values(.replicaTaskSession), "totalsize")),
            .text("SourceVmsSize", self.sum(self.latestTasks(backupTasks), "totalsize")),
            .text("SuccessBackupPercents", Int64(percent)),
            .text("ProtectedVmsReportLink", "Workspace/ViewReport.aspx?definition=8a56d84f-1790-4f54-ab20-2e0bfdefa16b&ShowParams=1"),
        ]
    }

    private func jobStatistics() -> [XMLContent] {
        let sessions = self.jobSessions
        let backup = self.longest(self.values(.backupJobSession))
        let replica = self.longest(self.values(.replicaJobSession))
        return [
            .text("RunningJobs", Int64(sessions.filter { $0["state"] == "Working" }.count)),
            .text("ScheduledJobs", Int64(self.scheduledJobs(nil))),
            .text("ScheduledBackupJobs", Int64(self.scheduledJobs("Backup"))),
            .text("ScheduledReplicaJobs", Int64(self.scheduledJobs("Replica"))),
            .text("TotalJobRuns", Int64(sessions.count)),
            .text("SuccessfulJobRuns", Int64(sessions.filter { $0["result"] == "Success" }.count)),
            .text("WarningsJobRuns", Int64(sessions.filter { $0["result"] == "Warning" }.count)),
            .text("FailedJobRuns", Int64(sessions.filter { $0["result"] == "Failed" }.count)),
            .text("MaxJobDuration", max(backup.seconds, replica.seconds)),
            .text("MaxBackupJobDuration", backup.seconds),
            .text("MaxReplicaJobDuration", replica.seconds),
            .text("MaxDurationBackupJobName", backup.name),
            .text("MaxDurationReplicaJobName", replica.name),
            .text("BackupJobStatusReportLink", "Workspace/ViewReport.aspx?definition=7962844d-db6c-4d29-8b6e-4e0f7db0785f&ShowParams=1"),
        ]
    }

    private func repository(_ xml: inout XMLWriter) {
        let link = "Workspace/ViewReport.aspx?definition=62221565-102c-4ec8-851b-d61c03d972d1&ShowParams=1"
        xml.start("RepositoryReportFrame", attributeList: [("CapacityPlanningReportLink", link)], namespacesFirst: .em)
        let backups = self.values(.backup)
        let files = self.values(.backupFile)
        for repository in self.values(.repository) {
            let backupUIDs = Set(backups.filter { $0["repositoryuid"] == repository["uid"] }.compactMap { $0["uid"] })
            let size = self.sum(files.filter { backupUIDs.contains($0["backupuid"] ?? "") }, "backupsize")
            xml.content(
                [
                    .element(
                        "Period",
                        [
                            .text("Name", repository["name"] ?? ""), .text("Capacity", repository["capacity"] ?? "-1"),
                            .text("FreeSpace", repository["freespace"] ?? "-1"), .text("BackupSize", size),
                        ])
                ], hrefs: self.context.hrefs)
        }
        xml.end()
    }

    private func processedVms(_ xml: inout XMLWriter) {
        let processed = { (task: [String: String]) in task["state"] == "Completed" && task["result"] != "Failed" }
        let backups = self.values(.backupTaskSession).filter(processed)
        let replicas = self.values(.replicaTaskSession).filter(processed)
        let newest = (backups + replicas).compactMap { self.localDay($0["creationtime"]) }.max() ?? 0
        xml.start("ProcessedVmsReportFrame", attributeList: [], namespacesFirst: .em)
        for day in stride(from: newest, to: newest - Self.dayCount, by: -1) {
            let backedUp = self.distinct(backups.filter { self.localDay($0["creationtime"]) == day }, "vmdisplayname")
            let replicated = self.distinct(replicas.filter { self.localDay($0["creationtime"]) == day }, "vmdisplayname")
            xml.start(
                "Day",
                [
                    "BackupedVms": String(backedUp), "ReplicatedVms": String(replicated),
                    "Timestamp": DateTimeText.localMidnight(day: day, offsetSeconds: Self.dayOffsetSeconds),
                ])
            xml.end()
        }
        xml.end()
    }
}
