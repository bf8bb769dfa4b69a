/// The 49 query types of EM's query service, with the fields and enum orders their
/// `get_query_<type>` help pages document.
///
/// Enum values compare by their index in these lists (`query_comparison.md`: `Failed` is
/// greater than `Success`). `Result` lists start with `None`, the result of a session that is
/// still running, which the pages leave out. `Entities` root names are those of a real EM 12
/// answer (`AgentBackupJob` and `CloudPublicIps` as EM spells them); types absent from that
/// answer use `Resources` with the schema's list names (`sInObjectJob`, sic).
enum QueryCatalog {
    static let results = ["None", "Success", "Warning", "Failed"]
    static let sessionStates = ["Starting", "Stopping", "Working", "Pausing", "Resuming", "Stopped"]
    static let taskStates = ["InProgress", "Pending", "Completed"]
    static let pointTypes = ["Full", "Increment", "ReverseIncrement", "Snapshot"]
    static let algorithms = ["Full", "ReversedIncremental", "Incremental", "SyntheticFull"]
    static let jobSessionTypes = [
        "Backup", "BackupCopy", "ImmediateBackupCopy", "ImmediateBackupCopyWorker", "AgentBackup", "AgentManagement",
        "NasBackup",
    ]
    static let schedulerTypes = ["Full", "Partial", "Random", "Disabled"]

    /// Finds a type.
    /// - Parameter name: the `type` value, any case.
    /// - Returns: the type, or `nil` when EM has no such query type.
    static func type(named name: String) -> QueryType? {
        let wanted = name.lowercased()
        return Self.types.first { $0.name.lowercased() == wanted }
    }

    /// All types, in the order of the help center's list.
    static let types: [QueryType] = Self.infrastructure + Self.sessions + Self.points + Self.services

    private static let infrastructure: [QueryType] = [
        QueryType(
            "BackupServer", .backupServer, .entities("BackupServers"),
            [.string("Description"), .string("IpOrDnsName"), .number("Port"), .string("Version")], server: false),
        QueryType(
            "ManagedServer", .managedServer, .entities("ManagedServers"),
            [
                .string("Description"),
                .enumeration(
                    "ManagedServerType",
                    [
                        "ESX", "VC", "Linux", "Local", "Windows", "ESXi", "HvServer", "HvCluster", "Scvmm", "BackupServer",
                        "SanHost", "SmbServer", "SmbCluster", "VcdSystem", "Cloud", "AzureWinServer",
                    ]),
            ], server: false),
        QueryType(
            "HierarchyRoot", .hierarchyRoot, .entities("HierarchyRoots"),
            [.string("UniqueId"), .enumeration("HostType", ["ESX", "VC", "ESXi", "HvServer", "HvCluster", "Scvmm", "VcdSystem"])]),
        QueryType("Repository", .repository, .entities("Repositories"), [.number("FreeSpace"), .number("Capacity")]),
        QueryType(
            "WanAccelerator", .wanAccelerator, .entities("WanAccelerators"),
            [.number("Capacity"), .number("ConnectionsCount"), .boolean("HighBandwidthModeEnabled")]),
        QueryType(
            "Credentials", kinds: [.credentialsInfo], .resources("CredentialsList"),
            fields: [.string("Username"), .string("Description"), .uid("BackupServerUid"), .string("CredentialsId")],
            server: false),
        QueryType(
            "Passwords", kinds: [.passwordKeyInfo], .resources("PasswordKeyInfoList"),
            fields: [.string("PasswordKeyID"), .string("Hint")], server: true),
        QueryType(
            "Job", .job, .entities("Jobs"),
            [
                .string("Description"), .dateTime("NextRun"),
                .enumeration("JobType", ["Backup", "BackupCopy", "ImmediateBackupCopy", "Replica"]),
                .enumeration("Platform", ["VMware", "HyperV", "vCloud"]), .boolean("ScheduleConfigured"),
                .boolean("ScheduleEnabled"),
            ]),
        QueryType(
            "ObjectInJob", kinds: [.objectInJob], .resources("sInObjectJob"),
            fields: [.string("UID"), .string("Name"), .uid("JobUid"), .string("JobName")], server: true),
        QueryType("FailoverPlan", .failoverPlan, .entities("FailoverPlans"), [.string("Description")]),
        QueryType(
            "Task", kinds: [.task], .resources("Tasks"),
            fields: [.string("TaskId"), .enumeration("State", ["Running", "OperationFinished", "Finished"]), .string("Operation")],
            server: false),
    ]

