/// A backup, replication or immediate backup copy job (`Job`).
struct Job: SimulatedEntity {
    var id: String
    var name: String
    let serverID: String
    /// `JobType`: `Backup`, `Replica` or `ImmediateBackupCopy` (the ones the simulator models;
    /// `get_jobs_id.md`).
    let jobType: String
    /// `Platform` (`VMware`, `HyperV`, ...).
    let platform: String
    /// `Description`.
    var description: String
    var scheduleConfigured: Bool
    var scheduleEnabled: Bool
    /// `NextRun`; EM leaves it out when nothing is scheduled.
    var nextRun: String?
    /// `JobScheduleOptions`.
    var schedule: JobSchedule
    /// The objects in the job (`JobInfo/*/Includes`).
    var includes: [ObjectInJob]
    /// Job-wide `GuestProcessingOptions`.
    let guestProcessing: GuestProcessing
    /// Retention of backup jobs (`SimpleRetentionPolicy`); ignored for replicas and copy jobs.
    let retainCycles: Int
    /// A backup copy job's linked jobs (`LinkedJobIncludes`, `/linkedJobs`). Default none.
    var linkedJobs: [BackupCopyLink] = []
    /// A backup copy job's linked repositories (`LinkedBackupRepositoryIncludes`,
    /// `/linkedBackupRepositories`). Default none.
    var linkedRepositories: [BackupCopyLink] = []

    var kind: ResourceKind { .job }

    var isReplica: Bool { self.jobType == "Replica" }

    /// Whether this is an immediate backup copy job (`JobType` `ImmediateBackupCopy`).
    var isBackupCopy: Bool { self.jobType == "ImmediateBackupCopy" }

    /// The links of a backup copy job, jobs first.
    var links: [BackupCopyLink] { self.linkedJobs + self.linkedRepositories }

    /// The kind of this job's sessions.
    var sessionKind: ResourceKind { self.isReplica ? .replicaJobSession : .backupJobSession }

    private func reference(_ context: RenderContext) -> String { context.hrefs.reference(.job, self.id) }

    private func upLink(_ context: RenderContext) -> Link {
        Link(
            "Up", ResourceKind.backupServer.referenceType, context.hrefs.reference(.backupServer, self.serverID),
            name: context.store.backupServer(id: self.serverID)?.name)
    }

    private func sessionsLink(_ context: RenderContext) -> Link {
        Link("Down", self.sessionKind.referenceListType, self.reference(context) + "/" + self.sessionKind.hrefSegment)
    }

    func referenceLinks(_ context: RenderContext) -> [Link] {
        [
            self.upLink(context),
            Link("Alternate", self.kind.typeName, context.hrefs.entity(.job, self.id), name: self.name),
            self.sessionsLink(context),
        ]
    }

    func entityLinks(_ context: RenderContext) -> [Link] {
        let reference = self.reference(context)
        if self.isBackupCopy { return self.backupCopyLinks(context) }
        return [
            self.upLink(context),
            Link("Alternate", self.kind.referenceType, reference, name: self.name),
            Link("Edit", self.kind.referenceType, reference, name: self.name),
            Link("Clone", nil, reference + "?action=clone"),
            Link("ToggleScheduleEnabled", nil, reference + "?action=toggleScheduleEnabled"),
            Link("Down", "ObjectInJobList", reference + "/includes"),
            self.sessionsLink(context),
            Link("Create", "ObjectInJob", reference + "/includes"),
            Link("Start", nil, reference + "?action=start"),
            Link("Stop", nil, reference + "?action=stop"),
            Link("Retry", nil, reference + "?action=retry"),
        ]
    }

