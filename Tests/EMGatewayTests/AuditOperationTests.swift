import Testing

@testable import EMGateway

/// The operation an audit line names: the action and the resource, the way EM names its tasks.
@Suite("Audit operation names")
struct AuditOperationTests {
    @Test(
        "an action names the verb, the last resource of the template the noun; a method without an action Create, Edit or Delete",
        arguments: [
            ("POST", "/api/jobs/{ID}", "start", "StartJob"),
            ("POST", "/api/jobs/{ID}", "clone", "CloneJob"),
            ("PUT", "/api/cloud/tenants/{ID}", nil, "EditTenant"),
            ("DELETE", "/api/backupServers/{ID}", nil, "DeleteBackupServer"),
            ("POST", "/api/cloud/hardwarePlans", nil, "CreateHardwarePlan"),
            ("POST", "/api/vCloud/orgConfigs", nil, "CreateOrgConfig"),
            ("POST", "/api/agents/jobs/{ID}/start", nil, "StartJob"),
            ("DELETE", "/api/cdpPolicies/{ID}/includes/{ID2}", nil, "DeleteInclude"),
            ("POST", "/api/backupServers/{ID}", "quickbackup", "QuickbackupBackupServer"),
            ("POST", "/api/failoverPlans/{ID}", "start", "StartFailoverPlan"),
            ("PUT", "/api/policies/{ID}", nil, "EditPolicy"),
        ] as [(String, String, String?, String)])
    func names(method: String, template: String, action: String?, expected: String) {
        #expect(AuditOperation.name(method: method, template: template, action: action) == expected)
    }

    @Test("a read names no operation")
    func reads() {
        #expect(AuditOperation.name(method: "GET", template: "/api/jobs", action: nil) == nil)
    }
}
