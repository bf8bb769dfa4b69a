/// The kinds of resource the simulator serves, named as in EM's schema and `Href`s.
extension ResourceKind {
    // MARK: Backup infrastructure

    static let backupServer = ResourceKind(
        "BackupServer", listRoot: "BackupServers", hrefSegment: "backupServers", noun: "backup server")
    static let managedServer = ResourceKind(
        "ManagedServer", listRoot: "ManagedServers", hrefSegment: "managedServers", noun: "managed server")
    static let hierarchyRoot = ResourceKind(
        "HierarchyRoot", listRoot: "HierarchyRoots", hrefSegment: "hierarchyRoots", noun: "hierarchy root")
    static let repository = ResourceKind(
        "Repository", listRoot: "Repositories", hrefSegment: "repositories", noun: "repository")
    static let externalRepository = ResourceKind(
        "ExternalRepository", listRoot: "ExternalRepositories", hrefSegment: "externalRepositories",
        noun: "external repository")
    static let wanAccelerator = ResourceKind(
        "WanAccelerator", listRoot: "WanAccelerators", hrefSegment: "wanAccelerators", noun: "WAN accelerator")
    static let credentialsInfo = ResourceKind(
        "CredentialsInfo", listRoot: "CredentialsInfoList", hrefSegment: "credentials", noun: "credentials",
        hasReference: false)
    static let passwordKeyInfo = ResourceKind(
        "PasswordKeyInfo", listRoot: "PasswordKeyInfoList", hrefSegment: "passwords", noun: "password",
        hasReference: false)

    // MARK: Jobs and sessions

    static let job = ResourceKind("Job", listRoot: "Jobs", hrefSegment: "jobs", noun: "job")
    /// Jobs linked to a backup copy job (`/jobs/{ID}/linkedJobs`), items `<LinkedJobObject>`.
    static let linkedJobObject = ResourceKind(
        "LinkedJobObject", listRoot: "LinkedJobResourceObjects", hrefSegment: "linkedJobs", noun: "linked job",
        hasReference: false)
    /// Repositories linked to a backup copy job (`/jobs/{ID}/linkedBackupRepositories`); EM's items
    /// are `<LinkedBackupRepository Type="LinkedBackupRepositoryObject">` (`backup_copy_job_options.md`).
    static let linkedBackupRepositoryObject = ResourceKind(
        "LinkedBackupRepositoryObject", listRoot: "LinkedBackupRepositoryResourceObjects",
        listItem: "LinkedBackupRepository", hrefSegment: "linkedBackupRepositories", noun: "linked repository",
        hasReference: false)
    static let objectInJob = ResourceKind(
        "ObjectInJob", listRoot: "ObjectsInJob", hrefSegment: "includes", noun: "object in job", hasReference: false)
    static let failoverPlan = ResourceKind(
        "FailoverPlan", listRoot: "FailoverPlans", hrefSegment: "failoverPlans", noun: "failover plan")
    static let backupJobSession = ResourceKind(
        "BackupJobSession", listRoot: "BackupJobSessions", hrefSegment: "backupSessions", noun: "backup job session")
    static let replicaJobSession = ResourceKind(
        "ReplicaJobSession", listRoot: "ReplicaJobSessions", hrefSegment: "replicaSessions",
        noun: "replica job session")
    static let backupTaskSession = ResourceKind(
        "BackupTaskSession", listRoot: "BackupTaskSessions", hrefSegment: "backupTaskSessions",
        noun: "backup task session")
    /// EM writes these `Href`s with its typo `repicaTaskSessions`; both spellings are served.
    static let replicaTaskSession = ResourceKind(
        "ReplicaTaskSession", listRoot: "ReplicaTaskSessions", hrefSegment: "repicaTaskSessions",
        noun: "replica task session")
    static let restoreSession = ResourceKind(
        "RestoreSession", listRoot: "RestoreSessions", hrefSegment: "restoreSessions", noun: "restore session")
    static let systemSession = ResourceKind(
        "SystemSession", listRoot: "SystemSessions", hrefSegment: "systemSessions", noun: "system session",
        hasReference: false)

    // MARK: Backups and restore points

