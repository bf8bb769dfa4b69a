/// One VM's part of a job session: a `BackupTaskSession` or a `ReplicaTaskSession`.
struct TaskSession: SimulatedEntity {
    /// `.backupTaskSession` or `.replicaTaskSession`.
    let kind: ResourceKind
    let id: String
    /// `<VM>@<yyyy-MM-dd HH:mm:ss>`.
    let name: String
    /// The `VmDisplayName` attribute.
    let vmDisplayName: String
    let serverID: String
    /// The job session this task belongs to.
    let jobSessionID: String
    let creationTimeUTC: String
    let endTimeUTC: String?
    /// `State` (`Completed`, `InProgress`, ...).
    let state: String
    let result: String
    /// `Reason`; EM writes `<Reason />` when empty.
    let reason: String
    /// `TotalSize` in bytes.
    let totalSize: Int64
    /// `VmUid`, which EM 13 writes on backup task sessions; `nil` leaves it out.
    let vmUID: String?

    /// The kind of the parent job session.
    var sessionKind: ResourceKind { self.kind == .replicaTaskSession ? .replicaJobSession : .backupJobSession }

    var extraEntityAttributes: [(String, String)] { [("VmDisplayName", self.vmDisplayName)] }

    private func upLinks(_ context: RenderContext) -> [Link] {
        [
            Link(
                "Up", ResourceKind.backupServer.referenceType,
                context.hrefs.reference(.backupServer, self.serverID),
                name: context.store.backupServer(id: self.serverID)?.name),
            Link(
                "Up", self.sessionKind.referenceType,
                context.hrefs.reference(self.sessionKind, self.jobSessionID),
                name: context.store.jobSession(id: self.jobSessionID)?.name),
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

    var memberships: [Membership] {
        let segment = self.kind == .replicaTaskSession ? "replicaTaskSessions" : "taskSessions"
        return [.child(of: self.sessionKind, self.jobSessionID, segment)]
    }

    /// `get_query_backuptasksession` / `_replicatasksession`: `UID Name CreationTime EndTime State
    /// Result Reason TotalSize JobSessionUid JobUid JobName BackupServerUid BackupServerName VmDisplayName`.
    func queryValues(_ context: RenderContext) -> [String: String] {
        var values = self.commonQueryValues.merging([
            "creationtime": self.creationTimeUTC, "state": self.state, "result": self.result, "reason": self.reason,
            "totalsize": String(self.totalSize), "jobsessionuid": self.sessionKind.uid(self.jobSessionID),
            "backupserveruid": ResourceKind.backupServer.uid(self.serverID), "vmdisplayname": self.vmDisplayName,
        ]) { $1 }
        values["endtime"] = self.endTimeUTC
        values["backupservername"] = context.store.backupServer(id: self.serverID)?.name
        if let session = context.store.jobSession(id: self.jobSessionID) {
            values["jobuid"] = ResourceKind.job.uid(session.jobID)
            values["jobname"] = session.jobName
        }
        return values
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("JobSessionUid", self.sessionKind.uid(self.jobSessionID))
        xml.element("CreationTimeUTC", self.creationTimeUTC)
        xml.element("EndTimeUTC", self.endTimeUTC)
        xml.element("State", self.state)
        xml.element("Result", self.result)
        xml.element("Reason", self.reason)
        xml.element("TotalSize", self.totalSize)
        xml.element("VmUid", self.vmUID)
    }
}
