/// The simulator's built-in data: the replica session of EM's `/replicaSessions/{ID}` help
/// page with its server and job, plus a few more servers, jobs and sessions so that every
/// collection has more than one item. Deterministic: the same values every run.
enum SeedData {
    /// The replica job session the help page documents.
    static let replicaSessionID = "0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"
    /// Its backup server, `srv02.tech.local`.
    static let backupServerID = "ce15a8c7-aa49-495e-b05b-ee3398c91018"
    /// Its job, `Fileserver02 Replication`.
    static let replicaJobID = "2c49a44e-1e59-4527-a6bc-6b2f9b579ee1"
    /// A second backup server, `srv03.tech.local`, whose description needs escaping.
    static let branchServerID = "5d0b7f3a-91c2-4e6d-8b1f-2a7c9e4d6f10"
    /// A backup job on srv02, `SQL Backup`.
    static let backupJobID = "7d3f0c52-9e41-4b6a-a8d2-5c1e9f0b3a74"
    /// A backup job on srv03 with its schedule disabled, `Branch Backup`.
    static let branchJobID = "b8e2a6d1-4c7f-4e39-9a15-0f6d2c8e7b43"
    /// A failed earlier run of the replica job (has a `FailureMessage`).
    static let failedReplicaSessionID = "3f8b7e21-6c4d-4a90-b2f5-8e1d0c9a7b36"
    /// A finished run of `SQL Backup`.
    static let backupSessionID = "e5a1c9d7-2b84-4f06-b3e8-9d4c7a1f2e60"
    /// A running session of `Branch Backup` (no `EndTimeUTC`).
    static let runningBackupSessionID = "f0c4b2e8-7a39-4d15-86c2-3e9b1d5a7c84"

    /// Builds the store.
    /// - Returns: the seeded store.
    static func makeStore() -> EntityStore {
        var store = EntityStore()
        store.add(BackupServer(id: backupServerID, name: "srv02.tech.local", description: "", port: 9392, version: "12.3.1.1139"))
        store.add(
            BackupServer(
                id: branchServerID, name: "srv03.tech.local", description: "Branch office \"West\" & DR <lab>",
                port: 9392, version: "12.3.1.1139"))
        for job in Self.jobs() { store.add(job) }
        for session in Self.jobSessions() { store.add(session) }
        for task in Self.taskSessions() { store.add(task) }
        return store
    }

    private static let disabledGuestProcessing = GuestProcessing(
        vssSnapshotMode: "Disabled", isCopyOnly: false, indexingMode: "Disabled", transactionLogsProcessing: "OnlyOnSuccessJob")
    private static let appAwareProcessing = GuestProcessing(
        vssSnapshotMode: "RequireSuccess", isCopyOnly: false, indexingMode: "ExceptSpecifiedFolders",
        transactionLogsProcessing: "OnlyOnSuccessJob")

    private static func vm(_ id: String, _ moref: String, _ name: String, _ processing: GuestProcessing) -> ObjectInJob {
        ObjectInJob(
            id: id, hierarchyObjRef: "urn:VMware:Vm:6e2d4c1a-8b3f-4a57-9d02-e1f5b7c3a948.\(moref)", name: name,
            guestProcessing: processing)
    }

    private static func daily(_ time: String, enabled: Bool = true) -> JobSchedule {
        JobSchedule(
            dailyEnabled: enabled, dailyKind: "Everyday", dailyDays: JobSchedule.weekDays, time: time, timeOffsetUtc: 2,
            periodicallyEnabled: false, retryTimes: 3)
    }