    private static let sessions: [QueryType] = [
        QueryType(
            "BackupJobSession", .backupJobSession, .entities("BackupJobSessions"),
            [
                .enumeration("JobType", Self.jobSessionTypes), .uid("JobUid"), .string("JobName"), .dateTime("CreationTime"),
                .dateTime("EndTime"), .enumeration("State", Self.sessionStates), .enumeration("Result", Self.results),
                .boolean("IsRetry"),
            ]),
        QueryType(
            "ReplicaJobSession", .replicaJobSession, .entities("ReplicaJobSessions"),
            [
                .enumeration("JobType", ["Replica"]), .uid("JobUid"), .string("JobName"), .dateTime("CreationTime"),
                .dateTime("EndTime"), .enumeration("State", Self.sessionStates), .enumeration("Result", Self.results),
                .boolean("IsRetry"),
            ]),
        QueryType("BackupTaskSession", .backupTaskSession, .entities("BackupTaskSessions"), Self.taskSessionFields),
        QueryType("ReplicaTaskSession", .replicaTaskSession, .entities("ReplicaTaskSessions"), Self.taskSessionFields),
        QueryType(
            "RestoreSession", .restoreSession, .entities("RestoreSessions"),
            [
                .enumeration("Type", ["FileLevelRestore", "RestoreVm"]), .dateTime("CreationTime"), .dateTime("EndTime"),
                .enumeration("State", ["Starting", "Stopping", "Working", "Stopped"]), .enumeration("Result", Self.results),
                .string("VmDisplayName"),
            ]),
        QueryType(
            "CdpPolicy", .cdpPolicy, .entities("CdpPolicies"),
            [.string("Description"), .dateTime("NextRun"), .boolean("ScheduleConfigured"), .boolean("ScheduleEnabled")]),
        QueryType("CdpReplica", .cdpReplica, .entities("CdpReplicas"), [.string("PolicyId"), .string("PolicyName")]),
        QueryType(
            "CdpReplicaSession", kinds: [.cdpReplicaSession], .entities("CdpReplicaSessions"),
            fields: [
                .uid("Id"), .string("Name"), .uid("PolicyUid"), .string("PolicyName"), .dateTime("CreationTimeUTC"),
                .dateTime("EndTimeUTC"), .enumeration("State", Self.sessionStates), .enumeration("Result", Self.results),
                .string("FailureMessage"),
            ], server: true),
        QueryType(
            "CdpReplicaTaskSession", kinds: [.cdpReplicaTaskSession], .entities("CdpReplicaTaskSessions"),
            fields: [
                .uid("Id"), .string("Name"), .uid("PolicySessionUid"), .string("PolicySessionName"),
                .dateTime("CreationTimeUTC"), .dateTime("EndTimeUTC"), .enumeration("State", Self.taskStates),
                .string("Reason"), .number("TotalSize"), .string("VmDisplayName"),
            ], server: true),
    ]

    private static let taskSessionFields: [QueryField] = [
        .dateTime("CreationTime"), .dateTime("EndTime"), .enumeration("State", Self.taskStates),
        .enumeration("Result", Self.results), .string("Reason"), .number("TotalSize"), .uid("JobSessionUid"),
        .uid("JobUid"), .string("JobName"), .string("VmDisplayName"),
    ]
}
