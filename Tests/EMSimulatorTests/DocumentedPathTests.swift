import EMSimulator
import Foundation
import TestSupport
import Testing

/// Every GET path of EM's reference (`catalog/endpoints.csv`, 188 distinct paths besides
/// `/query`) answers with its documented root element. `{ID}`s are taken from the list one
/// level up, so the test follows the world as a client would.
@Suite struct DocumentedPathTests {
    /// Template, root of a plain GET, root with `?format=Entity` (`nil`: the same).
    static let paths: [(String, String, String?)] = [
        ("/agents", "Agents", nil),
        ("/agents/agentRestorePoints", "EntityReferences", "AgentRestorePoints"),
        ("/agents/agentRestorePoints/{ID}", "EntityRef", "AgentRestorePoint"),
        ("/agents/agentRestorePoints/{ID}/mounts", "AgentRestorePointMounts", nil),
        ("/agents/agentRestorePoints/{ID}/mounts/{ID}", "AgentRestorePointMount", nil),
        ("/agents/agentRestorePoints/{ID}/mounts/{ID}/C:/Users", "FileSystemEntries", nil),
        ("/agents/backupFiles", "EntityReferences", "BackupFiles"),
        ("/agents/backups", "EntityReferences", "Backups"),
        ("/agents/backupSessions", "EntityReferences", "BackupJobSessions"),
        ("/agents/discoveredComputers", "EntityReferences", "DiscoveredComputers"),
        ("/agents/discoveredComputers/{ID}", "EntityRef", "DiscoveredComputer"),
        ("/agents/jobs", "EntityReferences", "AgentBackupJobs"),
        ("/agents/jobs/{ID}", "EntityRef", "AgentBackupJob"),
        ("/agents/jobs/{ID}/includes", "ObjectsInAgentBackupJob", nil),
        ("/agents/jobs/{ID}/includes/{ID}", "ObjectInAgentBackupJob", nil),
        ("/agents/protectionGroups", "EntityReferences", "AgentProtectionGroups"),
        ("/agents/protectionGroups/{ID}", "EntityRef", "AgentProtectionGroup"),
        ("/agents/protectionGroups/{ID}/discoveredComputers", "EntityReferences", "DiscoveredComputers"),
        ("/agents/restorePoints", "EntityReferences", "RestorePoints"),
        ("/backupFiles", "EntityReferences", "BackupFiles"),
        ("/backupFiles/{ID}", "EntityRef", "BackupFile"),
        ("/backupFiles/{ID}/restorePoints", "EntityReferences", "RestorePoints"),
        ("/backupFiles/{ID}/vmRestorePoints", "EntityReferences", "VmRestorePoints"),
        ("/backups", "EntityReferences", "Backups"),
        ("/backups/{ID}", "EntityRef", "Backup"),
        ("/backups/{ID}/childbackups", "EntityReferences", "Backups"),
        ("/backups/{ID}/restorePoints", "EntityReferences", "RestorePoints"),
        ("/backupServers", "EntityReferences", "BackupServers"),
        ("/backupservers/{ID}", "EntityRef", "BackupServer"),
        ("/backupServers/{ID}/credentials", "CredentialsInfoList", nil),
        ("/backupServers/{ID}/credentials/{ID}", "CredentialsInfo", nil),
        ("/backupServers/{ID}/externalRepositories", "EntityReferences", "ExternalRepositories"),
        ("/backupServers/{ID}/passwords", "PasswordKeyInfoList", nil),
        ("/backupServers/{ID}/passwords/{ID}", "PasswordKeyInfo", nil),
        ("/backupSessions", "EntityReferences", "BackupJobSessions"),
        ("/backupSessions/{ID}", "EntityRef", "BackupJobSession"),
        ("/backupSessions/{ID}/agentManagementSessions", "EntityReferences", "BackupJobSessions"),
        ("/backupSessions/{ID}/taskSessions", "EntityReferences", "BackupTaskSessions"),
        ("/backupTaskSessions", "EntityReferences", "BackupTaskSessions"),
        ("/backupTaskSessions/{ID}", "EntityRef", "BackupTaskSession"),
        ("/catalog/vms", "EntityReferences", "CatalogVms"),
        ("/catalog/vms/{vmname}", "EntityRef", "CatalogVm"),
        ("/catalog/vms/{vmname}/vmRestorePoints", "EntityReferences", "CatalogVmRestorePoints"),
        ("/catalog/vms/{vmname}/vmRestorePoints/{ID}", "EntityRef", "CatalogVmRestorePoint"),
        ("/catalog/vms/{vmname}/vmRestorePoints/{ID}/guestfs/", "FileSystemEntry", nil),
        ("/catalog/vms/{vmname}/vmRestorePoints/{ID}/guestfs/C:/Users", "FileSystemEntries", nil),
        ("/cdpPolicies", "EntityReferences", "CdpPolicies"),
        ("/cdpPolicies/{ID}", "EntityRef", "CdpPolicy"),
        ("/cdpPolicies/{ID}/includes", "ObjectsInJob", nil),
        ("/cdpPolicies/{ID}/includes/{ID}", "ObjectInJob", nil),
        ("/cdpPolicies/{ID}/cdpReplicaSessions", "EntityReferences", "CdpReplicaSessions"),
        ("/cdpReplica/vApps", "EntityReferences", "VAppCdpReplicas"),
        ("/cdpReplica/vApps/{ID}", "EntityRef", "VAppCdpReplica"),
        ("/cdpReplica/vApps/{ID}/vms", "VAppCdpReplicaVms", nil),
        ("/cdpReplica/vApps/{ID}/vms/{ID}", "EntityRef", "VAppCdpReplicaVm"),
        ("/cdpReplicas", "EntityReferences", "CdpReplicas"),
        ("/cdpReplicas/{ID}", "EntityRef", "CdpReplica"),
        ("/cdpReplicas/{ID}/vms", "EntityReferences", "CdpReplicaVms"),
        ("/cdpReplicas/{ID}/vms/{ID}", "EntityRef", "CdpReplicaVm"),
        ("/cdpReplicaSessions", "EntityReferences", "CdpReplicaSessions"),
        ("/cdpReplicaSessions/{ID}", "EntityRef", "CdpReplicaSession"),
        ("/cdpReplicaSessions/{ID}/cdpReplicaTaskSessions", "EntityReferences", "CdpReplicaTaskSessions"),
        ("/cdpReplicaTaskSessions", "EntityReferences", "CdpReplicaTaskSessions"),
        ("/cdpReplicaTaskSessions/{ID}", "EntityRef", "CdpReplicaTaskSession"),
        ("/cloud", "CloudConnectService", nil),
        ("/cloud/cloudFailoverPlans", "EntityReferences", "CloudFailoverPlans"),
        ("/cloud/cloudFailoverPlans/{ID}", "EntityRef", "CloudFailoverPlan"),
        ("/cloud/cloudFailoverPlans/{ID}/includes", "CloudFailoveredVms", nil),
        ("/cloud/cloudFailoverPlans/{ID}/includes/{ID}", "CloudFailoveredVm", nil),
        ("/cloud/failoverSessions", "EntityReferences", "CloudFailoverSessions"),
        ("/cloud/failoverSessions/{ID}", "EntityRef", "CloudFailoverSession"),
        ("/cloud/gatewayPools", "EntityReferences", "CloudGatewayPools"),
        ("/cloud/gatewayPools/{ID}", "EntityRef", "CloudGatewayPool"),
        ("/cloud/gateways", "EntityReferences", "CloudGateways"),
        ("/cloud/gateways/{ID}", "EntityRef", "CloudGateway"),
        ("/cloud/hardwarePlans", "EntityReferences", "CloudHardwarePlans"),
        ("/cloud/hardwarePlans/{ID}", "EntityRef", "CloudHardwarePlan"),
        ("/cloud/hardwarePlans/{ID}/tenants", "CloudTenants", nil),
        ("/cloud/publicIpAddresses", "EntityReferences", "CloudPublicIpAddresses"),
        ("/cloud/publicIpAddresses/{ID}", "EntityRef", "CloudPublicIpAddress"),
        ("/cloud/replicas", "EntityReferences", "CloudReplicas"),
        ("/cloud/replicas/{ID}", "EntityRef", "CloudReplica"),
        ("/cloud/replicas/{ID}/vmReplicaPoints", "EntityReferences", "CloudVmReplicaPoints"),
        ("/cloud/tenants", "EntityReferences", "CloudTenants"),
        ("/cloud/tenants/{ID}", "EntityRef", "CloudTenant"),
        ("/cloud/tenants/{ID}/computeResources", "CloudTenantComputeResources", nil),
        ("/cloud/tenants/{ID}/computeResources/{ID}", "CloudTenantComputeResource", nil),
        ("/cloud/tenants/{ID}/freelicenseCounters", "CloudTenantFreeLicenseCounters", nil),
        ("/cloud/tenants/{ID}/gatewayPools", "EntityReferences", "CloudGatewayPools"),
        ("/cloud/tenants/{ID}/resources", "CloudTenantResources", nil),
        ("/cloud/tenants/{ID}/resources/{ID}", "CloudTenantResource", nil),
        ("/cloud/tenants/{ID}/subtenants", "CloudSubtenants", nil),
        ("/cloud/tenants/{ID}/subtenants/{ID}", "CloudSubtenant", nil),
        ("/cloud/tenants/{ID}/vCloudComputeResources", "CloudTenantVCloudComputeResources", nil),
        ("/cloud/tenants/{ID}/vCloudComputeResources/{ID}", "CloudTenantVCloudComputeResource", nil),
        ("/cloud/vlans", "EntityReferences", "VlanConfigurations"),
        ("/cloud/vlans/{ID}", "EntityRef", "VlanConfiguration"),
        ("/cloud/vmReplicaPoints", "EntityReferences", "CloudVmReplicaPoints"),
        ("/cloud/vmReplicaPoints/{ID}", "EntityRef", "CloudVmReplicaPoint"),
        ("/externalRepositories", "EntityReferences", "ExternalRepositories"),
        ("/externalRepositories/{ID}", "EntityRef", "ExternalRepository"),
        ("/externalRepositories/{ID}/backups", "EntityReferences", "Backups"),
        ("/failoverPlans", "EntityReferences", "FailoverPlans"),
        ("/failoverPlans/{ID}", "EntityRef", "FailoverPlan"),
        ("/hierarchyRoots", "EntityReferences", "HierarchyRoots"),
        ("/hierarchyRoots/{ID}", "EntityRef", "HierarchyRoot"),
        ("/jobs", "EntityReferences", "Jobs"),
        ("/jobs/{ID}", "EntityRef", "Job"),
        ("/jobs/{ID}/includes", "ObjectsInJob", nil),
        ("/jobs/{ID}/includes/{ID}", "ObjectInJob", nil),
        ("/jobs/{ID}/linkedJobs", "LinkedJobResourceObjects", nil),
        ("/jobs/{ID}/linkedBackupRepositories", "LinkedBackupRepositoryResourceObjects", nil),
        ("/logonSessions", "LogonSessions", nil),
        ("/logonSessions/{ID}", "LogonSession", nil),
        ("/lookupSvc", "LookupSvc", nil),
        ("/managedServers", "EntityReferences", "ManagedServers"),
        ("/managedServers/{ID}", "EntityRef", "ManagedServer"),
        ("/nas", "NASService", nil),
        ("/nas/backupSessions", "EntityReferences", "BackupJobSessions"),
        ("/nas/fileServers", "EntityReferences", "FileServers"),
        ("/nas/fileServers/{ID}", "EntityRef", "FileServer"),
        ("/nas/jobs", "EntityReferences", "NASJobs"),
        ("/nas/jobs/{ID}", "EntityRef", "NASJob"),
        ("/nas/jobs/{ID}/backupSessions", "EntityReferences", "BackupJobSessions"),
        ("/nas/jobs/{ID}/includes", "NASObjects", nil),
        ("/nas/jobs/{ID}/includes/{ID}", "NASObject", nil),
        ("/querySvc", "QuerySvc", nil),
        ("/replicas", "EntityReferences", "Replicas"),
        ("/replicas/{ID}", "EntityRef", "Replica"),
        ("/replicaSessions", "EntityReferences", "ReplicaJobSessions"),
        ("/replicaSessions/{ID}", "EntityRef", "ReplicaJobSession"),
        ("/replicaSessions/{ID}/replicaTaskSessions", "EntityReferences", "ReplicaTaskSessions"),
        ("/replicaTaskSessions", "EntityReferences", "ReplicaTaskSessions"),
        ("/replicaTaskSessions/{ID}", "EntityRef", "ReplicaTaskSession"),
        ("/reports/summary", "SummaryReport", nil),
        ("/reports/summary/overview", "OverviewReportFrame", nil),
        ("/reports/summary/processed_vms", "ProcessedVmsReportFrame", nil),
        ("/reports/summary/repository", "RepositoryReportFrame", nil),
        ("/reports/summary/job_statistics", "JobStatisticsReportFrame", nil),
        ("/reports/summary/vms_overview", "VmsOverviewReportFrame", nil),
        ("/repositories", "EntityReferences", "Repositories"),
        ("/repositories/{ID}", "EntityRef", "Repository"),
        ("/restorePoints", "EntityReferences", "RestorePoints"),
        ("/restorePoints/{ID}", "EntityRef", "RestorePoint"),
        ("/restorePoints/{ID}/agentRestorePoints", "EntityReferences", "AgentRestorePoints"),
        ("/restorePoints/{ID}/backupFiles", "EntityReferences", "BackupFiles"),
        ("/restorePoints/{ID}/vAppRestorePoints", "EntityReferences", "VAppRestorePoints"),
        ("/restorePoints/{ID}/vmRestorePoints", "EntityReferences", "VmRestorePoints"),
        ("/restoreSessions", "EntityReferences", "RestoreSessions"),
        ("/restoreSessions/{ID}", "EntityRef", "RestoreSession"),
        ("/security", "EnterpriseSecuritySettings", nil),
        ("/security/accounts", "EntityReferences", "EnterpriseAccounts"),
        ("/security/accounts/{ID}", "EntityRef", "EnterpriseAccount"),
        ("/security/accounts/{ID}/roles", "EnterpriseAccountInRoleList", nil),
        ("/security/accounts/{ID}/roles/{ID}", "EnterpriseAccountInRole", nil),
        ("/security/accounts/{ID}/scopes", "EnterpriseAccountHierarchyScopes", nil),
        ("/security/roles", "EntityReferences", "EnterpriseRoles"),
        ("/security/roles/{ID}", "EntityRef", "EnterpriseRole"),
        ("/selfService/vSphere", "VSphereSelfService", nil),
        ("/selfService/vSphere/Configs", "EntityReferences", "VSphereSelfServiceConfigs"),
        ("/selfService/vSphere/Configs/{ID}", "EntityRef", "VSphereSelfServiceConfig"),
        ("/selfService/vSphere/Configs/{ID}/backupJobSettings", "VSphereSelfServiceConfigJobSettings", nil),
        ("/systemSessions", "SystemSessions", nil),
        ("/systemSessions/{ID}", "SystemSession", nil),
        ("/systemSessions/{ID}/events", "SystemSessionEvents", nil),
        ("/tasks", "Tasks", nil),
        ("/tasks/{ID}", "Task", nil),
        ("/vAppReplicaPoints", "EntityReferences", "VAppReplicaPoints"),
        ("/vAppRestorePoints", "EntityReferences", "VAppRestorePoints"),
        ("/vAppRestorePoints/{ID}", "EntityRef", "VAppRestorePoint"),
        ("/vCloud", "VCloudService", nil),
        ("/vCloud/orgConfigs", "EntityReferences", "VCloudOrganizationConfigs"),
        ("/vCloud/orgConfigs/{ID}", "EntityRef", "VCloudOrganizationConfig"),
        ("/vCloud/orgConfigs/{ID}/backupJobSettings", "VCloudOrganizationConfigBackupJobSettings", nil),
        ("/vmReplicaPoints", "EntityReferences", "VmReplicaPoints"),
        ("/vmReplicaPoints/{ID}", "EntityRef", "VmReplicaPoint"),
        ("/vmReplicaPoints/{ID}/mounts", "VmReplicaPointMounts", nil),
        ("/vmReplicaPoints/{ID}/mounts/{ID}", "VmReplicaPointMount", nil),
        ("/vmReplicaPoints/{ID}/mounts/{ID}/C:/Users", "FileSystemEntries", nil),
        ("/vmRestorePoints", "EntityReferences", "VmRestorePoints"),
        ("/vmRestorePoints/{ID}", "EntityRef", "VmRestorePoint"),
        ("/vmRestorePoints/{ID}/mounts", "VmRestorePointMounts", nil),
        ("/vmRestorePoints/{ID}/mounts/{ID}", "VmRestorePointMount", nil),
        ("/vmRestorePoints/{ID}/mounts/{ID}/C:/Users", "FileSystemEntries", nil),
        ("/wanAccelerators", "EntityReferences", "WanAccelerators"),
        ("/wanAccelerators/{ID}", "EntityRef", "WanAccelerator"),
    ]

