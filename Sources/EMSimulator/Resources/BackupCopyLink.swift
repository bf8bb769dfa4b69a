/// One source of a backup copy job: a linked backup job (`LinkedJobObject`, listed at
/// `/jobs/{ID}/linkedJobs`) or a linked backup repository (`LinkedBackupRepository`, listed at
/// `/jobs/{ID}/linkedBackupRepositories`). Both are resources without a reference form, shown as
/// in EM's "Backup Copy Job Options" page: `Href Type`, `Up` to the copy job's entity and `Delete`
/// to itself, then `ObjectInJobId` and the linked object's UID. The copy job's entity repeats them
/// inside `ImmediateBackupCopyJobInfo` without `Href` and `Links`.
struct BackupCopyLink: SimulatedEntity {
    /// ``ResourceKind/linkedJobObject`` or ``ResourceKind/linkedBackupRepositoryObject``.
    let kind: ResourceKind
    /// `ObjectInJobId`: the link's own ID, the last segment of its `Href`.
    let id: String
    /// The backup copy job the link belongs to.
    let jobID: String
    /// The linked job's or repository's UID (`LinkedJobUid`, `LinkedBackupRepositoryUid`).
    let linkedUID: String

    /// A link's list segment under its job (`linkedJobs`, `linkedBackupRepositories`).
    var listSegment: String { self.kind.hrefSegment }

    /// The element holding the linked UID.
    private var uidElement: String { self.kind == .linkedJobObject ? "LinkedJobUid" : "LinkedBackupRepositoryUid" }

    var name: String { "" }

    var elementName: String { self.kind.listItem ?? self.kind.typeName }

    var path: String { "jobs/\(self.jobID)/\(self.listSegment)/\(self.id)" }

    var memberships: [Membership] { [.child(of: .job, self.jobID, self.listSegment)] }

    func referenceLinks(_ context: RenderContext) -> [Link] { [] }

    func entityLinks(_ context: RenderContext) -> [Link] {
        [
            Link("Up", ResourceKind.job.typeName, context.hrefs.entity(.job, self.jobID), name: context.store.job(id: self.jobID)?.name),
            Link("Delete", nil, context.hrefs.api(self.path)),
        ]
    }

    /// `Href Type`, in the order of EM's sample.
    func entityAttributes(_ context: RenderContext) -> [(String, String)] {
        [("Href", context.hrefs.api(self.path)), ("Type", self.kind.typeName)]
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        self.writeFields(&xml)
    }

    /// No query type lists links; `UID` and `Name` only.
    func queryValues(_ context: RenderContext) -> [String: String] { self.commonQueryValues }

    /// Writes the link as the copy job's entity shows it: `<LinkedJobObject>` or
    /// `<LinkedBackupRepository>` with `ObjectInJobId` and the linked UID only.
    /// - Parameter xml: the writer, inside `LinkedJobIncludes` or `LinkedBackupRepositoryIncludes`.
    func writeInclude(_ xml: inout XMLWriter) {
        xml.start(self.elementName)
        self.writeFields(&xml)
        xml.end()
    }

    private func writeFields(_ xml: inout XMLWriter) {
        xml.element("ObjectInJobId", self.id)
        xml.element(self.uidElement, self.linkedUID)
    }
}
