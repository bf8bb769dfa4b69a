/// Restore points, the VMs' points in them, replica points and the VM catalog.
extension SeedData {
    /// A VM's point in a backup's restore point: the VM, its moref and the run that made it.
    private struct VmPoint {
        let id: String
        let vm: String
        let moref: String
        let point: ParentRef
        let file: ParentRef
        let created: String
        let full: Bool
    }

    private static let sqlPoint1 = ParentRef(.restorePoint, "9a8716cf-25e9-530f-a968-8d7fa2b92589", "Oct 18 2014  5:30AM")
    private static let sqlPoint2 = ParentRef(.restorePoint, "ebb60274-9812-59ca-a0d0-1021a71d5cf9", "Oct 19 2014  5:30AM")
    private static let branchPoint = ParentRef(.restorePoint, "ec407f86-1637-5f93-8b67-cb96782497aa", "Oct 19 2014  9:00PM")
    static let agentPoint = ParentRef(.restorePoint, "6ec50c31-eeaa-551d-89e0-d4e2034d5bf9", "Oct 19 2014 10:00PM")

    private static func file(_ id: String, _ name: String) -> ParentRef {
        ParentRef(.backupFile, id, name)
    }

    private static let vmPoints: [VmPoint] = [
        VmPoint(
            id: "46426e0b-1b5d-5c28-90b8-a18346535c05", vm: "sql01", moref: "vm-2001", point: sqlPoint1,
            file: file("46e9263e-bd97-533f-85bd-6ea001f84333", "SQL BackupD2014-10-18T053005.vbk"), created: "2014-10-18T05:30:31Z",
            full: true),
        VmPoint(
            id: "baa4716c-9bd8-546c-93bb-59feede0ef04", vm: "sql02", moref: "vm-2002", point: sqlPoint1,
            file: file("46e9263e-bd97-533f-85bd-6ea001f84333", "SQL BackupD2014-10-18T053005.vbk"), created: "2014-10-18T05:30:36Z",
            full: true),
        VmPoint(
            id: "663736a4-fc24-5110-88b5-640026004989", vm: "sql01", moref: "vm-2001", point: sqlPoint2,
            file: file("093016dd-9b31-54b5-aa0c-473f85b400d4", "SQL BackupD2014-10-19T053012.vib"), created: "2014-10-19T05:30:40Z",
            full: false),
        VmPoint(
            id: "cf63b206-1e3a-50b2-8319-db63e41dc274", vm: "sql02", moref: "vm-2002", point: sqlPoint2,
            file: file("093016dd-9b31-54b5-aa0c-473f85b400d4", "SQL BackupD2014-10-19T053012.vib"), created: "2014-10-19T05:30:44Z",
            full: false),
        VmPoint(
            id: "40718f32-3da8-5a79-a4b2-652a9dc7eced", vm: "branch-fs01", moref: "vm-3001", point: branchPoint,
            file: file("505d6107-4d11-546c-8db6-57995fac44c1", "Branch BackupD2014-10-19T210003.vbk"),
            created: "2014-10-19T21:00:29Z", full: true),
    ]

    /// The ID of a VM's point.
    /// - Parameters:
    ///   - vm: the VM name.
    ///   - run: 1 for its first backup, 2 for the second.
    /// - Returns: the ID.
    static func vmPointID(_ vm: String, _ run: Int) -> String {
        Self.vmPoints.filter { $0.vm == vm }[run - 1].id
    }

    static func restorePoints() -> [any SimulatedEntity] {
        let points: [(ParentRef, ParentRef, ParentRef, String)] = [
            (sqlPoint1, sqlBackup, srv02, "2014-10-18T05:30:05Z"), (sqlPoint2, sqlBackup, srv02, "2014-10-19T05:30:12Z"),
            (branchPoint, branchBackup, srv03, "2014-10-19T21:00:03Z"), (agentPoint, agentBackup, srv02, "2014-10-19T22:00:03Z"),
        ]
        let restorePoints: [any SimulatedEntity] = points.map { point, backup, server, created in
            let agent = backup.id == agentBackup.id
            return Record(
                .restorePoint, id: point.id, name: point.name, up: [backup.upLink, server.upLink],
                down: (agent
                    ? [Link("Down", "AgentRestorePointReferenceList", point.path + "/agentRestorePoints")]
                    : [
                        Link("Down", "VmRestorePointReferenceList", point.path + "/vmRestorePoints"),
                        Link("Down", "VAppRestorePointReferenceList", point.path + "/vAppRestorePoints"),
                    ])
                    + [Link("Related", "BackupFileReferenceList", point.path + "/backupFiles")],
                content: [.text("BackupDateUTC", created)],
                values: [
                    "creationtime": created, "backupuid": backup.uid, "backupname": backup.name,
                    "backupserveruid": server.uid, "backupservername": server.name,
                ],
                memberOf: [backup.list("restorePoints"), .child(of: .backupFile, Self.fileID(of: point), "restorePoints")]
                    + (agent ? [.list("agents/restorePoints")] : []))
        }
        return restorePoints + Self.vmPoints.flatMap(Self.vmRestorePoint) + Self.replicaPoints()
    }

