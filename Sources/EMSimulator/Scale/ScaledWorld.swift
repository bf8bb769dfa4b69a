/// The simulator's data at scale: `scale` backup job sessions, as many backup task sessions and
/// restore points, and `scale / 100` jobs (at least one), all on the seed's backup server
/// `srv02.tech.local`.
///
/// Nothing is stored: the `i`-th item of a collection is computed from `i` by seeded arithmetic
/// (IDs by ``ScaledID``, times by ``ScaledClock``), so a world of any size costs no memory and
/// every run serves the same bytes.
///
/// ```swift
/// let world = ScaledWorld(scale: 100_000)
/// let session = world.backupJobSession(41)   // the same session every run
/// ```
struct ScaledWorld: Sendable {
    /// Number of backup job sessions, backup task sessions and restore points.
    let scale: Int
    /// Number of jobs: `scale / 100`, at least 1.
    let jobCount: Int

    /// 2025-01-01T00:00:00Z, when the first scaled session starts in a world without a demo clock.
    static let epoch = 1_735_689_600
    /// When the first session starts, in seconds since 1970.
    let firstStart: Int
    /// Minutes between consecutive sessions.
    static let sessionSpacing = 10 * 60

    /// Creates the world.
    /// - Parameters:
    ///   - scale: the number of sessions (and task sessions, and restore points); above 0.
    ///   - end: when the living demo world starts (seconds since 1970): the sessions then end
    ///     just before it, the last one ``sessionSpacing`` earlier. Default `nil`: the first
    ///     session starts at ``epoch``.
    init(scale: Int, endingAt end: Int? = nil) {
        precondition(scale > 0 && scale < 1 << 40, "scale out of range")
        self.scale = scale
        self.jobCount = max(1, scale / 100)
        self.firstStart = end.map { $0 - scale * Self.sessionSpacing - 3600 } ?? Self.epoch
    }

    /// The server every scaled job runs on (the seed's `srv02.tech.local`).
    var serverID: String { SeedData.backupServerID }

    /// The name of job `index`.
    /// - Parameter index: the job index.
    /// - Returns: `Backup Job <n>` (1-based).
    func jobName(_ index: Int) -> String { "Backup Job \(index + 1)" }

    /// When session `index` started, in seconds since 1970.
    func sessionStart(_ index: Int) -> Int {
        self.firstStart + index * Self.sessionSpacing + (index &* 37) % 60
    }

    /// The `index`-th backup job session; session `i` belongs to job `i % jobCount`.
    /// - Parameter index: 0 ..< ``scale``.
    /// - Returns: the session.
    func backupJobSession(_ index: Int) -> JobSession {
        let job = index % self.jobCount
        let start = self.sessionStart(index)
        let result = Self.result(index)
        return JobSession(
            kind: .backupJobSession, id: ScaledID.make(.backupJobSession, index),
            name: "\(self.jobName(job))@\(ScaledClock(seconds: start).nameStamp)",
            serverID: self.serverID, jobID: ScaledID.make(.job, job), jobName: self.jobName(job), jobType: "Backup",
            creationTimeUTC: ScaledClock(seconds: start).dateTimeUTC,
            endTimeUTC: ScaledClock(seconds: start + 240 + (index &* 131) % 3000).dateTimeUTC,
            state: "Stopped", result: result, progress: 100,
            failureMessage: result == "Failed" ? "Processing \(Self.vmName(index)) Error: There is not enough space on the disk." : nil,
            isRetry: index % 13 == 1)
    }

