import HTTPTypes

/// Writers for EM's documents that are not resources: the API root, logon sessions, errors.
enum EMDocuments {
    /// The API versions `GET /api/` lists, oldest first (EM 12 and 13 list these three).
    static let advertisedVersions = ["v1_5", "v1_6", "v1_7"]

    /// Writes `GET /api/`'s `<EnterpriseManager>` (no `Href`/`Type` on the root, as EM sends it).
    /// - Parameters:
    ///   - xml: the writer.
    ///   - hrefs: the URL builder.
    static func enterpriseManager(_ xml: inout XMLWriter, _ hrefs: HrefBuilder) {
        xml.start("EnterpriseManager", attributeList: [], namespacesFirst: .schemaPrefixesThenEM)
        xml.links([
            Link("Down", "LogonSessionList", hrefs.api("logonSessions")),
            Link("Create", "LogonSession", hrefs.api("sessionMngr/?v=latest")),
        ])
        xml.start("SupportedVersions")
        for version in Self.advertisedVersions {
            xml.start("SupportedVersion", ["Name": version])
            xml.links([Link("Create", "LogonSession", hrefs.api("sessionMngr/?v=\(version)"))])
            xml.end()
        }
        xml.end()
        xml.end()
    }

    /// Writes one `<LogonSession>`.
    /// - Parameters:
    ///   - session: the session.
    ///   - xml: the writer.
    ///   - hrefs: the URL builder.
    ///   - asRoot: whether this is the document's root (then it carries the namespace).
    static func logonSession(_ session: LogonSessionRecord, _ xml: inout XMLWriter, _ hrefs: HrefBuilder, asRoot: Bool) {
        let href = hrefs.api("logonSessions/\(session.id)")
        xml.start("LogonSession", attributeList: [("Type", "LogonSession"), ("Href", href)], namespacesFirst: asRoot ? .em : nil)
        xml.links(Self.logonSessionLinks(sessionHref: href, hrefs))
        xml.element("UserName", session.userName)
        xml.element("SessionId", session.id)
        xml.end()
    }

    /// Writes `<LogonSessions>` with full `<LogonSession>` children.
    /// - Parameters:
    ///   - sessions: the sessions.
    ///   - xml: the writer.
    ///   - hrefs: the URL builder.
    static func logonSessions(_ sessions: [LogonSessionRecord], _ xml: inout XMLWriter, _ hrefs: HrefBuilder) {
        xml.start("LogonSessions", attributeList: [], namespacesFirst: .em)
        for session in sessions {
            Self.logonSession(session, &xml, hrefs, asRoot: false)
        }
        xml.end()
    }

    /// Writes `<Error>` in the order of a real EM answer: `Message`, `StatusCode`, then the
    /// namespaces; no `Status` attribute (real EM sends none).
    /// - Parameters:
    ///   - error: the error.
    ///   - xml: the writer.
    ///   - firstChanceMessage: text for an optional `<FirstChanceExceptionMessage>` child.
    static func error(_ error: SimulatorError, _ xml: inout XMLWriter, firstChanceMessage: String? = nil) {
        xml.start(
            "Error",
            ["Message": error.message, "StatusCode": String(error.status.code)],
            namespaces: .emWithSchemaPrefixes)
        xml.element("FirstChanceExceptionMessage", firstChanceMessage)
        xml.end()
    }

    /// The links of a logon session, in the order of EM 13's full list (`logging_on.md`): the
    /// reference lists, the services, the entity lists, and the session's own `Delete` link last.
    private static func logonSessionLinks(sessionHref: String, _ hrefs: HrefBuilder) -> [Link] {
        let references: [ResourceKind] = [
            .backupServer, .managedServer, .job, .failoverPlan, .hierarchyRoot, .repository, .backup, .restorePoint,
            .vmRestorePoint, .vAppRestorePoint, .replica, .vmReplicaPoint, .catalogVm, .backupJobSession,
            .restoreSession, .replicaJobSession, .backupTaskSession,
        ]
        var links = [Link("Up", "EnterpriseManager", hrefs.api(""))]
        links += references.map { Link("Down", $0.referenceListType, hrefs.api($0.hrefSegment)) }
        links += [
            Link("Down", ResourceKind.replicaTaskSession.referenceListType, hrefs.api("replicaTaskSessions")),
            Link("Down", "EnterpriseSecuritySettings", hrefs.api("security")),
            Link("Down", ResourceKind.wanAccelerator.referenceListType, hrefs.api("wanAccelerators")),
            Link("Down", ResourceKind.backupFile.referenceListType, hrefs.api("backupFiles")),
            Link("Down", ResourceKind.externalRepository.referenceListType, hrefs.api("externalRepositories")),
            Link("Down", "TaskList", hrefs.api("tasks")),
            Link("Down", "QueryService", hrefs.api("querySvc")),
            Link("Down", "LookupService", hrefs.api("lookupSvc")),
            Link("Down", "Report", hrefs.api("reports/summary"), name: "Summary"),
            Link("Down", ResourceKind.backupServer.entityListType, hrefs.api("backupServers?format=Entity")),
            Link("Down", ResourceKind.managedServer.entityListType, hrefs.api("managedServers?format=Entity")),
            Link("Create", nil, hrefs.api("backupServers?action=create")),
        ]
        let entities: [ResourceKind] = [
            .job, .failoverPlan, .hierarchyRoot, .repository, .backup, .restorePoint, .vmRestorePoint, .vAppRestorePoint,
            .replica, .vmReplicaPoint, .catalogVm, .backupJobSession, .restoreSession, .replicaJobSession,
            .backupTaskSession,
        ]
        links += entities.map { Link("Down", $0.entityListType, hrefs.api($0.hrefSegment + "?format=Entity")) }
        links += [
            Link("Down", ResourceKind.replicaTaskSession.entityListType, hrefs.api("replicaTaskSessions?format=Entity")),
            Link("Down", ResourceKind.wanAccelerator.entityListType, hrefs.api("wanAccelerators?format=Entity")),
            Link("Down", "VCloudService", hrefs.api("vCloud")),
            Link("Down", ResourceKind.backupFile.entityListType, hrefs.api("backupFiles?format=Entity")),
            Link("Down", "AgentsService", hrefs.api("agents")),
            Link("Down", "VSphereSelfService", hrefs.api("selfService/vSphere")),
            Link("Down", ResourceKind.externalRepository.entityListType, hrefs.api("externalRepositories?format=Entity")),
            Link("Down", "NasService", hrefs.api("nas")),
            Link("Delete", nil, sessionHref),
        ]
        return links
    }
}
