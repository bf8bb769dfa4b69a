/// The demo world's restore points, their VM points and backup files, and the repository.
extension DemoWorld {
    /// A run's restore point, its VM points and its backup file.
    /// - Parameters:
    ///   - run: a finished run that did not fail.
    ///   - fileSize: the backup file's `BackupSize`.
    ///   - full: whether the file is the chain's full (`.vbk`).
    /// - Returns: the resources.
    static func restorePoint(_ run: DemoRun, fileSize: Int64, full: Bool) -> [any SimulatedEntity] {
        let server = SeedData.srv02
        let backup = ParentRef(.backup, run.job.backupID, run.job.name)
        let created = ScaledClock(seconds: Int(run.start))
        let point = ParentRef(.restorePoint, DemoWorld.guid(0x5e70, run.job.number, run.slot, Int64(run.attempt)), created.restorePointName)
        let fileID = DemoWorld.guid(0x5ef1, run.job.number, run.slot, Int64(run.attempt))
        let type = full ? "vbk" : "vib"
        let fileName = "\(run.job.name)D\(String(created.dateTimeUTC.prefix(19).filter { $0 != ":" })).\(type)"
        let file = ParentRef(.backupFile, fileID, fileName)
        var entities: [any SimulatedEntity] = [
            Record(
                .restorePoint, id: point.id, name: point.name, up: [backup.upLink, server.upLink],
                down: [
                    Link("Down", "VmRestorePointReferenceList", point.path + "/vmRestorePoints"),
                    Link("Down", "VAppRestorePointReferenceList", point.path + "/vAppRestorePoints"),
                    Link("Related", "BackupFileReferenceList", point.path + "/backupFiles"),
                ],
                content: [.text("BackupDateUTC", created.dateTimeUTC)],
                values: [
                    "creationtime": created.dateTimeUTC, "backupuid": backup.uid, "backupname": backup.name,
                    "backupserveruid": server.uid, "backupservername": server.name,
                ],
                memberOf: [backup.list("restorePoints"), file.list("restorePoints")]),
            Record(
                .backupFile, id: fileID, name: fileName, server: server, up: [backup.upLink],
                down: [
                    Link("Related", "RestorePointReferenceList", "backupFiles/\(fileID)/restorePoints"),
                    Link("Down", "VmRestorePointReferenceList", "backupFiles/\(fileID)/vmRestorePoints"),
                ],
                content: [
                    .text("FilePath", "E:\\Demo\\\(run.job.name)\\\(fileName)"), .text("BackupSize", fileSize),
                    .text("DataSize", fileSize * 2), .text("DeduplicationRatio", "1.3"), .text("CompressRatio", "1.8"),
                    .text("CreationTimeUtc", created.dateTimeUTC), .text("FileType", type),
                ],
                values: [
                    "creationtimeutc": created.dateTimeUTC, "backupsize": String(fileSize), "datasize": String(fileSize * 2),
                    "compressratio": "1.8", "filetype": type, "backupuid": backup.uid, "backupname": backup.name,
                ],
                memberOf: [backup.list("backupFiles"), point.list("backupFiles")]),
        ]
        for (index, task) in run.tasks.enumerated() {
            let id = DemoWorld.guid(0x5e71, run.job.number, run.slot, Int64(run.attempt * 16 + index))
            let path = "vmRestorePoints/\(id)"
            let taken = ScaledClock(seconds: Int(task.start))
            entities.append(
                Record(
                    .vmRestorePoint, id: id, name: "\(task.vm.name)@\(taken.nameStamp)", server: server,
                    up: [point.upLink, file.upLink],
                    down: [Link("Down", "VmRestorePointMountList", path + "/mounts")],
                    actions: [Link("Create", "VmRestorePointMount", path + "/mounts"), Link("Restore", nil, path + "?action=restore")],
                    content: [
                        .text("CreationTimeUTC", taken.dateTimeUTC), .text("Algorithm", full ? "Full" : "Incremental"),
                        .text("PointType", full ? "Full" : "Increment"), .text("HierarchyObjRef", SeedData.vmRef(task.vm.moref)),
                    ],
                    values: [
                        "creationtime": taken.dateTimeUTC, "type": full ? "Full" : "Increment",
                        "algorithm": full ? "Full" : "Incremental", "restorepointid": point.uid,
                        "restorepointname": point.name, "vmdisplayname": task.vm.name,
                    ],
                    memberOf: [point.list("vmRestorePoints"), file.list("vmRestorePoints")]))
        }
        return entities
    }

    /// `Demo Backup Repository` with its free space.
    /// - Parameter used: bytes in use.
    /// - Returns: the repository.
    static func repositoryRecord(used: Int64) -> Record {
        let free = Self.repositoryCapacity - used
        return Record(
            .repository, id: Self.repository.id, name: Self.repository.name, server: SeedData.srv02,
            down: [
                Link("Down", "BackupReferenceList", Self.repository.path + "/backups"),
                Link("Down", "ReplicaReferenceList", Self.repository.path + "/replicas"),
            ],
            content: [.text("Capacity", Self.repositoryCapacity), .text("FreeSpace", free), .text("Kind", "WindowsLocal")],
            values: ["capacity": String(Self.repositoryCapacity), "freespace": String(free)],
            memberOf: [SeedData.srv02.list("repositories")])
    }
}
