/// Every path the simulator serves: EM's documented GET paths (`catalog/endpoints.csv` of the
/// reference material), plus the lists EM links to without a page of their own.
///
/// To serve a new path, add a line here and, for a new kind of endpoint, a case to
/// ``Endpoint`` and to `SimulatorResponder.dispatch`.
enum RouteTable {
    /// The patterns, tried in order; the first match wins.
    static let patterns: [RoutePattern] = Self.fixed + Self.collections + Self.children + Self.documents

    /// Finds the route of a path.
    /// - Parameter path: the segments after `api`, as sent.
    /// - Returns: the route; its endpoint is `nil` when nothing matches.
    static func match(_ path: [String]) -> Route {
        for pattern in Self.patterns {
            if let route = pattern.match(path) { return route }
        }
        return Route(endpoint: nil, captures: [], rest: [], logName: "unknown")
    }

    // MARK: - Fixed paths

    private static let fixed: [RoutePattern] = [
        RoutePattern([], .root),
        RoutePattern(RoutePattern.literals("sessionMngr"), .sessionManager),
        RoutePattern(RoutePattern.literals("logonSessions"), .logonSessions),
        RoutePattern([.literal("logonSessions"), .id(.logonSession)], .logonSession),
        RoutePattern(RoutePattern.literals("query"), .query),
        RoutePattern(RoutePattern.literals("lookup"), .lookup),
        RoutePattern(RoutePattern.literals("querySvc"), .service(.querySvc)),
        RoutePattern(RoutePattern.literals("lookupSvc"), .service(.lookupSvc)),
        RoutePattern(RoutePattern.literals("agents"), .service(.agents)),
        RoutePattern(RoutePattern.literals("nas"), .service(.nas)),
        RoutePattern(RoutePattern.literals("cloud"), .service(.cloud)),
        RoutePattern(RoutePattern.literals("security"), .service(.security)),
        RoutePattern(RoutePattern.literals("vCloud"), .service(.vCloud)),
        RoutePattern(RoutePattern.literals("selfService/vSphere"), .service(.selfServiceVSphere)),
        RoutePattern(RoutePattern.literals("reports/summary"), .report(.summary)),
        RoutePattern(RoutePattern.literals("reports/summary/overview"), .report(.overview)),
        RoutePattern(RoutePattern.literals("reports/summary/vms_overview"), .report(.vmsOverview)),
        RoutePattern(RoutePattern.literals("reports/summary/job_statistics"), .report(.jobStatistics)),
        // The help page's example spells it `jobs_statistics`.
        RoutePattern(RoutePattern.literals("reports/summary/jobs_statistics"), .report(.jobStatistics)),
        RoutePattern(RoutePattern.literals("reports/summary/repository"), .report(.repository)),
        RoutePattern(RoutePattern.literals("reports/summary/processed_vms"), .report(.processedVms)),
        RoutePattern(RoutePattern.literals("agents/backupFiles"), .filteredList(path: "agents/backupFiles", kind: .backupFile)),
        RoutePattern(RoutePattern.literals("agents/backups"), .filteredList(path: "agents/backups", kind: .backup)),
        RoutePattern(
            RoutePattern.literals("agents/backupSessions"),
            .filteredList(path: "agents/backupSessions", kind: .backupJobSession)),
        RoutePattern(
            RoutePattern.literals("agents/restorePoints"), .filteredList(path: "agents/restorePoints", kind: .restorePoint)),
        RoutePattern(
            RoutePattern.literals("nas/backupSessions"), .filteredList(path: "nas/backupSessions", kind: .backupJobSession)),
    ]

    // MARK: - Collections and their items

    /// Kinds with a top-level collection at their `hrefSegment`, answered as references.
    private static let referenceCollections: [ResourceKind] = [
        .backupServer, .managedServer, .job, .failoverPlan, .hierarchyRoot, .repository, .backup, .restorePoint,
        .vmRestorePoint, .vAppRestorePoint, .replica, .vmReplicaPoint, .vAppReplicaPoint, .backupJobSession,
        .restoreSession, .replicaJobSession, .backupTaskSession, .replicaTaskSession, .wanAccelerator, .backupFile,
        .externalRepository, .cdpPolicy, .cdpReplica, .vAppCdpReplica, .cdpReplicaSession, .cdpReplicaTaskSession,
        .catalogVm, .enterpriseAccount, .enterpriseRole, .vSphereSelfServiceConfig, .vCloudOrganizationConfig,
        .agentRestorePoint, .discoveredComputer, .agentBackupJob, .agentProtectionGroup, .fileServer, .nasJob,
        .cloudTenant, .cloudGatewayPool, .cloudGateway, .cloudReplica, .cloudVmReplicaPoint, .cloudFailoverPlan,
        .cloudFailoverSession, .cloudHardwarePlan, .cloudPublicIpAddress, .vlanConfiguration,
    ]