    /// A backup copy job's links, in the order of EM's samples (`get_jobs_id`, the copy jobs):
    /// no `Edit`, `includes` or `Start`/`Stop`/`Retry`; `Sync` and the two lists of links with
    /// their `Create`s instead.
    private func backupCopyLinks(_ context: RenderContext) -> [Link] {
        let reference = self.reference(context)
        return [
            self.upLink(context),
            Link("Alternate", self.kind.referenceType, reference, name: self.name),
            Link("Clone", nil, reference + "?action=clone"),
            Link("ToggleScheduleEnabled", nil, reference + "?action=toggleScheduleEnabled"),
            self.sessionsLink(context),
            Link("Sync", nil, reference + "?action=sync"),
            Link("Down", "LinkedJobObjectList", reference + "/linkedJobs"),
            Link("Down", "LinkedBackupRepositoryObjectList", reference + "/linkedBackupRepositories"),
            Link("Create", "LinkedJobObject", reference + "/linkedJobs"),
            Link("Create", "LinkedBackupRepositoryObject", reference + "/linkedBackupRepositories"),
        ]
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("JobType", self.jobType)
        xml.element("Platform", self.platform)
        xml.element("Description", self.description)
        xml.element("ScheduleConfigured", self.scheduleConfigured)
        xml.element("ScheduleEnabled", self.scheduleEnabled)
        xml.element("NextRun", self.nextRun)
        self.schedule.write(&xml)
        if self.isBackupCopy { return self.writeBackupCopyInfo(&xml) }
        xml.start("JobInfo")
        xml.start(self.isReplica ? "ReplicaJobInfo" : "BackupJobInfo")
        xml.start("Includes")
        for object in self.includes {
            object.write(&xml, context)
        }
        xml.end()
        self.guestProcessing.write(&xml)
        if !self.isReplica {
            self.writeBackupRetention(&xml)
        }
        xml.end()
        xml.end()
    }

    var memberships: [Membership] { [.child(of: .backupServer, self.serverID, "jobs")] }

    /// `get_query_job`: `UID Name Description NextRun JobType Platform ScheduleConfigured
    /// ScheduleEnabled BackupServerUid BackupServerName`.
    func queryValues(_ context: RenderContext) -> [String: String] {
        var values = self.commonQueryValues.merging([
            "description": self.description, "jobtype": self.jobType, "platform": self.platform,
            "scheduleconfigured": String(self.scheduleConfigured), "scheduleenabled": String(self.scheduleEnabled),
            "backupserveruid": ResourceKind.backupServer.uid(self.serverID),
        ]) { $1 }
        values["nextrun"] = self.nextRun
        values["backupservername"] = context.store.backupServer(id: self.serverID)?.name
        return values
    }

    /// `JobInfo/ImmediateBackupCopyJobInfo` (`backup_copy_job_options.md`): linked jobs, linked
    /// backups (none in the simulator) and linked repositories.
    private func writeBackupCopyInfo(_ xml: inout XMLWriter) {
        xml.start("JobInfo")
        xml.start("ImmediateBackupCopyJobInfo")
        xml.start("LinkedJobIncludes")
        for link in self.linkedJobs { link.writeInclude(&xml) }
        xml.end()
        xml.start("LinkedBackupIncludes")
        xml.end()
        xml.start("LinkedBackupRepositoryIncludes")
        for link in self.linkedRepositories { link.writeInclude(&xml) }
        xml.end()
        xml.end()
        xml.end()
    }

    private func writeBackupRetention(_ xml: inout XMLWriter) {
        xml.start("AdvancedStorageOptions")
        xml.element("PasswordKeyId", "")
        xml.end()
        xml.start("GfsRetentionPolicy", ["Enabled": "false"])
        for (period, selector, value) in [
            ("Weekly", "SelectedDay", "Sunday"), ("Monthly", "SelectedWeek", "First"),
            ("Yearly", "SelectedMonth", "January"),
        ] {
            xml.start(period)
            xml.element("Enabled", false)
            xml.element("RetentionPeriod", Int64(1))
            xml.element(selector, value)
            xml.end()
        }
        xml.end()
        xml.start("SimpleRetentionPolicy")
        xml.element("RetainCycles", Int64(self.retainCycles))
        xml.element("RetainDaysToKeep", Int64(7))
        xml.element("RetainLimitType", "Cycles")
        xml.end()
    }
}