    private static func jobs() -> [Job] {
        [
            Job(
                id: replicaJobID, name: "Fileserver02 Replication", serverID: backupServerID, jobType: "Replica",
                platform: "VMware", description: "Created by SRV02\\Administrator at 10/7/2014 6:02 AM.",
                scheduleConfigured: true, scheduleEnabled: true, nextRun: "2014-10-20T06:45:00Z",
                schedule: daily("06:45:00.0000000+02:00"),
                includes: [
                    vm("4f1e2d3c-5b6a-4798-8a1b-2c3d4e5f6a70", "vm-1021", "fileserver02", appAwareProcessing),
                    vm("8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d", "vm-1034", "srv04", appAwareProcessing),
                ],
                guestProcessing: disabledGuestProcessing, retainCycles: 7),
            Job(
                id: backupJobID, name: "SQL Backup", serverID: backupServerID, jobType: "Backup", platform: "VMware",
                description: "Nightly backup of the SQL servers", scheduleConfigured: true, scheduleEnabled: true,
                nextRun: "2014-10-20T05:30:00Z", schedule: daily("05:30:00.0000000+02:00"),
                includes: [
                    vm("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "vm-2001", "sql01", appAwareProcessing),
                    vm("d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70", "vm-2002", "sql02", appAwareProcessing),
                ],
                guestProcessing: disabledGuestProcessing, retainCycles: 14),
            Job(
                id: branchJobID, name: "Branch Backup", serverID: branchServerID, jobType: "Backup", platform: "VMware",
                description: "", scheduleConfigured: true, scheduleEnabled: false, nextRun: nil,
                schedule: daily("21:00:00.0000000+02:00", enabled: false),
                includes: [vm("e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a81", "vm-3001", "branch-fs01", disabledGuestProcessing)],
                guestProcessing: disabledGuestProcessing, retainCycles: 7),
        ]
    }

    private static func jobSessions() -> [JobSession] {
        [
            JobSession(
                kind: .replicaJobSession, id: replicaSessionID, name: "Fileserver02 Replication@2014-10-19 06:46:31",
                serverID: backupServerID, jobID: replicaJobID, jobName: "Fileserver02 Replication", jobType: "Replica",
                creationTimeUTC: "2014-10-19T06:46:31Z", endTimeUTC: "2014-10-19T07:02:35Z", state: "Stopped",
                result: "Success", progress: 100, failureMessage: nil, isRetry: false),
            JobSession(
                kind: .replicaJobSession, id: failedReplicaSessionID, name: "Fileserver02 Replication@2014-10-18 06:45:58",
                serverID: backupServerID, jobID: replicaJobID, jobName: "Fileserver02 Replication", jobType: "Replica",
                creationTimeUTC: "2014-10-18T06:45:58Z", endTimeUTC: "2014-10-18T06:52:10Z", state: "Stopped",
                result: "Failed", progress: 100,
                failureMessage: "Processing srv04 Error: Failed to open VDDK disk [[datastore1] srv04/srv04.vmdk] (is read-only mode - [true])",
                isRetry: false),
            JobSession(
                kind: .backupJobSession, id: backupSessionID, name: "SQL Backup@2014-10-19 05:30:12",
                serverID: backupServerID, jobID: backupJobID, jobName: "SQL Backup", jobType: "Backup",
                creationTimeUTC: "2014-10-19T05:30:12Z", endTimeUTC: "2014-10-19T05:48:40Z", state: "Stopped",
                result: "Success", progress: 100, failureMessage: nil, isRetry: false),
            JobSession(
                kind: .backupJobSession, id: runningBackupSessionID, name: "Branch Backup@2014-10-20 21:00:05",
                serverID: branchServerID, jobID: branchJobID, jobName: "Branch Backup", jobType: "Backup",
                creationTimeUTC: "2014-10-20T21:00:05.713Z", endTimeUTC: nil, state: "Working", result: "None",
                progress: 42, failureMessage: nil, isRetry: false),
        ]
    }

    private static func taskSessions() -> [TaskSession] {
        [
            TaskSession(
                kind: .replicaTaskSession, id: "24590151-20cd-4e57-8a2f-8b65869a1879", name: "srv04@2014-10-19 06:47:21",
                vmDisplayName: "srv04", serverID: backupServerID, jobSessionID: replicaSessionID,
                creationTimeUTC: "2014-10-19T06:47:21Z", endTimeUTC: "2014-10-19T07:02:33Z", state: "Completed",
                result: "Success", reason: "", totalSize: 64_424_509_440, vmUID: nil),
            TaskSession(
                kind: .replicaTaskSession, id: "9c7e5a31-0d2b-4f84-a6e9-1b3d5f7a9c02",
                name: "fileserver02@2014-10-19 06:47:25", vmDisplayName: "fileserver02", serverID: backupServerID,
                jobSessionID: replicaSessionID, creationTimeUTC: "2014-10-19T06:47:25Z",
                endTimeUTC: "2014-10-19T06:58:02Z", state: "Completed", result: "Success", reason: "",
                totalSize: 107_374_182_400, vmUID: nil),
            TaskSession(
                kind: .backupTaskSession, id: "1a6c3e80-5f2d-4b97-9e14-7c0a8d2f6b35", name: "sql01@2014-10-19 05:30:40",
                vmDisplayName: "sql01", serverID: backupServerID, jobSessionID: backupSessionID,
                creationTimeUTC: "2014-10-19T05:30:40Z", endTimeUTC: "2014-10-19T05:47:55Z", state: "Completed",
                result: "Success", reason: "", totalSize: 214_748_364_800,
                vmUID: "urn:VMware:Vm:6e2d4c1a-8b3f-4a57-9d02-e1f5b7c3a948.vm-2001"),
            TaskSession(
                kind: .backupTaskSession, id: "2b7d4f91-6a3e-4ca8-8f25-8d1b9e3a7c46", name: "sql02@2014-10-19 05:30:44",
                vmDisplayName: "sql02", serverID: backupServerID, jobSessionID: backupSessionID,
                creationTimeUTC: "2014-10-19T05:30:44Z", endTimeUTC: "2014-10-19T05:41:12Z", state: "Completed",
                result: "Warning", reason: "Changed block tracking cannot be enabled: one or more snapshots present.",
                totalSize: 53_687_091_200, vmUID: "urn:VMware:Vm:6e2d4c1a-8b3f-4a57-9d02-e1f5b7c3a948.vm-2002"),
        ]
    }
}