    /// Replaces each `{ID}`/`{vmname}` with the last path segment of an item of the list before it:
    /// the first item, or a later one when nothing below the first resolves the rest of the template
    /// (only `Fabrikam`, the vCloud tenant, has vCloud compute resources).
    static func resolve(_ template: String, _ sim: SimulatorUnderTest, _ token: String) async throws -> String? {
        let segments = template.split(separator: "/").map(String.init)
        guard let path = try await resolve(segments[...], below: "/api", sim, token) else { return nil }
        return path + (template.hasSuffix("/") ? "/" : "")
    }

    private static func resolve(
        _ segments: ArraySlice<String>, below path: String, _ sim: SimulatorUnderTest, _ token: String
    ) async throws -> String? {
        guard let segment = segments.first else { return path }
        guard segment.hasPrefix("{") else {
            return try await resolve(segments.dropFirst(), below: path + "/" + segment, sim, token)
        }
        let list = try XMLNode.parse(try await sim.client.get(path, token: token).body)
        let ids = list.children.compactMap { $0.attributes["Href"] }.compactMap { $0.split(separator: "?")[0].split(separator: "/").last }
        for id in ids.prefix(12) {
            if let resolved = try await resolve(segments.dropFirst(), below: path + "/" + id, sim, token) { return resolved }
        }
        return nil
    }

