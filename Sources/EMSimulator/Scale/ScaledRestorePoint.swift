/// A backup restore point (`RestorePoint`), in the shape of EM's `/restorePoints/{ID}` page:
/// `Name` like `Sep 20 2016  2:59PM`, links up to its backup and server, and `BackupDateUTC`.
struct ScaledRestorePoint: SimulatedEntity {
    let id: String
    let name: String
    /// `BackupDateUTC`.
    let backupDateUTC: String
    /// The backup that holds the point (`/backups/{ID}`).
    let backupID: String
    /// The backup's name (its job's name).
    let backupName: String
    let serverID: String

    var kind: ResourceKind { .restorePoint }

    private func reference(_ context: RenderContext) -> String { context.hrefs.reference(.restorePoint, self.id) }

    private func upLinks(_ context: RenderContext) -> [Link] {
        [
            Link("Up", "BackupReference", context.hrefs.api("backups/\(self.backupID)"), name: self.backupName),
            Link(
                "Up", ResourceKind.backupServer.referenceType, context.hrefs.reference(.backupServer, self.serverID),
                name: context.store.backupServer(id: self.serverID)?.name),
        ]
    }

    private func downLinks(_ context: RenderContext) -> [Link] {
        let reference = self.reference(context)
        return [
            Link("Down", "VmRestorePointReferenceList", reference + "/vmRestorePoints"),
            Link("Related", "BackupFileReferenceList", reference + "/backupFiles"),
        ]
    }

    func referenceLinks(_ context: RenderContext) -> [Link] {
        self.upLinks(context) + [Link("Alternate", self.kind.typeName, context.hrefs.entity(self.kind, self.id), name: self.name)]
            + self.downLinks(context)
    }

    func entityLinks(_ context: RenderContext) -> [Link] {
        self.upLinks(context) + [Link("Alternate", self.kind.referenceType, self.reference(context), name: self.name)]
            + self.downLinks(context)
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("BackupDateUTC", self.backupDateUTC)
    }

    func queryValues(_ context: RenderContext) -> [String: String] {
        ["name": self.name, "uid": self.uid, "backupdateutc": self.backupDateUTC, "backupuid": ResourceKind.backup.uid(self.backupID)]
    }
}
