/// Jobs, their sessions and task sessions: the help page's replica job and its runs, two
/// backup jobs and theirs, and an immediate backup copy job (no runs) with one linked job and
/// one linked repository.
extension SeedData {
    static let disabledGuestProcessing = GuestProcessing(
        vssSnapshotMode: "Disabled", isCopyOnly: false, indexingMode: "Disabled", transactionLogsProcessing: "OnlyOnSuccessJob")
    static let appAwareProcessing = GuestProcessing(
        vssSnapshotMode: "RequireSuccess", isCopyOnly: false, indexingMode: "ExceptSpecifiedFolders",
        transactionLogsProcessing: "OnlyOnSuccessJob")

    private static func vm(
        _ id: String, _ jobID: String, _ moref: String, _ name: String, _ processing: GuestProcessing
    ) -> ObjectInJob {
        ObjectInJob(id: id, jobID: jobID, hierarchyObjRef: Self.vmRef(moref), name: name, guestProcessing: processing)
    }

    static func daily(_ time: String, enabled: Bool = true) -> JobSchedule {
        JobSchedule(
            dailyEnabled: enabled, dailyKind: "Everyday", dailyDays: JobSchedule.weekDays, time: time, timeOffsetUtc: 2,
            periodicallyEnabled: false, retryTimes: 3)
    }

    static func jobs() -> [Job] {
        [
            Job(
                id: replicaJobID, name: "Fileserver02 Replication", serverID: backupServerID, jobType: "Replica",
                platform: "VMware", description: "Created by SRV02\\Administrator at 10/7/2014 6:02 AM.",
                scheduleConfigured: true, scheduleEnabled: true, nextRun: "2014-10-20T06:45:00Z",
                schedule: daily("06:45:00.0000000+02:00"),
                includes: [
                    vm("4f1e2d3c-5b6a-4798-8a1b-2c3d4e5f6a70", replicaJobID, "vm-1021", "fileserver02", appAwareProcessing),
                    vm("8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d", replicaJobID, "vm-1034", "srv04", appAwareProcessing),
                ],
                guestProcessing: disabledGuestProcessing, retainCycles: 7),
            Job(
                id: backupJobID, name: "SQL Backup", serverID: backupServerID, jobType: "Backup", platform: "VMware",
                description: "Nightly backup of the SQL servers", scheduleConfigured: true, scheduleEnabled: true,
                nextRun: "2014-10-20T05:30:00Z", schedule: daily("05:30:00.0000000+02:00"),
                includes: [
                    vm("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", backupJobID, "vm-2001", "sql01", appAwareProcessing),
                    vm("d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70", backupJobID, "vm-2002", "sql02", appAwareProcessing),
                ],
                guestProcessing: disabledGuestProcessing, retainCycles: 14),
            Job(
                id: branchJobID, name: "Branch Backup", serverID: branchServerID, jobType: "Backup", platform: "VMware",
                description: "", scheduleConfigured: true, scheduleEnabled: false, nextRun: nil,
                schedule: daily("21:00:00.0000000+02:00", enabled: false),
                includes: [vm("e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a81", branchJobID, "vm-3001", "branch-fs01", disabledGuestProcessing)],
                guestProcessing: disabledGuestProcessing, retainCycles: 7),
            Self.backupCopyJob(),
        ]
    }

    /// `SQL Backup Copy`: as EM's samples of immediate backup copy jobs (`get_jobs_id`) show them,
    /// `Platform` `CustomPlatform`, a continuous copy schedule and no `NextRun`.
    private static func backupCopyJob() -> Job {
        var schedule = daily("00:00:00.0000000+02:00")
        schedule.immediateCopy = true
        return Job(
            id: backupCopyJobID, name: "SQL Backup Copy", serverID: backupServerID, jobType: "ImmediateBackupCopy",
            platform: "CustomPlatform", description: "Copies of the SQL backups", scheduleConfigured: true,
            scheduleEnabled: true, nextRun: nil, schedule: schedule, includes: [],
            guestProcessing: disabledGuestProcessing, retainCycles: 7,
            linkedJobs: [
                BackupCopyLink(
                    kind: .linkedJobObject, id: "d2f7b4a9-3e61-4c08-b5d3-9a1e6f2c7b48", jobID: backupCopyJobID,
                    linkedUID: ResourceKind.job.uid(backupJobID))
            ],
            linkedRepositories: [
                BackupCopyLink(
                    kind: .linkedBackupRepositoryObject, id: "6e0a8c3d-1f95-4b72-a4e6-2d8b7c5f9e13", jobID: backupCopyJobID,
                    linkedUID: defaultRepository.uid)
            ])
    }

