/// The simulator's built-in world: the replica session of EM's `/replicaSessions/{ID}` help
/// page with its server and job, and around it a small, consistent EM: two backup servers,
/// their repositories, jobs, sessions, backups and restore points, agents, file shares, CDP,
/// Cloud Connect tenants, accounts and roles. Every link between them resolves.
///
/// Deterministic: the same values every run. Shapes follow EM's documentation samples; names,
/// IDs and numbers are the simulator's own.
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
    /// An immediate backup copy job on srv02, `SQL Backup Copy`, linked to `SQL Backup` and to the
    /// default repository.
    static let backupCopyJobID = "a3c9e1f4-6b27-4d85-9e02-7f4b1c8d5a36"
    /// A failed earlier run of the replica job (has a `FailureMessage`).
    static let failedReplicaSessionID = "3f8b7e21-6c4d-4a90-b2f5-8e1d0c9a7b36"
    /// A finished run of `SQL Backup`.
    static let backupSessionID = "e5a1c9d7-2b84-4f06-b3e8-9d4c7a1f2e60"
    /// A running session of `Branch Backup` (no `EndTimeUTC`).
    static let runningBackupSessionID = "f0c4b2e8-7a39-4d15-86c2-3e9b1d5a7c84"
    /// The full run of `SQL Backup` the day before.
    static let fullBackupSessionID = "7faf6c61-8b94-5401-b80e-f71de2718db6"
    /// A failed run of `SQL Backup` two days before the help page's session (has a `FailureMessage`).
    static let failedBackupSessionID = "657c8663-32ca-5bd4-8d9d-20c9a958653e"
    /// The previous run of `Branch Backup`, which ended with a warning.
    static let branchWarningSessionID = "1cf8c557-95b0-5e68-ac1f-afe8168cd3d7"

    /// The vCenter Server every VM lives on; its GUID starts every VM's `HierarchyObjRef`.
    static let vCenterRootID = "6e2d4c1a-8b3f-4a57-9d02-e1f5b7c3a948"

    /// `srv02.tech.local`.
    static let srv02 = ParentRef(.backupServer, backupServerID, "srv02.tech.local")
    /// `srv03.tech.local`.
    static let srv03 = ParentRef(.backupServer, branchServerID, "srv03.tech.local")

    /// Builds the store.
    /// - Returns: the seeded store.
    static func makeStore() -> EntityStore {
        var store = EntityStore()
        store.add(BackupServer(id: backupServerID, name: "srv02.tech.local", description: "", port: 9392, version: "12.3.1.1139"))
        store.add(
            BackupServer(
                id: branchServerID, name: "srv03.tech.local", description: "Branch office \"West\" & DR <lab>",
                port: 9392, version: "12.3.1.1139"))
        for job in Self.jobs() {
            store.add(job)
            store.add(job.includes)
            store.add(job.links)
        }
        store.add(Self.jobSessions())
        store.add(Self.taskSessions())
        store.add(Self.infrastructure())
        store.add(Self.storage())
        store.add(Self.restorePoints())
        store.add(Self.agents())
        store.add(Self.fileShares())
        store.add(Self.continuousDataProtection())
        store.add(Self.cloudTenants())
        store.add(Self.cloudServices())
        store.add(Self.security())
        store.add(Self.selfService())
        store.add(Self.vCloudDirector())
        store.add(Self.mounts())
        return store
    }

    /// The `HierarchyObjRef` of a VM on the vCenter Server.
    /// - Parameter moref: the VM's managed object reference (`vm-2001`).
    /// - Returns: `urn:VMware:Vm:<vCenter>.<moref>`.
    static func vmRef(_ moref: String) -> String { "urn:VMware:Vm:\(vCenterRootID).\(moref)" }
}
