extension EMDocuments {
    /// Writes a service root: `<Root Href Type>` with `<Links>` to what it serves, as the help
    /// pages of `/agents`, `/nas`, `/cloud`, `/security`, `/vCloud`, `/selfService/vSphere`,
    /// `/querySvc` and `/lookupSvc` show them (root attributes as in their samples).
    /// - Parameters:
    ///   - service: the service.
    ///   - xml: the writer.
    ///   - context: hrefs and data (`/lookupSvc` links one lookup per hierarchy root).
    static func service(_ service: ServiceRoot, _ xml: inout XMLWriter, _ context: RenderContext) {
        let (root, type, path) = Self.serviceFrame(service)
        var attributes = [("Href", context.hrefs.api(path))]
        if let type { attributes.append(("Type", type)) }
        xml.start(root, attributeList: attributes + XMLWriter.Namespaces.em.attributes)
        let links = service == .lookupSvc ? Self.lookupLinks(context.store) : Self.serviceLinks(service)
        xml.links(links.map { context.hrefs.resolve($0) })
        xml.end()
    }

    /// One lookup of the VMs of each hierarchy root (`/lookup?host=<root UID>&name=*&type=Vm`).
    private static func lookupLinks(_ store: EntityStore) -> [Link] {
        store.all(.hierarchyRoot).map { root in
            Link("Down", "HierarchyItemList", "lookup?host=\(root.uid)&name=*&type=Vm", name: root.name)
        }
    }

    private static func serviceFrame(_ service: ServiceRoot) -> (root: String, type: String?, path: String) {
        switch service {
        case .agents: ("Agents", "AgentsService", "agents")
        case .nas: ("NASService", "NasService", "nas")
        case .cloud: ("CloudConnectService", "CloudConnectService", "cloud")
        case .security: ("EnterpriseSecuritySettings", nil, "security")
        case .vCloud: ("VCloudService", "VCloudService", "vCloud")
        case .selfServiceVSphere: ("VSphereSelfService", "VSphereSelfService", "selfService/vSphere")
        case .querySvc: ("QuerySvc", "QueryService", "querySvc")
        case .lookupSvc: ("LookupSvc", "LookupService", "lookupSvc")
        }
    }

    /// `Down` links to a kind's reference list and entity list.
    private static func both(_ kind: ResourceKind, at path: String? = nil) -> [Link] {
        let path = path ?? kind.hrefSegment
        return [
            Link("Down", kind.referenceListType, path),
            Link("Down", kind.entityListType, path + "?format=Entity"),
        ]
    }

    private static func serviceLinks(_ service: ServiceRoot) -> [Link] {
        switch service {
        case .agents:
            [
                Link("Down", ResourceKind.agentBackupJob.referenceListType, "agents/jobs"),
                Link("Down", ResourceKind.agentProtectionGroup.referenceListType, "agents/protectionGroups"),
                Link("Down", ResourceKind.discoveredComputer.referenceListType, "agents/discoveredComputers"),
                Link("Down", ResourceKind.agentRestorePoint.referenceListType, "agents/agentRestorePoints"),
                Link("Down", ResourceKind.backup.referenceListType, "agents/backups"),
                Link("Down", ResourceKind.backupFile.referenceListType, "agents/backupFiles"),
                Link("Down", ResourceKind.backupJobSession.referenceListType, "agents/backupSessions"),
                Link("Down", ResourceKind.restorePoint.referenceListType, "agents/restorePoints"),
            ]
        case .nas:
            [
                Link("Down", ResourceKind.fileServer.referenceListType, "nas/fileServers"),
                Link("Down", ResourceKind.nasJob.referenceListType, "nas/jobs"),
                Link("Down", ResourceKind.backupJobSession.referenceListType, "nas/backupSessions"),
            ]
        case .cloud:
            [
                ResourceKind.cloudTenant, .cloudGateway, .cloudGatewayPool, .cloudHardwarePlan, .cloudPublicIpAddress,
                .vlanConfiguration, .cloudFailoverPlan, .cloudFailoverSession, .cloudVmReplicaPoint, .cloudReplica,
            ]
            .flatMap { Self.both($0) }
        case .security:
            [
                Link("Down", ResourceKind.enterpriseAccount.referenceListType, "security/accounts"),
                Link("Down", ResourceKind.enterpriseRole.referenceListType, "security/roles"),
                Link("Create", nil, "security/accounts"),
                Link("Start", nil, "security/accounts?action=rebuildScope"),
            ]
        case .vCloud:
            Self.both(.vCloudOrganizationConfig) + [Link("Create", nil, "vCloud/orgConfigs")]
        case .selfServiceVSphere:
            Self.both(.vSphereSelfServiceConfig) + [Link("Create", nil, "selfService/vSphere/Configs")]
        case .querySvc:
            Self.querySvcLinks
        case .lookupSvc:
            []
        }
    }

    /// The preconfigured queries of `/querySvc`: each type's entities, 15 per page, ascending by
    /// name ("a list of job entities, 15 per page, displayed in the ascending order").
    private static var querySvcLinks: [Link] {
        QueryCatalog.types.map { type in
            let sort = type.field(named: "Name") == nil ? "" : "&sortAsc=Name"
            return Link(
                "Down", "QueryResult", "query?type=\(type.name)&format=Entities\(sort)&pageSize=15&page=1",
                name: type.name)
        }
    }
}
