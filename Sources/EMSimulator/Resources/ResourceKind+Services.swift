/// The kinds behind EM's service roots: agents, NAS, Cloud Connect, security, self-service, vCloud.
extension ResourceKind {
    // MARK: Veeam Agents (`/agents`)

    static let agentBackupJob = ResourceKind(
        "AgentBackupJob", listRoot: "AgentBackupJobs", hrefSegment: "agents/jobs", noun: "agent backup job")
    static let objectInAgentBackupJob = ResourceKind(
        "ObjectInAgentBackupJob", listRoot: "ObjectsInAgentBackupJob", hrefSegment: "includes",
        noun: "object in agent backup job", hasReference: false)
    static let agentProtectionGroup = ResourceKind(
        "AgentProtectionGroup", listRoot: "AgentProtectionGroups", hrefSegment: "agents/protectionGroups",
        noun: "protection group")
    static let discoveredComputer = ResourceKind(
        "DiscoveredComputer", listRoot: "DiscoveredComputers", hrefSegment: "agents/discoveredComputers",
        noun: "discovered computer")
    static let agentRestorePoint = ResourceKind(
        "AgentRestorePoint", listRoot: "AgentRestorePoints", hrefSegment: "agents/agentRestorePoints",
        noun: "agent restore point")

    // MARK: File shares (`/nas`)

    static let fileServer = ResourceKind(
        "FileServer", listRoot: "FileServers", hrefSegment: "nas/fileServers", noun: "file server")
    /// EM's element is `NASJob` while its `Type` is `NasJob`; the records spell the element themselves.
    static let nasJob = ResourceKind("NasJob", listRoot: "NASJobs", hrefSegment: "nas/jobs", noun: "NAS job")
    static let nasObject = ResourceKind(
        "NasObject", listRoot: "NASObjects", hrefSegment: "includes", noun: "NAS object", hasReference: false)

    // MARK: Cloud Connect (`/cloud`)

    static let cloudTenant = ResourceKind(
        "CloudTenant", listRoot: "CloudTenants", hrefSegment: "cloud/tenants", noun: "cloud tenant")
    static let cloudTenantResource = ResourceKind(
        "CloudTenantResource", listRoot: "CloudTenantResources", hrefSegment: "resources",
        noun: "cloud tenant resource", hasReference: false)
    static let cloudTenantComputeResource = ResourceKind(
        "CloudTenantComputeResource", listRoot: "CloudTenantComputeResources", hrefSegment: "computeResources",
        noun: "cloud tenant compute resource", hasReference: false)
    static let cloudSubtenant = ResourceKind(
        "CloudSubtenant", listRoot: "CloudSubtenants", hrefSegment: "subtenants", noun: "cloud subtenant",
        hasReference: false)
    static let cloudTenantVCloudComputeResource = ResourceKind(
        "CloudTenantVCloudComputeResource", listRoot: "CloudTenantVCloudComputeResources",
        hrefSegment: "vCloudComputeResources", noun: "vCloud compute resource", hasReference: false)
    static let cloudGateway = ResourceKind(
        "CloudGateway", listRoot: "CloudGateways", hrefSegment: "cloud/gateways", noun: "cloud gateway")
    static let cloudGatewayPool = ResourceKind(
        "CloudGatewayPool", listRoot: "CloudGatewayPools", hrefSegment: "cloud/gatewayPools",
        noun: "cloud gateway pool")
    static let cloudReplica = ResourceKind(
        "CloudReplica", listRoot: "CloudReplicas", hrefSegment: "cloud/replicas", noun: "cloud replica")
    static let cloudVmReplicaPoint = ResourceKind(
        "CloudVmReplicaPoint", listRoot: "CloudVmReplicaPoints", listItem: "CloudReplica", hrefSegment: "cloud/vmReplicaPoints",
        noun: "cloud VM replica point")
    static let cloudFailoverPlan = ResourceKind(
        "CloudFailoverPlan", listRoot: "CloudFailoverPlans", hrefSegment: "cloud/cloudFailoverPlans",
        noun: "cloud failover plan")
    static let cloudFailoveredVm = ResourceKind(
        "CloudFailoveredVm", listRoot: "CloudFailoveredVms", hrefSegment: "includes", noun: "cloud failover plan VM",
        hasReference: false)
    static let cloudFailoverSession = ResourceKind(
        "CloudFailoverSession", listRoot: "CloudFailoverSessions", hrefSegment: "cloud/failoverSessions",
        noun: "cloud failover session")
    static let cloudHardwarePlan = ResourceKind(
        "CloudHardwarePlan", listRoot: "CloudHardwarePlans", hrefSegment: "cloud/hardwarePlans",
        noun: "hardware plan")
    static let cloudPublicIpAddress = ResourceKind(
        "CloudPublicIpAddress", listRoot: "CloudPublicIpAddresses", listItem: "CloudPublicIp",
        hrefSegment: "cloud/publicIpAddresses",
        noun: "public IP address")
    static let vlanConfiguration = ResourceKind(
        "VlanConfiguration", listRoot: "VlanConfigurations", listItem: "Vlans", hrefSegment: "cloud/vlans",
        noun: "VLAN configuration")

