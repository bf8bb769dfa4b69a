extension QueryCatalog {
    /// Backups, replicas and their points.
    static let points: [QueryType] = [
        QueryType(
            "Backup", .backup, .entities("Backups"),
            [
                .uid("JobUid"), .string("JobName"), .uid("RepositoryUid"), .string("RepositoryName"),
                .enumeration("Platform", ["VMware", "HyperV", "vCloud", "AgentForLinux", "AgentForWindows", "CustomPlatform"]),
                .enumeration("BackupType", ["Standard", "ParentBackup", "ChildBackup"]),
            ], server: false),
        QueryType(
            "BackupFile", .backupFile, .entities("BackupFiles"),
            [
                .dateTime("CreationTimeUTC"), .number("BackupSize"), .number("DataSize"), .number("CompressRatio"),
                .enumeration("FileType", ["vbk", "vib", "vrb"]), .uid("BackupUid"), .string("BackupName"),
            ]),
        QueryType(
            "RestorePoint", .restorePoint, .entities("RestorePoints"),
            [.dateTime("CreationTime"), .uid("BackupUid"), .string("BackupName")]),
        QueryType(
            "VmRestorePoint", .vmRestorePoint, .entities("VmRestorePoints"),
            [
                .dateTime("CreationTime"), .enumeration("Type", Self.pointTypes), .enumeration("Algorithm", Self.algorithms),
                .uid("RestorePointId"), .string("RestorePointName"), .string("VmDisplayName"),
            ]),
        QueryType(
            "vAppRestorePoint", .vAppRestorePoint, .entities("VAppRestorePoints"),
            [
                .dateTime("CreationTime"), .enumeration("Type", Self.pointTypes), .enumeration("Algorithm", Self.algorithms),
                .string("RestorePointId"), .string("VAppDisplayName"),
            ]),
        QueryType(
            "Replica", .replica, .entities("Replicas"),
            [.uid("JobUid"), .string("JobName"), .uid("RepositoryUid"), .string("RepositoryName")], server: false),
        QueryType(
            "VmReplicaPoint", .vmReplicaPoint, .entities("VmReplicaPoints"),
            [
                .dateTime("CreationTime"), .enumeration("Type", Self.pointTypes), .enumeration("Algorithm", Self.algorithms),
                .uid("ReplicaUid"), .string("ReplicaName"), .string("VmDisplayName"),
            ]),
        QueryType(
            "vAppReplicaPoint", .vAppReplicaPoint, .entities("VAppReplicaPoints"),
            [
                .string("vAppDisplayName"), .dateTime("CreationTime"), .string("vAppName"),
                .enumeration("Type", Self.pointTypes), .enumeration("Algorithm", Self.algorithms), .uid("ReplicaUid"),
                .string("ReplicaName"),
            ]),
    ]

    /// Agents, NAS, Cloud Connect, self-service and vCloud.
    static let services: [QueryType] = [
        QueryType(
            "AgentBackupJob", .agentBackupJob, .entities("AgentBackupJob"),
            [
                .string("Description"), .enumeration("JobType", ["AgentBackup"]),
                .enumeration("Platform", ["AgentForLinux", "AgentForWindows"]), .boolean("ScheduleConfigured"),
                .boolean("ScheduleEnabled"),
            ]),
        QueryType("AgentProtectionGroup", .agentProtectionGroup, .entities("AgentProtectionGroups"), []),
        QueryType(
            "AgentRestorePoint", .agentRestorePoint, .entities("AgentRestorePoints"),
            [
                .dateTime("CreationTime"), .string("ComputerName"), .enumeration("Type", ["Full", "Increment"]),
                .enumeration("Algorithm", ["Full", "Incremental", "SyntheticFull"]), .uid("RestorePointId"),
                .string("RestorePointName"), .uid("BackupUid"), .string("BackupName"), .uid("BackupFileUid"),
                .string("BackupFileName"),
            ]),
        QueryType(
            "DiscoveredComputer", kinds: [.discoveredComputer], .entities("DiscoveredComputers"),
            fields: [
                .string("UID"), .string("Name"), .uid("BackupServerUid"), .string("BackupServerName"),
                .string("AgentVersion"), .string("AgentStatus"), .string("OsVersion"), .string("IpAddress"),
                .uid("ProtectionGroupUid"), .string("ProtectionGroupName"),
            ], server: false),
        QueryType(
            "ObjectInAgentBackupJob", kinds: [.objectInAgentBackupJob], .resources("ObjectsInAgentBackupJob"),
            fields: [
                .string("UID"), .string("DisplayName"), .uid("JobUid"), .string("JobName"), .uid("FileServerUid"),
                .string("FileServerName"),
            ], server: true),
        QueryType("FileServer", .fileServer, .entities("FileServers"), []),
        QueryType(
            "NasJob", .nasJob, .entities("NASJobs"),
            [.string("Description"), .dateTime("NextRun"), .boolean("ScheduleConfigured"), .boolean("ScheduleEnabled")]),
        QueryType(
            "NasObject", kinds: [.nasObject], .resources("NASObjects"),
            fields: [
                .string("UID"), .string("Name"), .uid("JobUid"), .string("JobName"), .uid("FileServerUid"),
                .string("FileServerName"),
            ], server: true),
        QueryType(
            "CloudTenant", .cloudTenant, .entities("CloudTenants"),
            [
                .boolean("Enabled"), .enumeration("Type", ["vCD", "Standalone", "ActiveDirectory"]),
                .string("OrganizationReference"),
            ]),
        QueryType(
            "CloudSubtenant", kinds: [.cloudSubtenant], .resources("CloudSubtenants"),
            fields: [
                .string("UID"), .string("Name"), .uid("CloudTenantUid"), .string("CloudTenantName"), .boolean("Disabled"),
                .boolean("Unlimited"), .number("Quota"), .number("UsedQuota"), .string("BackupResourceId"),
            ], server: true),
        QueryType("CloudGateway", .cloudGateway, .entities("CloudGateways"), [.boolean("Enabled"), .string("Description")]),
        QueryType("CloudGatewayPool", .cloudGatewayPool, .entities("CloudGatewayPools"), [.string("Description")]),
        QueryType(
            "CloudHardwarePlan", .cloudHardwarePlan, .entities("CloudHardwarePlans"),
            [.enumeration("Platform", ["VMware", "HyperV"])]),
        QueryType(
            "CloudPublicIpAddress", .cloudPublicIpAddress, .entities("CloudPublicIps"),
            [.string("IpAddress"), .uid("CloudTenantUid"), .string("CloudTenantName")]),
        QueryType(
            "CloudReplica", .cloudReplica, .entities("CloudReplicas"),
            [.enumeration("Platform", ["VMware", "HyperV", "vCloud"])], server: false),
        QueryType(
            "CloudVmReplicaPoint", .cloudVmReplicaPoint, .entities("CloudVmReplicaPoints"),
            [
                .dateTime("CreationTime"), .string("VmName"),
                .enumeration("Type", ["CDP", "Full", "ReverseIncrement", "Increment", "Snapshot"]), .uid("ReplicaUid"),
                .string("ReplicaName"), .string("VmDisplayName"),
                .enumeration("State", ["Unknown", "Ready", "Failover", "Failback", "PermanentFailover"]),
            ]),
        QueryType(
            "CloudFailoverPlan", .cloudFailoverPlan, .entities("CloudFailoverPlans"),
            [.string("Description"), .uid("CloudTenantUid"), .string("CloudTenantName")]),
        QueryType(
            "CloudFailoverSession", .cloudFailoverSession, .entities("CloudFailoverSessions"),
            [
                .enumeration("Type", ["FailoverPlan"]), .dateTime("CreationTime"), .dateTime("EndTime"),
                .enumeration("State", ["Starting", "Stopping", "Working", "Stopped"]), .enumeration("Result", Self.results),
                .string("FailureMessage"),
            ]),
        QueryType(
            "VlanConfiguration", kinds: [.vlanConfiguration], .entities("VlanConfigurations"),
            fields: [
                .string("UID"), .string("SwitchName"),
                .enumeration("SwitchType", ["VirtualSwitch", "DistributedVirtualSwitch"]), .string("SwitchId"),
                .string("ClusterName"), .string("ClusterRef"),
            ], server: true),
        QueryType(
            "VCloudOrganizationConfig", .vCloudOrganizationConfig, .entities("VCloudOrganizationConfigs"),
            [
                .uid("RepositoryUid"), .number("QuotaGb"), .boolean("Disabled"),
                .enumeration("JobSchedulerType", Self.schedulerTypes), .number("UsedQuota"), .uid("HostUid"),
                .string("RepositoryFriendlyName"),
            ]),
        QueryType(
            "VsphereSelfServiceConfig", .vSphereSelfServiceConfig, .entities("VSphereSelfServiceConfigs"),
            [
                .enumeration("JobSchedulerType", Self.schedulerTypes), .enumeration("AccountType", ["User", "Group"]),
                .boolean("PerUser"), .number("QuotaGb"), .uid("RepositoryUid"), .number("UsedQuota"),
            ]),
    ]
}