    static func jobSessions() -> [JobSession] {
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
                failureMessage:
                    "Processing srv04 Error: Failed to open VDDK disk [[datastore1] srv04/srv04.vmdk] (is read-only mode - [true])",
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
            JobSession(
                kind: .backupJobSession, id: fullBackupSessionID, name: "SQL Backup@2014-10-18 05:30:05",
                serverID: backupServerID, jobID: backupJobID, jobName: "SQL Backup", jobType: "Backup",
                creationTimeUTC: "2014-10-18T05:30:05Z", endTimeUTC: "2014-10-18T06:02:31Z", state: "Stopped",
                result: "Success", progress: 100, failureMessage: nil, isRetry: false),
            JobSession(
                kind: .backupJobSession, id: failedBackupSessionID, name: "SQL Backup@2014-10-17 05:30:02",
                serverID: backupServerID, jobID: backupJobID, jobName: "SQL Backup", jobType: "Backup",
                creationTimeUTC: "2014-10-17T05:30:02Z", endTimeUTC: "2014-10-17T05:41:17Z", state: "Stopped",
                result: "Failed", progress: 100,
                failureMessage: "Processing sql02 Error: Failed to create VM snapshot: the operation is not allowed in the current state.",
                isRetry: false),
            JobSession(
                kind: .backupJobSession, id: branchWarningSessionID, name: "Branch Backup@2014-10-19 21:00:03",
                serverID: branchServerID, jobID: branchJobID, jobName: "Branch Backup", jobType: "Backup",
                creationTimeUTC: "2014-10-19T21:00:03Z", endTimeUTC: "2014-10-19T21:14:40Z", state: "Stopped",
                result: "Warning", progress: 100, failureMessage: nil, isRetry: false),
        ]
    }

    static func taskSessions() -> [TaskSession] {
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
        ] + Self.moreTaskSessions()
    }

    /// Task sessions of the runs added around the help page's session.
    private static func moreTaskSessions() -> [TaskSession] {
        [
            TaskSession(
                kind: .replicaTaskSession, id: "fb59c378-fde0-51f9-b506-38614204f118", name: "srv04@2014-10-18 06:46:40",
                vmDisplayName: "srv04", serverID: backupServerID, jobSessionID: failedReplicaSessionID,
                creationTimeUTC: "2014-10-18T06:46:40Z", endTimeUTC: "2014-10-18T06:52:02Z", state: "Completed",
                result: "Failed", reason: "Failed to open VDDK disk [[datastore1] srv04/srv04.vmdk] (is read-only mode - [true])",
                totalSize: 0, vmUID: nil),
            TaskSession(
                kind: .replicaTaskSession, id: "dd34ac63-84f5-54ec-96ec-b6c6aaf4eaf8",
                name: "fileserver02@2014-10-18 06:46:44", vmDisplayName: "fileserver02", serverID: backupServerID,
                jobSessionID: failedReplicaSessionID, creationTimeUTC: "2014-10-18T06:46:44Z",
                endTimeUTC: "2014-10-18T06:51:57Z", state: "Completed", result: "Success", reason: "",
                totalSize: 107_374_182_400, vmUID: nil),
            TaskSession(
                kind: .backupTaskSession, id: "26e7740a-a693-5add-8815-f352ac062963", name: "sql01@2014-10-18 05:30:31",
                vmDisplayName: "sql01", serverID: backupServerID, jobSessionID: fullBackupSessionID,
                creationTimeUTC: "2014-10-18T05:30:31Z", endTimeUTC: "2014-10-18T06:01:49Z", state: "Completed",
                result: "Success", reason: "", totalSize: 214_748_364_800, vmUID: Self.vmRef("vm-2001")),
            TaskSession(
                kind: .backupTaskSession, id: "c4f67958-9fd8-5c79-baef-369f8d175e59", name: "sql02@2014-10-18 05:30:36",
                vmDisplayName: "sql02", serverID: backupServerID, jobSessionID: fullBackupSessionID,
                creationTimeUTC: "2014-10-18T05:30:36Z", endTimeUTC: "2014-10-18T05:49:20Z", state: "Completed",
                result: "Success", reason: "", totalSize: 53_687_091_200, vmUID: Self.vmRef("vm-2002")),
            TaskSession(
                kind: .backupTaskSession, id: "edc4e80f-4521-5c06-96d2-d3946dce98a2", name: "sql01@2014-10-17 05:30:25",
                vmDisplayName: "sql01", serverID: backupServerID, jobSessionID: failedBackupSessionID,
                creationTimeUTC: "2014-10-17T05:30:25Z", endTimeUTC: "2014-10-17T05:40:58Z", state: "Completed",
                result: "Success", reason: "", totalSize: 214_748_364_800, vmUID: Self.vmRef("vm-2001")),
            TaskSession(
                kind: .backupTaskSession, id: "3cf28c8e-05db-5264-b0e8-a2e0e5a71018", name: "sql02@2014-10-17 05:30:29",
                vmDisplayName: "sql02", serverID: backupServerID, jobSessionID: failedBackupSessionID,
                creationTimeUTC: "2014-10-17T05:30:29Z", endTimeUTC: "2014-10-17T05:31:40Z", state: "Completed",
                result: "Failed", reason: "Failed to create VM snapshot: the operation is not allowed in the current state.",
                totalSize: 0, vmUID: Self.vmRef("vm-2002")),
            TaskSession(
                kind: .backupTaskSession, id: "b45a401f-ae2a-5b13-892f-cbe8328decf0", name: "branch-fs01@2014-10-19 21:00:29",
                vmDisplayName: "branch-fs01", serverID: branchServerID, jobSessionID: branchWarningSessionID,
                creationTimeUTC: "2014-10-19T21:00:29Z", endTimeUTC: "2014-10-19T21:14:31Z", state: "Completed",
                result: "Warning", reason: "Not enough free space on datastore [branch-ds01]: 4.1 GB left.",
                totalSize: 85_899_345_920, vmUID: Self.vmRef("vm-3001")),
            TaskSession(
                kind: .backupTaskSession, id: "7e198e7e-589c-5185-b32c-bb27077e4da1", name: "branch-fs01@2014-10-20 21:00:31",
                vmDisplayName: "branch-fs01", serverID: branchServerID, jobSessionID: runningBackupSessionID,
                creationTimeUTC: "2014-10-20T21:00:31Z", endTimeUTC: nil, state: "InProgress", result: "None", reason: "",
                totalSize: 85_899_345_920, vmUID: Self.vmRef("vm-3001")),
        ]
    }
}
