/// A scaled backup task session: a ``TaskSession`` whose `Up` link names its job session,
/// which the scaled world computes rather than stores.
struct ScaledTaskSession: SimulatedEntity {
    /// The task session's data.
    let base: TaskSession
    /// The name of the job session it belongs to (`Backup Job 3@2025-01-01 00:20:02`).
    let jobSessionName: String

    var kind: ResourceKind { self.base.kind }
    var id: String { self.base.id }
    var name: String { self.base.name }
    var extraEntityAttributes: [(String, String)] { self.base.extraEntityAttributes }

    private func upLinks(_ context: RenderContext) -> [Link] {
        [
            Link(
                "Up", ResourceKind.backupServer.referenceType, context.hrefs.reference(.backupServer, self.base.serverID),
                name: context.store.backupServer(id: self.base.serverID)?.name),
            Link(
                "Up", ResourceKind.backupJobSession.referenceType,
                context.hrefs.reference(.backupJobSession, self.base.jobSessionID), name: self.jobSessionName),
        ]
    }

    func referenceLinks(_ context: RenderContext) -> [Link] {
        self.upLinks(context) + [
            Link("Alternate", self.kind.typeName, context.hrefs.entity(self.kind, self.id), name: self.name)
        ]
    }

    func entityLinks(_ context: RenderContext) -> [Link] {
        self.upLinks(context) + [
            Link("Alternate", self.kind.referenceType, context.hrefs.reference(self.kind, self.id), name: self.name)
        ]
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        self.base.writeEntityContent(&xml, context)
    }

    func queryValues(_ context: RenderContext) -> [String: String] { self.base.queryValues(context) }
}
