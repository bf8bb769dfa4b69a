/// Repositories, the backups and replicas on them, and backup files.
extension SeedData {
    static let defaultRepository = ParentRef(.repository, "7b1b6135-4562-5539-8f87-c54e9f0128da", "Default Backup Repository")
    static let volumeRepository = ParentRef(.repository, "80487907-82aa-55fd-89c6-92c118c06d5b", "Backup Volume 01")
    static let branchRepository = ParentRef(.repository, "73688a84-7dbe-5c66-bdb1-78975f495899", "Branch Linux Repository")

    static let sqlBackup = ParentRef(.backup, "c4891a4b-99fb-52c7-b731-dd8caab33067", "SQL Backup")
    static let branchBackup = ParentRef(.backup, "44776c9f-0d24-5908-9db9-29098e39c6cc", "Branch Backup")
    static let agentBackup = ParentRef(.backup, "ecfae5c7-b0bb-5cf0-bb19-8df292e8c556", "Workstations Agent Backup")
    static let fileserverReplica = ParentRef(.replica, "e25221f2-d70d-5c77-8def-4de2e2130a2d", "Fileserver02 Replication")

    static func storage() -> [any SimulatedEntity] {
        [
            Self.repository(defaultRepository, srv02, capacity: 107_374_182_400, free: 64_424_509_440, kind: "WindowsLocal"),
            Self.repository(volumeRepository, srv02, capacity: 2_199_023_255_552, free: 1_319_413_953_331, kind: "WindowsLocal"),
            Self.repository(branchRepository, srv03, capacity: 1_099_511_627_776, free: 703_687_441_777, kind: "LinuxLocal"),
            Self.backup(sqlBackup, job: (backupJobID, "SQL Backup"), volumeRepository, srv02, platform: "VMware"),
            Self.backup(branchBackup, job: (branchJobID, "Branch Backup"), branchRepository, srv03, platform: "VMware"),
            Self.backup(
                agentBackup, job: (agentJobID, "Workstations Agent Backup"), defaultRepository, srv02,
                platform: "AgentForWindows", memberOf: [.list("agents/backups")]),
            Record(
                .replica, id: fileserverReplica.id, name: fileserverReplica.name,
                up: [defaultRepository.upLink, srv02.upLink],
                down: [Link("Down", "VmReplicaPointReferenceList", fileserverReplica.path + "/vmReplicaPoints")],
                content: [.text("Platform", "VMware")],
                values: [
                    "jobuid": ResourceKind.job.uid(replicaJobID), "jobname": "Fileserver02 Replication",
                    "repositoryuid": defaultRepository.uid, "repositoryname": defaultRepository.name,
                ],
                memberOf: [defaultRepository.list("replicas")]),
            Record(
                .externalRepository, id: "272ef782-af07-53cf-86ce-b9111b63d719", name: "Amazon S3 Archive", server: srv02,
                down: [Link("Down", "BackupReferenceList", "externalRepositories/272ef782-af07-53cf-86ce-b9111b63d719/backups")],
                content: [
                    .text("RepositoryType", "AmazonS3External"), .text("Path", "amazonS3://tech-archive/veeam"),
                    .text("UsedSpace", Int64(0)), .text("Description", "Created by TECH\\Administrator."),
                ],
                memberOf: [srv02.list("externalRepositories")]),
        ] + Self.backupFiles()
    }

    private static func repository(
        _ repository: ParentRef, _ server: ParentRef, capacity: Int64, free: Int64, kind: String
    ) -> Record {
        Record(
            .repository, id: repository.id, name: repository.name, server: server,
            down: [
                Link("Down", "BackupReferenceList", repository.path + "/backups"),
                Link("Down", "ReplicaReferenceList", repository.path + "/replicas"),
            ],
            content: [.text("Capacity", capacity), .text("FreeSpace", free), .text("Kind", kind)],
            values: ["capacity": String(capacity), "freespace": String(free)],
            memberOf: [server.list("repositories")])
    }