    // MARK: Security (`/security`)

    /// `RestAPI.xsd`'s `EnterpriseAccountEntityListType` names its items `EnterpriseAccountEntity`.
    static let enterpriseAccount = ResourceKind(
        "EnterpriseAccount", listRoot: "EnterpriseAccounts", listItem: "EnterpriseAccountEntity",
        hrefSegment: "security/accounts", noun: "account")
    /// `RestAPI.xsd`'s `EnterpriseRoleEntityListType` names its items `EnterpriseRoleEntity`.
    static let enterpriseRole = ResourceKind(
        "EnterpriseRole", listRoot: "EnterpriseRoles", listItem: "EnterpriseRoleEntity", hrefSegment: "security/roles",
        noun: "role")
    static let enterpriseAccountInRole = ResourceKind(
        "EnterpriseAccountInRole", listRoot: "EnterpriseAccountInRoleList", hrefSegment: "roles",
        noun: "account role", hasReference: false)
    static let enterpriseAccountHierarchyScope = ResourceKind(
        "EnterpriseAccountHierarchyScope", listRoot: "EnterpriseAccountHierarchyScopes", hrefSegment: "scopes",
        noun: "restore scope", hasReference: false)

    // MARK: Self-service and vCloud

    static let vSphereSelfServiceConfig = ResourceKind(
        "VSphereSelfServiceConfig", listRoot: "VSphereSelfServiceConfigs", hrefSegment: "selfService/vSphere/Configs",
        noun: "self-service configuration")
    static let vCloudOrganizationConfig = ResourceKind(
        "VCloudOrganizationConfig", listRoot: "VCloudOrganizationConfigs", hrefSegment: "vCloud/orgConfigs",
        noun: "organization configuration")

    // MARK: Single documents under a resource (their ID is the parent's)

    static let freeLicenseCounters = ResourceKind(
        "CloudTenantFreeLicenseCounters", listRoot: "", hrefSegment: "freelicenseCounters",
        noun: "license counters", hasReference: false)
    static let selfServiceJobSettings = ResourceKind(
        "VSphereSelfServiceConfigJobSettings", listRoot: "", hrefSegment: "backupJobSettings",
        noun: "job settings", hasReference: false)
    static let orgConfigJobSettings = ResourceKind(
        "VCloudOrganizationConfigBackupJobSettings", listRoot: "", hrefSegment: "backupJobSettings",
        noun: "job settings", hasReference: false)
    static let systemSessionEvents = ResourceKind(
        "SystemSessionEvents", listRoot: "", hrefSegment: "events", noun: "session events", hasReference: false)
}
