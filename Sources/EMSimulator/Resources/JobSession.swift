/// One run of a job: a `BackupJobSession` or a `ReplicaJobSession` (same shape, other names).
struct JobSession: SimulatedEntity {
    /// `.backupJobSession` or `.replicaJobSession`.
    let kind: ResourceKind
    let id: String
    /// `<JobName>@<yyyy-MM-dd HH:mm:ss>`, as EM names sessions.
    let name: String
    let serverID: String
    let jobID: String
    /// `JobName`, as EM copies it into the session.
    let jobName: String
    /// `JobType` (`Backup`, `Replica`, `ImmediateBackupCopyWorker`, ...).
    let jobType: String
    /// `CreationTimeUTC`, in EM's lexical form.
    let creationTimeUTC: String
    /// `EndTimeUTC`; running sessions have none and EM leaves the element out.
    var endTimeUTC: String?
    /// `State` (`Stopped`, `Working`, ...).
    var state: String
    /// `Result` (`Success`, `Warning`, `Failed`, `None`).
    var result: String
    /// `Progress` in percent.
    var progress: Int
    /// `FailureMessage`; EM leaves the element out when there is none.
    var failureMessage: String?
    /// `IsRetry`.
    let isRetry: Bool

    private var isReplica: Bool { self.kind == .replicaJobSession }

    /// The kind of this session's task sessions.
    var taskKind: ResourceKind { self.isReplica ? .replicaTaskSession : .backupTaskSession }

    /// The link to the task sessions; for replica sessions EM spells it `repicaTaskSessions`.
    private func taskListLink(_ context: RenderContext) -> Link {
        let suffix = self.isReplica ? "/repicaTaskSessions" : "/taskSessions"
        return Link("Down", self.taskKind.referenceListType, context.hrefs.reference(self.kind, self.id) + suffix)
    }

    private func upLinks(_ context: RenderContext) -> [Link] {
        [
            Link(
                "Up", ResourceKind.backupServer.referenceType,
                context.hrefs.reference(.backupServer, self.serverID),
                name: context.store.backupServer(id: self.serverID)?.name),
            Link("Up", ResourceKind.job.referenceType, context.hrefs.reference(.job, self.jobID), name: self.jobName),
        ]
    }

    func referenceLinks(_ context: RenderContext) -> [Link] {
        self.upLinks(context) + [
            Link("Alternate", self.kind.typeName, context.hrefs.entity(self.kind, self.id), name: self.name),
            self.taskListLink(context),
        ]
    }

    func entityLinks(_ context: RenderContext) -> [Link] {
        var links =
            self.upLinks(context) + [
                Link("Alternate", self.kind.referenceType, context.hrefs.reference(self.kind, self.id), name: self.name),
                self.taskListLink(context),
            ]
        if !self.isReplica {
            links.append(Link("Stop", nil, context.hrefs.reference(self.kind, self.id) + "?action=stop"))
        }
        return links
    }

    var memberships: [Membership] { [.child(of: .job, self.jobID, self.kind.hrefSegment)] }

    /// `get_query_backupjobsession` / `_replicajobsession`: `UID Name JobType JobUid JobName
    /// CreationTime EndTime State Result IsRetry BackupServerUid BackupServerName`.
    func queryValues(_ context: RenderContext) -> [String: String] {
        var values = self.commonQueryValues.merging([
            "jobtype": self.jobType, "jobuid": ResourceKind.job.uid(self.jobID), "jobname": self.jobName,
            "creationtime": self.creationTimeUTC, "state": self.state, "result": self.result,
            "isretry": String(self.isRetry), "backupserveruid": ResourceKind.backupServer.uid(self.serverID),
        ]) { $1 }
        values["endtime"] = self.endTimeUTC
        values["backupservername"] = context.store.backupServer(id: self.serverID)?.name
        return values
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("JobUid", ResourceKind.job.uid(self.jobID))
        xml.element("JobName", self.jobName)
        xml.element("JobType", self.jobType)
        xml.element("CreationTimeUTC", self.creationTimeUTC)
        xml.element("EndTimeUTC", self.endTimeUTC)
        xml.element("State", self.state)
        xml.element("Result", self.result)
        xml.element("Progress", Int64(self.progress))
        xml.element("FailureMessage", self.failureMessage)
        xml.element("IsRetry", self.isRetry)
    }
}
