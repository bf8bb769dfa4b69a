/// A backup or replication job (`Job`).
struct Job: SimulatedEntity {
    var id: String
    var name: String
    let serverID: String
    /// `JobType`: `Backup` or `Replica` (the two the simulator models).
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
    /// Retention of backup jobs (`SimpleRetentionPolicy`); ignored for replicas.
    let retainCycles: Int

    var kind: ResourceKind { .job }

    var isReplica: Bool { self.jobType == "Replica" }

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

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.element("JobType", self.jobType)
        xml.element("Platform", self.platform)
        xml.element("Description", self.description)
        xml.element("ScheduleConfigured", self.scheduleConfigured)
        xml.element("ScheduleEnabled", self.scheduleEnabled)
        xml.element("NextRun", self.nextRun)
        self.schedule.write(&xml)
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