    static let backup = ResourceKind("Backup", listRoot: "Backups", hrefSegment: "backups", noun: "backup")
    static let backupFile = ResourceKind(
        "BackupFile", listRoot: "BackupFiles", hrefSegment: "backupFiles", noun: "backup file")
    static let restorePoint = ResourceKind(
        "RestorePoint", listRoot: "RestorePoints", hrefSegment: "restorePoints", noun: "restore point")
    static let vmRestorePoint = ResourceKind(
        "VmRestorePoint", listRoot: "VmRestorePoints", hrefSegment: "vmRestorePoints", noun: "VM restore point")
    static let vAppRestorePoint = ResourceKind(
        "VAppRestorePoint", listRoot: "VAppRestorePoints", hrefSegment: "vAppRestorePoints",
        noun: "vApp restore point")
    static let replica = ResourceKind("Replica", listRoot: "Replicas", hrefSegment: "replicas", noun: "replica")
    static let vmReplicaPoint = ResourceKind(
        "VmReplicaPoint", listRoot: "VmReplicaPoints", listItem: "VmRestorePoint", hrefSegment: "vmReplicaPoints",
        noun: "VM replica point")
    static let vAppReplicaPoint = ResourceKind(
        "VAppReplicaPoint", listRoot: "VAppReplicaPoints", hrefSegment: "vAppReplicaPoints",
        noun: "vApp replica point")
    static let catalogVm = ResourceKind(
        "CatalogVm", listRoot: "CatalogVms", hrefSegment: "catalog/vms", noun: "catalog VM", idStyle: .name)
    static let catalogVmRestorePoint = ResourceKind(
        "CatalogVmRestorePoint", listRoot: "CatalogVmRestorePoints", hrefSegment: "vmRestorePoints",
        noun: "catalog VM restore point")

    /// An inventory object of a hierarchy root, as `/lookup` answers it.
    static let hierarchyItem = ResourceKind(
        "HierarchyItem", listRoot: "HierarchyItems", hrefSegment: "lookup", noun: "hierarchy item", hasReference: false)

    // MARK: Continuous data protection

    static let cdpPolicy = ResourceKind(
        "CdpPolicy", listRoot: "CdpPolicies", hrefSegment: "cdpPolicies", noun: "CDP policy")
    static let cdpReplica = ResourceKind(
        "CdpReplica", listRoot: "CdpReplicas", hrefSegment: "cdpReplicas", noun: "CDP replica")
    static let cdpReplicaVm = ResourceKind(
        "CdpReplicaVm", listRoot: "CdpReplicaVms", hrefSegment: "vms", noun: "CDP replica VM")
    static let vAppCdpReplica = ResourceKind(
        "VAppCdpReplica", listRoot: "VAppCdpReplicas", hrefSegment: "cdpReplica/vApps", noun: "vApp CDP replica")
    static let vAppCdpReplicaVm = ResourceKind(
        "VAppCdpReplicaVm", listRoot: "VAppCdpReplicaVms", listItem: "Items", hrefSegment: "vms", noun: "vApp CDP replica VM")
    static let cdpReplicaSession = ResourceKind(
        "CdpReplicaSession", listRoot: "CdpReplicaSessions", hrefSegment: "cdpReplicaSessions",
        noun: "CDP replica session")
    static let cdpReplicaTaskSession = ResourceKind(
        "CdpReplicaTaskSession", listRoot: "CdpReplicaTaskSessions", hrefSegment: "cdpReplicaTaskSessions",
        noun: "CDP replica task session")

    // MARK: Mounts (file-level restore: a restore point mounted on the backup server)

    /// EM numbers a point's mounts from 1 (`/vmRestorePoints/{ID}/mounts/1`).
    static let vmRestorePointMount = ResourceKind(
        "VmRestorePointMount", listRoot: "VmRestorePointMounts", hrefSegment: "mounts", noun: "mount",
        hasReference: false, idStyle: .text)
    static let vmReplicaPointMount = ResourceKind(
        "VmReplicaPointMount", listRoot: "VmReplicaPointMounts", hrefSegment: "mounts", noun: "mount",
        hasReference: false, idStyle: .text)
    static let agentRestorePointMount = ResourceKind(
        "AgentRestorePointMount", listRoot: "AgentRestorePointMounts", hrefSegment: "mounts", noun: "mount",
        hasReference: false, idStyle: .text)

    // MARK: Sessions and tasks

    /// Logon sessions live in the `SessionStore`; this kind only names their IDs in routes.
    static let logonSession = ResourceKind(
        "LogonSession", listRoot: "LogonSessions", hrefSegment: "logonSessions", noun: "logon session",
        hasReference: false, idStyle: .text)

    /// Asynchronous operations (`task-N`); the simulator starts with none.
    static let task = ResourceKind(
        "Task", listRoot: "Tasks", hrefSegment: "tasks", noun: "task", hasReference: false, idStyle: .text)
}