    private static let collections: [RoutePattern] =
        Self.referenceCollections.flatMap { Self.collection($0, .references) }
        // EM's own Hrefs say `repicaTaskSessions`; its pages say `replicaTaskSessions`.
        + Self.collection(.replicaTaskSession, .references, at: "replicaTaskSessions")
        + Self.collection(.systemSession, .resources(root: "SystemSessions", item: nil))
        + [RoutePattern(RoutePattern.literals("tasks"), .tasks), RoutePattern([.literal("tasks"), .id(.task)], .task)]

    private static func collection(_ kind: ResourceKind, _ shape: ListShape, at path: String? = nil) -> [RoutePattern] {
        let base = RoutePattern.literals(path ?? kind.hrefSegment)
        return [
            RoutePattern(base, .collection(kind, shape)),
            RoutePattern(base + [.id(kind)], .item(kind, parentSegment: nil)),
        ]
    }

    // MARK: - Lists under a resource

    private static let children: [RoutePattern] = [
        Self.list(.backupServer, "jobs", .job),
        Self.list(.backupServer, "repositories", .repository),
        Self.list(.backupServer, "managedServers", .managedServer),
        Self.list(.backupServer, "credentials", .credentialsInfo, items: true),
        Self.list(.backupServer, "passwords", .passwordKeyInfo, items: true),
        Self.list(.backupServer, "externalRepositories", .externalRepository),
        Self.list(.job, "includes", .objectInJob, items: true),
        Self.list(.job, "backupSessions", .backupJobSession),
        Self.list(.job, "replicaSessions", .replicaJobSession),
        // Items for the documented DELETEs (`/jobs/{ID}/linkedJobs/{ID}`) to find the link by.
        Self.list(.job, "linkedJobs", .linkedJobObject, items: true),
        Self.list(.job, "linkedBackupRepositories", .linkedBackupRepositoryObject, items: true),
        Self.list(.backupJobSession, "taskSessions", .backupTaskSession),
        Self.list(.backupJobSession, "agentManagementSessions", .backupJobSession),
        Self.list(.replicaJobSession, "replicaTaskSessions", .replicaTaskSession),
        Self.list(.replicaJobSession, "repicaTaskSessions", .replicaTaskSession, membership: "replicaTaskSessions"),
        Self.list(.repository, "backups", .backup),
        Self.list(.repository, "replicas", .replica),
        Self.list(.backup, "childBackups", .backup),
        Self.list(.backup, "restorePoints", .restorePoint),
        Self.list(.backup, "backupFiles", .backupFile),
        Self.list(.backupFile, "restorePoints", .restorePoint),
        Self.list(.backupFile, "vmRestorePoints", .vmRestorePoint),
        Self.list(.restorePoint, "agentRestorePoints", .agentRestorePoint),
        Self.list(.restorePoint, "backupFiles", .backupFile),
        Self.list(.restorePoint, "vAppRestorePoints", .vAppRestorePoint),
        Self.list(.restorePoint, "vmRestorePoints", .vmRestorePoint),
        Self.list(.vmRestorePoint, "mounts", .vmRestorePointMount, items: true),
        Self.list(.vmReplicaPoint, "mounts", .vmReplicaPointMount, items: true),
        Self.list(.replica, "vmReplicaPoints", .vmReplicaPoint),
        Self.list(.externalRepository, "backups", .backup),
        Self.list(.cdpPolicy, "includes", .objectInJob, items: true),
        Self.list(.cdpPolicy, "cdpReplicaSessions", .cdpReplicaSession),
        Self.list(.cdpReplica, "vms", .cdpReplicaVm, items: true),
        // EM answers this list with the entities whatever `format` says (`get_cdpreplica_vapps_id_vms.md`).
        Self.list(
            .vAppCdpReplica, "vms", .vAppCdpReplicaVm, items: true, shape: .resources(root: "VAppCdpReplicaVms", item: "Items")),
        Self.list(.cdpReplicaSession, "cdpReplicaTaskSessions", .cdpReplicaTaskSession),
        Self.list(.agentRestorePoint, "mounts", .agentRestorePointMount, items: true),
        Self.list(.agentBackupJob, "includes", .objectInAgentBackupJob, items: true),
        Self.list(.agentBackupJob, "backupSessions", .backupJobSession),
        Self.list(.agentProtectionGroup, "discoveredComputers", .discoveredComputer),
        Self.list(.nasJob, "backupSessions", .backupJobSession),
        Self.list(.nasJob, "includes", .nasObject, items: true),
        Self.list(.cloudTenant, "resources", .cloudTenantResource, items: true),
        Self.list(.cloudTenant, "computeResources", .cloudTenantComputeResource, items: true),
        Self.list(.cloudTenant, "subtenants", .cloudSubtenant, items: true),
        Self.list(.cloudTenant, "vCloudComputeResources", .cloudTenantVCloudComputeResource, items: true),
        Self.list(.cloudTenant, "gatewayPools", .cloudGatewayPool),
        Self.list(.cloudGatewayPool, "gateways", .cloudGateway),
        Self.list(.cloudReplica, "vmReplicaPoints", .cloudVmReplicaPoint),
        Self.list(.cloudFailoverPlan, "includes", .cloudFailoveredVm, items: true),
        Self.list(.cloudHardwarePlan, "tenants", .cloudTenant, shape: .resources(root: "CloudTenants", item: nil)),
        Self.list(.enterpriseAccount, "roles", .enterpriseAccountInRole, items: true),
        Self.list(.enterpriseAccount, "scopes", .enterpriseAccountHierarchyScope, items: true),
        Self.list(.catalogVm, "vmRestorePoints", .catalogVmRestorePoint, items: true),
    ].flatMap { $0 }

