/// File-level restore sessions in progress: one mount of a VM restore point, of a VM replica
/// point and of an agent restore point, as `POST .../mounts` leaves them
/// (`get_vmrestorepoints_id_mountpoints_id.md` and its replica and agent twins).
///
/// Each mount lists its file system roots (`FSRoots`); below it, `{mount}/{filepath}` browses
/// ``GuestFileSystem``'s tree (see `SimulatorResponder.mountFileSystem`). EM numbers a point's
/// mounts from 1, and so does the seed: one mount per kind, each with ID `1`.
extension SeedData {
    /// The mounted VM restore point: `sql01`'s first point.
    static var mountedVmRestorePointID: String { vmPointID("sql01", 1) }
    /// The mounted VM replica point: `fileserver02`'s first replica point.
    static let mountedVmReplicaPointID = "a03626fe-3e2f-5ef1-8129-b7c1d7c1eb29"
    /// The mounted agent restore point: `ws01.tech.local`'s point.
    static let mountedAgentRestorePointID = "e9cebad7-852d-532f-8393-ed23956fae68"

    static func mounts() -> [any SimulatedEntity] {
        [
            Self.mount(.vmRestorePointMount, parent: .vmRestorePoint, "vmRestorePoints/\(mountedVmRestorePointID)"),
            Self.mount(.vmReplicaPointMount, parent: .vmReplicaPoint, "vmReplicaPoints/\(mountedVmReplicaPointID)"),
            Self.mount(
                .agentRestorePointMount, parent: .agentRestorePoint, "agents/agentRestorePoints/\(mountedAgentRestorePointID)"),
        ]
    }

    /// A mount `1` of a point: `Type` and `Href` attributes, a `Delete` link, the drives as `FSRoots`.
    /// - Parameters:
    ///   - kind: the mount's kind.
    ///   - parent: the point's kind.
    ///   - pointPath: the point's path under `/api/`.
    /// - Returns: the record, listed in the point's `mounts`.
    private static func mount(_ kind: ResourceKind, parent: ResourceKind, _ pointPath: String) -> Record {
        let id = "1"
        let path = pointPath + "/mounts/" + id
        let pointID = String(pointPath.split(separator: "/").last ?? "")
        let roots: [XMLContent] = GuestFileSystem.drives.map { drive in
            let href = path + "/" + GuestFileSystem.encode(drive)
            return .element(
                "DirectoryEntry", [("Type", "DirectoryEntry"), ("Href", href)],
                [
                    .links([Link("Down", "FileSystemItemsList", href + "?action=listAll")]),
                    .text("Path", drive + "\\"), .text("Name", drive),
                ])
        }
        return Record(
            kind, id: id, name: "\(pointID)@\(id)", path: path,
            actions: [Link("Delete", nil, path)],
            content: [.element("FSRoots", roots)],
            memberOf: [.child(of: parent, pointID, "mounts")]
        ).withAttributes([("Type", kind.typeName), ("Href", path)])
    }
}