    /// The `index`-th backup task session: the one VM of session `index`.
    /// - Parameter index: 0 ..< ``scale``.
    /// - Returns: the task session and the name of its job session (for its `Up` link).
    func backupTaskSession(_ index: Int) -> ScaledTaskSession {
        let start = self.sessionStart(index) + 20
        let result = Self.result(index)
        let vm = Self.vmName(index)
        let task = TaskSession(
            kind: .backupTaskSession, id: ScaledID.make(.backupTaskSession, index),
            name: "\(vm)@\(ScaledClock(seconds: start).nameStamp)", vmDisplayName: vm, serverID: self.serverID,
            jobSessionID: ScaledID.make(.backupJobSession, index), creationTimeUTC: ScaledClock(seconds: start).dateTimeUTC,
            endTimeUTC: ScaledClock(seconds: start + 200 + (index &* 131) % 3000).dateTimeUTC, state: "Completed",
            result: result,
            reason: result == "Warning" ? "Changed block tracking cannot be enabled: one or more snapshots present." : "",
            totalSize: Int64(20 + (index &* 7919) % 480) << 30,
            vmUID: "urn:VMware:Vm:6e2d4c1a-8b3f-4a57-9d02-e1f5b7c3a948.\(Self.vmMoref(index))")
        let job = index % self.jobCount
        return ScaledTaskSession(
            base: task, jobSessionName: "\(self.jobName(job))@\(ScaledClock(seconds: self.sessionStart(index)).nameStamp)")
    }

    /// The `index`-th job, with two VMs and a daily schedule.
    /// - Parameter index: 0 ..< ``jobCount``.
    /// - Returns: the job.
    func job(_ index: Int) -> Job {
        let processing = GuestProcessing(
            vssSnapshotMode: "RequireSuccess", isCopyOnly: false, indexingMode: "ExceptSpecifiedFolders",
            transactionLogsProcessing: "OnlyOnSuccessJob")
        let includes = (0..<2).map { offset in
            let vm = index * 2 + offset
            return ObjectInJob(
                id: ScaledID.make(.objectInJob, vm), jobID: ScaledID.make(.job, index),
                hierarchyObjRef: "urn:VMware:Vm:6e2d4c1a-8b3f-4a57-9d02-e1f5b7c3a948.\(Self.vmMoref(vm))",
                name: Self.vmName(vm), guestProcessing: processing)
        }
        let minute = index % 60
        return Job(
            id: ScaledID.make(.job, index), name: self.jobName(index), serverID: self.serverID, jobType: "Backup",
            platform: "VMware", description: "Scaled backup job \(index + 1)", scheduleConfigured: true,
            scheduleEnabled: true, nextRun: "2026-01-01T22:\(minute < 10 ? "0" : "")\(minute):00Z",
            schedule: JobSchedule(
                dailyEnabled: true, dailyKind: "Everyday", dailyDays: JobSchedule.weekDays,
                time: "22:\(minute < 10 ? "0" : "")\(minute):00.0000000+01:00", timeOffsetUtc: 1,
                periodicallyEnabled: false, retryTimes: 3),
            includes: includes,
            guestProcessing: GuestProcessing(
                vssSnapshotMode: "Disabled", isCopyOnly: false, indexingMode: "Disabled",
                transactionLogsProcessing: "OnlyOnSuccessJob"),
            retainCycles: 7 + index % 8)
    }

    /// The `index`-th restore point: point `i` is in the backup of job `i % jobCount`.
    /// - Parameter index: 0 ..< ``scale``.
    /// - Returns: the restore point.
    func restorePoint(_ index: Int) -> ScaledRestorePoint {
        let job = index % self.jobCount
        let taken = ScaledClock(seconds: self.sessionStart(index) + 180)
        return ScaledRestorePoint(
            id: ScaledID.make(.restorePoint, index), name: taken.restorePointName,
            backupDateUTC: taken.dateTimeUTC, backupID: ScaledID.make(.backup, job), backupName: self.jobName(job),
            serverID: self.serverID)
    }

    /// Mostly `Success`; every 7th session `Warning`, every 13th `Failed`.
    private static func result(_ index: Int) -> String {
        if index % 13 == 12 { return "Failed" }
        if index % 7 == 6 { return "Warning" }
        return "Success"
    }

    private static func vmName(_ index: Int) -> String {
        let number = index % 5000 + 1
        return "vm" + String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number)
    }

    private static func vmMoref(_ index: Int) -> String { "vm-\(1000 + index % 5000)" }
}