    /// A list under a resource and, with `items`, its items at `<list>/{ID}`.
    private static func list(
        _ parent: ResourceKind, _ segment: String, _ child: ResourceKind, items: Bool = false, item: String? = nil,
        membership: String? = nil, shape: ListShape? = nil
    ) -> [RoutePattern] {
        let base = RoutePattern.literals(parent.hrefSegment) + [.id(parent), .literal(segment)]
        let listShape = shape ?? (child.hasReference ? .references : .resources(root: child.listRoot, item: item))
        let name = membership ?? segment
        var patterns = [RoutePattern(base, .children(parent: parent, segment: name, child: child, listShape))]
        if items {
            patterns.append(RoutePattern(base + [.id(child)], .item(child, parentSegment: name)))
        }
        return patterns
    }

    // MARK: - Single documents and file systems

    private static let documents: [RoutePattern] = [
        Self.document(.cloudTenant, .freeLicenseCounters),
        Self.document(.vSphereSelfServiceConfig, .selfServiceJobSettings),
        Self.document(.vCloudOrganizationConfig, .orgConfigJobSettings),
        Self.document(.systemSession, .systemSessionEvents),
        RoutePattern(Self.catalogPoint + [.literal("guestfs")], .guestFileSystem),
        RoutePattern(Self.catalogPoint + [.literal("guestfs"), .rest], .guestFileSystem),
        Self.mountPath(.vmRestorePoint, .vmRestorePointMount),
        Self.mountPath(.vmReplicaPoint, .vmReplicaPointMount),
        Self.mountPath(.agentRestorePoint, .agentRestorePointMount),
    ]

    private static let catalogPoint: [RoutePattern.Segment] =
        RoutePattern.literals("catalog/vms") + [.id(.catalogVm), .literal("vmRestorePoints"), .id(.catalogVmRestorePoint)]

    private static func document(_ parent: ResourceKind, _ kind: ResourceKind) -> RoutePattern {
        RoutePattern(RoutePattern.literals(parent.hrefSegment) + [.id(parent), .literal(kind.hrefSegment)], .document(kind))
    }

    private static func mountPath(_ parent: ResourceKind, _ mount: ResourceKind) -> RoutePattern {
        RoutePattern(
            RoutePattern.literals(parent.hrefSegment) + [.id(parent), .literal("mounts"), .id(mount), .rest],
            .mountFileSystem(mount))
    }
}
