import EMSchema
import EMTranslate

/// Which resources `verify` visits: the seeds, and the links it follows from each answer.
enum VerifyLinks {
    /// The `Rel`s followed; every other (`Create`, `Edit`, `Delete`, paging `First`/`Next` …) is not.
    static let followedRels: Set<String> = ["up", "down", "alternate", "related"]

    /// EM's documented query types (`GET /api/query?type=…`), one page of each is a seed.
    static let queryTypes = [
        "AgentBackupJob", "AgentProtectionGroup", "AgentRestorePoint", "Backup", "BackupFile", "BackupJobSession",
        "BackupServer", "BackupTaskSession", "CdpPolicy", "CdpReplica", "CdpReplicaSession", "CdpReplicaTaskSession",
        "CloudFailoverPlan", "CloudFailoverSession", "CloudGateway", "CloudGatewayPool", "CloudHardwarePlan",
        "CloudPublicIpAddress", "CloudReplica", "CloudSubtenant", "CloudTenant", "CloudVmReplicaPoint", "Credentials",
        "DiscoveredComputer", "FailoverPlan", "FileServer", "HierarchyRoot", "Job", "ManagedServer", "NasJob", "NasObject",
        "ObjectInAgentBackupJob", "ObjectInJob", "Passwords", "Replica", "ReplicaJobSession", "ReplicaTaskSession",
        "Repository", "RestorePoint", "RestoreSession", "Task", "vAppReplicaPoint", "vAppRestorePoint", "VCloudOrganizationConfig",
    ]

    /// EM's summary reports.
    static let summaryReports = ["overview", "vms_overview", "job_statistics", "processed_vms", "repository"]

    /// The paths (with query) visited first, after `/api/` and the logon session's links: every
    /// parameterless `GET` of the contract, one page of each query type, the summary reports.
    /// - Parameter model: the contract.
    /// - Returns: paths starting with `/api`.
    static func seeds(_ model: SchemaModel) -> [String] {
        var paths: [String] = []
        for operation in model.operations where operation.method == "GET" && operation.action == nil {
            let template = operation.pathTemplate
            guard !template.contains("{"), template.lowercased() != "/api/query" else { continue }
            paths.append(template)
        }
        paths += queryTypes.map { "/api/query?type=\($0)&format=Entities&pageSize=10&page=1" }
        paths += summaryReports.map { "/api/reports/summary/\($0)" }
        return paths
    }

    /// The links to follow in a converted answer: every `Href` whose object has one of the
    /// followed `Rel`s or no `Rel` at all (a reference or entity inside a collection), never one
    /// carrying `action=`; a reference's entity form (`?format=Entity`) too.
    /// - Parameter document: the gateway's JSON of an answer.
    /// - Returns: the links as EM wrote them, in document order.
    static func links(in document: JSONValue) -> [String] {
        var found: [String] = []
        collect(document, into: &found)
        return found
    }

    private static func collect(_ value: JSONValue, into found: inout [String]) {
        switch value {
        case .array(let items):
            for item in items { collect(item, into: &found) }
        case .object(let properties):
            if case .string(let href)? = value["Href"], !href.isEmpty, !carriesAction(href) {
                let follow: Bool
                switch value["Rel"] {
                case .string(let rel)?: follow = followedRels.contains(rel.lowercased())
                default: follow = true
                }
                if follow {
                    found.append(href)
                    if !href.contains("?"), case .string(let type)? = value["Type"], type.hasSuffix("Reference") {
                        found.append(href + "?format=Entity")
                    }
                }
            }
            for property in properties { collect(property.value, into: &found) }
        default:
            break
        }
    }

    /// Whether a link's query names an action (`?action=start`, `&Action=…`).
    static func carriesAction(_ link: String) -> Bool {
        guard let query = link.split(separator: "?", maxSplits: 1).dropFirst().first else { return false }
        return query.split(separator: "&").contains { $0.lowercased().hasPrefix("action=") }
    }

    /// The path and query of an EM link, whatever host it names; `nil` for a link outside `/api`.
    /// - Parameter link: an absolute URL as EM wrote it.
    /// - Returns: `/api/…` with the query as written.
    static func apiPath(_ link: String) -> String? {
        let placeholder = "http://em.invalid"
        let rewritten = LinkRewriter(publicBaseURL: placeholder).rewrite(link)
        guard rewritten != link || link.hasPrefix(placeholder), rewritten.hasPrefix(placeholder + "/") else { return nil }
        var path = String(rewritten.dropFirst(placeholder.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        return path
    }

    /// A route label for a path: the contract's template (`/api/jobs/{ID}`), `?format=Entity`
    /// kept for the entity form; no IDs, no other query.
    /// - Parameters:
    ///   - path: `/api/…` with its query.
    ///   - model: the contract.
    /// - Returns: the label.
    static func route(_ path: String, model: SchemaModel) -> String {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let template = model.pathTemplate(method: "GET", path: String(parts[0])) ?? "/api/{undocumented}"
        let query = parts.count > 1 ? parts[1].lowercased() : ""
        return query.split(separator: "&").contains("format=entity") ? template + "?format=Entity" : template
    }
}