    @Test func everyDocumentedGetPathAnswersItsRootElement() async throws {
        try await withSimulator(timeLimit: .seconds(300)) { sim in
            let token = try await sim.token()
            // Tasks exist once an action has run: start a job first.
            let job = try #require(try await Self.resolve("/jobs/{ID}", sim, token))
            #expect(try await sim.client.send("POST", job + "?action=start", headers: [("X-RestSvcSessionId", token)]).status == 202)
            var checked = 0
            for (template, root, entityRoot) in Self.paths {
                let path = try #require(try await Self.resolve(template, sim, token), "no ID for \(template)")
                let plain = try await sim.client.get(path, token: token)
                #expect(plain.status == 200, "\(template) → \(path)")
                #expect(try XMLNode.parse(plain.body).name == root, "\(template)")
                let separator = path.contains("?") ? "&" : "?"
                let entity = try await sim.client.get(path + separator + "format=Entity", token: token)
                #expect(try XMLNode.parse(entity.body).name == (entityRoot ?? root), "\(template)?format=Entity")
                checked += 1
            }
            print("simulator: \(checked) documented GET paths answer their root element")
        }
    }

    @Test func nestedItemsRouteCaseInsensitivelyAndOnlyUnderTheirParent() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let path = try #require(try await Self.resolve("/cloud/tenants/{ID}/resources/{ID}", sim, token))
            let upper = try await sim.client.get(path.uppercased(), token: token)
            #expect(upper.status == 200)
            #expect(upper.body == (try await sim.client.get(path, token: token)).body)
            // A resource under the wrong parent is not found.
            let contoso = try #require(try await Self.resolve("/cloud/tenants/{ID}", sim, token))
            let other = try XMLNode.parse(try await sim.client.get("/api/cloud/tenants", token: token).body).children("Ref")
            let second = try #require(other.last?.attributes["Href"]?.split(separator: "/").last)
            #expect(!contoso.hasSuffix(second))
            let wrong = path.replacingOccurrences(of: String(contoso.split(separator: "/").last!), with: String(second))
            #expect(try await sim.client.get(wrong, token: token).status == 404)
        }
    }
}