    private static func fileID(of point: ParentRef) -> String {
        switch point.id {
        case sqlPoint1.id: "46e9263e-bd97-533f-85bd-6ea001f84333"
        case sqlPoint2.id: "093016dd-9b31-54b5-aa0c-473f85b400d4"
        case branchPoint.id: "505d6107-4d11-546c-8db6-57995fac44c1"
        default: "f5c7afdd-7193-5628-aee8-31a316bfe02f"
        }
    }

    /// A VM restore point and its entries in the VM catalog.
    private static func vmRestorePoint(_ point: VmPoint) -> [any SimulatedEntity] {
        let server = point.point.id == branchPoint.id ? srv03 : srv02
        let path = "vmRestorePoints/\(point.id)"
        let name = "\(point.vm)@\(point.created.prefix(10)) \(point.created.dropFirst(11).prefix(8))"
        let record = Record(
            .vmRestorePoint, id: point.id, name: name, server: server, up: [point.point.upLink, point.file.upLink],
            down: [Link("Down", "VmRestorePointMountList", path + "/mounts")],
            actions: [
                Link("Create", "VmRestorePointMount", path + "/mounts"), Link("Restore", nil, path + "?action=restore"),
            ],
            content: [
                .text("CreationTimeUTC", point.created), .text("Algorithm", point.full ? "Full" : "Incremental"),
                .text("PointType", point.full ? "Full" : "Increment"), .text("HierarchyObjRef", Self.vmRef(point.moref)),
            ],
            values: [
                "creationtime": point.created, "type": point.full ? "Full" : "Increment",
                "algorithm": point.full ? "Full" : "Incremental", "restorepointid": point.point.uid,
                "restorepointname": point.point.name, "vmdisplayname": point.vm,
            ],
            memberOf: [point.point.list("vmRestorePoints"), point.file.list("vmRestorePoints")])
        let catalogPath = "catalog/vms/\(point.vm)/vmRestorePoints/\(point.id)"
        let catalogPoint = Record(
            .catalogVmRestorePoint, id: point.id, name: point.vm, path: catalogPath,
            up: [Link("Up", "CatalogVm", "catalog/vms/\(point.vm)?format=Entity")],
            down: [
                Link("Related", "VmRestorePoint", path + "?format=Entity"),
                Link("Down", "FileSystemEntry", catalogPath + "/guestfs/"),
            ],
            actions: [Link("Browse", nil, catalogPath + "?action=browse")],
            content: [.text("BackupDateUTC", point.created)],
            memberOf: [.child(of: .catalogVm, point.vm, "vmRestorePoints")])
        let isFirst = Self.vmPoints.first { $0.vm == point.vm }?.id == point.id
        let catalogVm = Record(
            .catalogVm, id: point.vm, name: point.vm, path: "catalog/vms/\(point.vm)", uid: "urn:veeam:CatalogVm:\(point.vm)",
            down: [Link("Down", "CatalogVmRestorePointReferenceList", "catalog/vms/\(point.vm)/vmRestorePoints")],
            attributes: [("VmDisplayName", point.vm)])
        return isFirst ? [record, catalogVm, catalogPoint] : [record, catalogPoint]
    }

    /// The replica job's points: one per VM and successful run.
    private static func replicaPoints() -> [Record] {
        let points: [(String, String, String)] = [
            ("a03626fe-3e2f-5ef1-8129-b7c1d7c1eb29", "fileserver02", "2014-10-18T06:46:44Z"),
            ("49a87ba9-2e4e-58ef-9ada-457f70412b7c", "fileserver02", "2014-10-19T06:47:25Z"),
            ("c08a63c2-9174-5369-a5e6-00f410a60148", "srv04", "2014-10-19T06:47:21Z"),
        ]
        return points.map { id, vm, created in
            let path = "vmReplicaPoints/\(id)"
            return Record(
                .vmReplicaPoint, id: id, name: "\(vm)@\(created.prefix(10)) \(created.dropFirst(11).prefix(8))",
                server: srv02, up: [fileserverReplica.upLink],
                down: [Link("Down", "VmReplicaPointMountList", path + "/mounts")],
                actions: [Link("Create", "VmReplicaPointMount", path + "/mounts"), Link("Failover", nil, path + "?action=failover")],
                attributes: [("VmDisplayName", vm)],
                content: [.text("CreationTimeUTC", created), .text("Algorithm", "Full"), .text("PointType", "Snapshot")],
                values: [
                    "creationtime": created, "type": "Snapshot", "algorithm": "Full", "replicauid": fileserverReplica.uid,
                    "replicaname": fileserverReplica.name, "vmdisplayname": vm,
                ],
                memberOf: [fileserverReplica.list("vmReplicaPoints")])
        }
    }
}
