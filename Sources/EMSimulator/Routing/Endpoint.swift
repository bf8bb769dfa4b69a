import HTTPTypes

/// How a list answers: EM's reference lists or a fixed list of resources.
enum ListShape: Sendable, Equatable {
    /// `EntityReferences` of `Ref`s by default; the kind's plural root of entities with `?format=Entity`.
    case references
    /// Always this root with one resource element per item (`ObjectsInJob`, `CredentialsInfoList`);
    /// `item` overrides the item element (EM's `VAppCdpReplicaVms` holds `Items`).
    case resources(root: String, item: String?)
}

/// A service root: a `ResourceType` document that only links further (`/agents`, `/cloud`, ...).
enum ServiceRoot: String, Sendable, Equatable, CaseIterable {
    case agents, nas, cloud, security, vCloud, selfServiceVSphere, querySvc, lookupSvc
}

/// The summary reports under `/reports/summary`.
enum SummaryReport: String, Sendable, Equatable, CaseIterable {
    /// `/reports/summary` itself: links to the frames.
    case summary
    case overview
    case vmsOverview = "vms_overview"
    case jobStatistics = "job_statistics"
    case repository
    case processedVms = "processed_vms"
}

/// What a path serves; ``RouteTable`` maps paths to endpoints.
enum Endpoint: Sendable, Equatable {
    /// `/api/`.
    case root
    /// `/api/sessionMngr/`.
    case sessionManager
    /// `/api/logonSessions`.
    case logonSessions
    /// `/api/logonSessions/{ID}`.
    case logonSession
    /// A kind's own collection (`/api/cloud/tenants`).
    case collection(ResourceKind, ListShape)
    /// A list under the resource whose ID was captured last (`/api/jobs/{ID}/includes`);
    /// `segment` names the list in ``Membership`` keys.
    case children(parent: ResourceKind, segment: String, child: ResourceKind, ListShape)
    /// A top-level list that shows part of a kind (`/api/agents/backups`).
    case filteredList(path: String, kind: ResourceKind)
    /// One resource: the ID captured last. With `parentSegment`, the ID before it is the
    /// parent's and the resource must be in that parent's list.
    case item(ResourceKind, parentSegment: String?)
    /// A single document of a resource whose ID was captured last (`/cloud/tenants/{ID}/freelicenseCounters`).
    case document(ResourceKind)
    /// A service root.
    case service(ServiceRoot)
    /// `/api/query?type=...`.
    case query
    /// `/api/lookup?...`.
    case lookup
    /// `/api/reports/summary[/frame]`.
    case report(SummaryReport)
    /// `/api/catalog/vms/{name}/vmRestorePoints/{ID}/guestfs/[path]`: the guest file system.
    case guestFileSystem
    /// A file system path inside a mount (`/vmRestorePoints/{ID}/mounts/{ID}/{path}`); the mount
    /// (ID captured last) must exist.
    case mountFileSystem(ResourceKind)

    /// `/api/tasks`: the tasks writes started.
    case tasks
    /// `/api/tasks/{ID}`: one task.
    case task

    /// The methods this endpoint answers (writes are found in `RequestCatalog` before this is asked).
    var allowedMethods: [HTTPRequest.Method] {
        switch self {
        case .sessionManager: [.post]
        case .logonSession, .task: [.get, .delete]
        default: [.get]
        }
    }

    /// Whether the endpoint needs a logon session (all but the API root and logon).
    var needsSession: Bool {
        switch self {
        case .root, .sessionManager: false
        default: true
        }
    }
}
