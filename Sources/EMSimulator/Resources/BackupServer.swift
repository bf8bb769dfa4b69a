/// A Veeam Backup & Replication server connected to EM (`BackupServer`).
struct BackupServer: SimulatedEntity {
    let id: String
    /// The DNS name EM shows as `Name`.
    let name: String
    /// `Description`; EM writes `<Description />` when empty.
    let description: String
    /// `Port` (9392 by default).
    let port: Int
    /// `Version` of Veeam Backup & Replication.
    let version: String

    var kind: ResourceKind { .backupServer }

    private func path(_ suffix: String, _ context: RenderContext) -> String {
        context.hrefs.reference(self.kind, self.id) + suffix
    }

    func referenceLinks(_ context: RenderContext) -> [Link] {
        [
            Link("Down", "JobReferenceList", self.path("/jobs", context)),
            Link("Down", "RepositoryReferenceList", self.path("/repositories", context)),
            Link("Down", "CredentialsList", self.path("/credentials", context)),
            Link("Down", "PasswordKeyList", self.path("/passwords", context)),
            Link("Alternate", self.kind.typeName, context.hrefs.entity(self.kind, self.id), name: self.name),
            Link("Down", "ManagedServerReferenceList", self.path("/managedServers", context)),
        ]
    }

    func entityLinks(_ context: RenderContext) -> [Link] {
        let reference = context.hrefs.reference(self.kind, self.id)
        return [
            Link("Alternate", self.kind.referenceType, reference, name: self.name),
            Link("Edit", self.kind.referenceType, reference),
            Link("Delete", self.kind.referenceType, reference),
            Link("Down", "JobReferenceList", self.path("/jobs", context)),
            Link("Down", "ManagedServerReferenceList", self.path("/managedServers", context)),
            Link("Down", "RepositoryReferenceList", self.path("/repositories", context)),
            Link("Down", "CredentialsList", self.path("/credentials", context)),
            Link("Create", nil, self.path("/credentials?action=create", context)),
            Link("Down", "PasswordKeyList", self.path("/passwords", context)),
            Link("Create", nil, self.path("/passwords?action=create", context)),
            Link("VeeamZip", nil, self.path("?action=veeamzip", context)),
            Link("QuickBackup", nil, self.path("?action=quickbackup", context)),
            Link("Start", nil, self.path("?action=collect", context)),
        ]
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("Description", self.description)
        xml.element("Port", Int64(self.port))
        xml.element("Version", self.version)
    }

    /// `get_query_backupserver`: `UID Name Description IpOrDnsName Port Version`.
    func queryValues(_ context: RenderContext) -> [String: String] {
        self.commonQueryValues.merging([
            "description": self.description, "ipordnsname": self.name, "port": String(self.port),
            "version": self.version,
        ]) { $1 }
    }

    /// This server as the parent of others.
    var ref: ParentRef { ParentRef(self.kind, self.id, self.name, path: self.path) }
}