    static func backup(
        _ backup: ParentRef, job: (id: String, name: String), _ repository: ParentRef, _ server: ParentRef,
        platform: String, memberOf: [Membership] = []
    ) -> Record {
        Record(
            .backup, id: backup.id, name: backup.name, up: [repository.upLink, server.upLink],
            down: [
                Link("Down", "RestorePointReferenceList", backup.path + "/restorePoints"),
                Link("Down", "BackupFileReferenceList", backup.path + "/backupFiles"),
            ],
            content: [.text("Platform", platform), .text("BackupType", "Standard")],
            values: [
                "jobuid": job.id == agentJobID ? ResourceKind.agentBackupJob.uid(job.id) : ResourceKind.job.uid(job.id),
                "jobname": job.name, "repositoryuid": repository.uid, "repositoryname": repository.name,
                "platform": platform, "backuptype": "Standard",
            ],
            memberOf: [repository.list("backups")] + memberOf)
    }

    /// One file per restore point: fulls are `.vbk`, increments `.vib`.
    private static func backupFiles() -> [Record] {
        let files: [(String, ParentRef, ParentRef, String, String, Int64, Int64, String)] = [
            (
                "46e9263e-bd97-533f-85bd-6ea001f84333", sqlBackup, srv02, "9a8716cf-25e9-530f-a968-8d7fa2b92589",
                "2014-10-18T05:30:05Z", 112_742_891_520, 268_435_456_000, "vbk"
            ),
            (
                "093016dd-9b31-54b5-aa0c-473f85b400d4", sqlBackup, srv02, "ebb60274-9812-59ca-a0d0-1021a71d5cf9",
                "2014-10-19T05:30:12Z", 9_663_676_416, 268_435_456_000, "vib"
            ),
            (
                "505d6107-4d11-546c-8db6-57995fac44c1", branchBackup, srv03, "ec407f86-1637-5f93-8b67-cb96782497aa",
                "2014-10-19T21:00:03Z", 41_875_931_136, 85_899_345_920, "vbk"
            ),
            (
                "f5c7afdd-7193-5628-aee8-31a316bfe02f", agentBackup, srv02, "6ec50c31-eeaa-551d-89e0-d4e2034d5bf9",
                "2014-10-19T22:00:03Z", 20_401_094_656, 53_687_091_200, "vbk"
            ),
        ]
        return files.map { id, backup, server, point, created, size, data, type in
            let name = "\(backup.name)D\(Self.fileStamp(created)).\(type)"
            let directory = server.id == branchServerID ? "/mnt/backup/\(backup.name)" : "E:\\Backups\\\(backup.name)"
            let separator = server.id == branchServerID ? "/" : "\\"
            return Record(
                .backupFile, id: id, name: name, server: server, up: [backup.upLink],
                down: [
                    Link("Related", "RestorePointReferenceList", "backupFiles/\(id)/restorePoints"),
                    Link("Down", "VmRestorePointReferenceList", "backupFiles/\(id)/vmRestorePoints"),
                ],
                content: [
                    .text("FilePath", directory + separator + name), .text("BackupSize", size), .text("DataSize", data),
                    .text("DeduplicationRatio", "1.3"), .text("CompressRatio", "1.8"), .text("CreationTimeUtc", created),
                    .text("FileType", type),
                ],
                values: [
                    "creationtimeutc": created, "backupsize": String(size), "datasize": String(data), "compressratio": "1.8",
                    "filetype": type, "backupuid": backup.uid, "backupname": backup.name,
                ],
                memberOf: [backup.list("backupFiles"), .child(of: .restorePoint, point, "backupFiles")]
                    + (backup.id == agentBackup.id ? [.list("agents/backupFiles")] : []))
        }
    }

    /// `2014-10-18T05:30:05Z` → `2014-10-18T053005`, as backup file names carry it.
    private static func fileStamp(_ time: String) -> String {
        String(time.prefix(19).filter { $0 != ":" })
    }
}
