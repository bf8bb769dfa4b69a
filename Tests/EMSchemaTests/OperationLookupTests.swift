import EMSchema
import Foundation
import Testing

/// The operations table compiled from the spec, and `operation(method:path:action:)`.
struct OperationLookupTests {
    let model = SchemaModel.builtIn

    @Test func actionsAreVariantsOfOneOperation() throws {
        let start = try #require(model.operation(method: "POST", path: "/api/jobs/6f1c2a/", action: "start"))
        #expect(start.pathTemplate == "/api/jobs/{ID}")
        #expect(start.action == "start")
        #expect(start.requestType == nil && start.requestRootElement == nil)
        #expect(start.successStatuses == [202])
        let clone = try #require(model.operation(method: "post", path: "/api/jobs/6f1c2a?action=clone", action: "CLONE"))
        #expect(clone.requestRootElement == "JobCloneSpec")
        #expect(clone.requestType == model.rootType(forElement: "JobCloneSpec"))
        let actions = model.operations(method: "POST", path: "/api/jobs/6f1c2a").compactMap(\.action)
        #expect(actions == ["clone", "retry", "start", "stop", "sync", "toggleScheduleEnabled"])
        #expect(model.operation(method: "POST", path: "/api/jobs/6f1c2a", action: nil) == nil)
        #expect(model.operation(method: "POST", path: "/api/jobs/6f1c2a", action: "explode") == nil)
    }

    @Test func bodiesAndStatuses() throws {
        let edit = try #require(model.operation(method: "PUT", path: "/api/jobs/1", action: "edit"))
        #expect(edit.requestRootElement == "Job")
        let logOn = try #require(model.operation(method: "POST", path: "/api/sessionMngr/", action: nil))
        #expect(logOn.successStatuses == [201])
        #expect(logOn.requestRootElement == "LoginSpec")  // optional: a cloud tenant's credentials
        let tenant = try #require(model.operation(method: "POST", path: "/api/cloud/tenants", action: nil))
        #expect(tenant.requestRootElement == "CreateCloudTenantSpec")
        #expect(tenant.successStatuses == [202])
        let logOff = try #require(model.operation(method: "DELETE", path: "/api/logonSessions/abc", action: nil))
        #expect(logOff.successStatuses == [204])
        // One method and path, a body with and without an action.
        let account = try #require(model.operation(method: "POST", path: "/api/security/accounts", action: nil))
        #expect(account.requestRootElement == "EnterpriseAccountCreateSpec")
        let rebuild = try #require(model.operation(method: "POST", path: "/api/security/accounts", action: "rebuildScope"))
        #expect(rebuild.requestRootElement == "RebuildScopeJobSpec")
        // Actions with different answers.
        let intervals = try #require(model.operation(method: "POST", path: "/api/cdpReplica/vApps/1", action: "intervals"))
        #expect(intervals.successStatuses == [200])
        let failover = try #require(model.operation(method: "POST", path: "/api/cdpReplica/vApps/1", action: "failover"))
        #expect(failover.requestRootElement == "CdpFailoverStartSpec")
        #expect(failover.successStatuses == [202])
    }

    @Test func pathsMatchIgnoringCaseWithOneSegmentPerParameter() throws {
        #expect(model.operation(method: "GET", path: "/API/BACKUPSERVERS/1", action: nil)?.pathTemplate == "/api/backupServers/{ID}")
        #expect(model.operation(method: "GET", path: "/api/backupservers", action: nil)?.pathTemplate == "/api/backupServers")
        #expect(model.operation(method: "GET", path: "/api/query?type=Job&format=Entities", action: nil)?.pathTemplate == "/api/query")
        #expect(model.operation(method: "GET", path: "/api/", action: nil)?.pathTemplate == "/api/")
        #expect(model.operation(method: "GET", path: "/api", action: nil)?.pathTemplate == "/api/")
        #expect(
            model.operation(method: "DELETE", path: "/api/backupServers/1/credentials/2", action: nil)?.pathTemplate
                == "/api/backupServers/{ID}/credentials/{ID2}")
        // `{ID}` is one segment: no more, no fewer.
        #expect(model.operation(method: "GET", path: "/api/jobs/1/2", action: nil) == nil)
        #expect(model.operation(method: "GET", path: "/api/jobs//includes", action: nil)?.pathTemplate == "/api/jobs/{ID}")
        #expect(model.operation(method: "GET", path: "/api/nothing", action: nil) == nil)
        #expect(model.operation(method: "PATCH", path: "/api/jobs/1", action: nil) == nil)
        // NAS jobs take actions as path segments: literal segments win over a parameter.
        #expect(model.operation(method: "POST", path: "/api/nas/jobs/7/start", action: nil)?.pathTemplate == "/api/nas/jobs/{ID}/start")
    }

    @Test func filePathsSpanSegments() throws {
        let path = "/api/vmRestorePoints/1/mounts/2/C:/Documents/Invoice1.docx"
        let restore = try #require(model.operation(method: "POST", path: path, action: "restore"))
        #expect(restore.pathTemplate == "/api/vmRestorePoints/{ID}/mounts/{ID2}/{filepath}")
        #expect(restore.requestRootElement == "FileRestoreSpec")
        #expect(model.operation(method: "GET", path: path, action: "listAll")?.successStatuses == [200])
        #expect(
            model.operation(method: "GET", path: "/api/vmRestorePoints/1/mounts/2", action: nil)?.pathTemplate
                == "/api/vmRestorePoints/{ID}/mounts/{ID2}")
        let guest = "/api/catalog/vms/vm01/vmRestorePoints/3/guestfs/"
        #expect(
            model.operation(method: "GET", path: guest, action: nil)?.pathTemplate
                == "/api/catalog/vms/{vmname}/vmRestorePoints/{ID}/guestfs/")
        #expect(
            model.operation(method: "GET", path: guest + "C:/Users", action: nil)?.pathTemplate
                == "/api/catalog/vms/{vmname}/vmRestorePoints/{ID}/guestfs/{filepath}")
    }

    @Test func everyVariantIsFoundByItsOwnTemplate() throws {
        #expect(model.operations.count >= 283)
        for operation in model.operations {
            let path = operation.pathTemplate
                .replacingOccurrences(of: "{filepath}", with: "C:/a/b")
                .split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("{") ? "x1" : String($0) }
                .joined(separator: "/")
            let found = model.operation(method: operation.method, path: path, action: operation.action)
            #expect(found == operation, "\(operation.method) \(operation.pathTemplate) \(operation.action ?? "")")
            #expect(model.pathTemplate(method: operation.method.lowercased(), path: path) == operation.pathTemplate)
            if let type = operation.requestType {
                #expect(model.rootElements[operation.requestRootElement ?? ""] == type)
            }
        }
    }

    @Test func pathTemplatesIgnoreCaseQueryFragmentAndEmptySegments() {
        #expect(model.pathTemplate(method: "GET", path: "/API/Jobs/x1/?format=Entity") == "/api/jobs/{ID}")
        #expect(model.pathTemplate(method: "GET", path: "//api//jobs//x1#top") == "/api/jobs/{ID}")
        #expect(model.pathTemplate(method: "GET", path: "/api/jobs?x=/a/b") == "/api/jobs")
        #expect(model.pathTemplate(method: "GET", path: "/api/nothingLikeThis") == nil)
        #expect(model.pathTemplate(method: "GET", path: "") == nil)
    }
}
