/// One VM or container in a job (`ObjectInJob`), shown inside the job's entity and at
/// `/jobs/{ID}/includes/{ID}`.
struct ObjectInJob: SimulatedEntity {
    let id: String
    /// The job the object belongs to.
    let jobID: String
    /// `HierarchyObjRef` (`urn:VMware:Vm:<vCenter GUID>.vm-123`).
    let hierarchyObjRef: String
    let name: String
    let guestProcessing: GuestProcessing

    var kind: ResourceKind { .objectInJob }

    var path: String { "jobs/\(self.jobID)/includes/\(self.id)" }

    var memberships: [Membership] { [.child(of: .job, self.jobID, "includes")] }

    func referenceLinks(_ context: RenderContext) -> [Link] { [] }

    func entityLinks(_ context: RenderContext) -> [Link] { [] }

    /// `Type Href` only: an `ObjectInJob` is a resource, not an entity.
    func entityAttributes(_ context: RenderContext) -> [(String, String)] {
        [("Type", self.kind.typeName), ("Href", context.hrefs.api(self.path))]
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("ObjectInJobId", self.id)
        xml.element("HierarchyObjRef", self.hierarchyObjRef)
        xml.element("Name", self.name)
        xml.element("DisplayName", self.name)
        self.guestProcessing.write(&xml)
    }

    /// `get_query_objectinjob`: `UID Name JobUid JobName BackupServerUid BackupServerName`.
    func queryValues(_ context: RenderContext) -> [String: String] {
        var values = ["uid": self.id, "name": self.name, "jobuid": ResourceKind.job.uid(self.jobID)]
        if let job = context.store.job(id: self.jobID) {
            values["jobname"] = job.name
            values["backupserveruid"] = ResourceKind.backupServer.uid(job.serverID)
            values["backupservername"] = context.store.backupServer(id: job.serverID)?.name
        }
        return values
    }

    /// Writes `<ObjectInJob>` inside a job's `Includes`.
    /// - Parameters:
    ///   - xml: the writer.
    ///   - context: hrefs and data.
    func write(_ xml: inout XMLWriter, _ context: RenderContext) {
        Representation.writeEntity(self, to: &xml, context, asRoot: false)
    }
}
