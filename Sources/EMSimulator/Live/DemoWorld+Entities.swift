/// The demo world's resources at a world time.
extension DemoWorld {
    private static var server: ParentRef { SeedData.srv02 }

    /// The jobs with their objects, and their backups: the same at every world time except
    /// each job's `NextRun`.
    /// - Parameter time: the world time, seconds since 1970.
    /// - Returns: jobs, objects in jobs and backups.
    static func jobEntities(at time: Int64) -> [any SimulatedEntity] {
        var entities: [any SimulatedEntity] = []
        for job in Self.jobs {
            let value = Self.job(job, nextRun: job.nextStart(after: time))
            entities.append(value)
            entities.append(contentsOf: value.includes as [any SimulatedEntity])
        }
        for job in Self.jobs {
            entities.append(
                SeedData.backup(
                    ParentRef(.backup, job.backupID, job.name), job: (job.id, job.name), Self.repository, Self.server,
                    platform: "VMware"))
        }
        return entities
    }

    /// A job as EM shows it.
    /// - Parameters:
    ///   - job: the demo job.
    ///   - nextRun: its next scheduled start, seconds since 1970.
    /// - Returns: the `Job`.
    static func job(_ job: DemoJob, nextRun: Int64) -> Job {
        var schedule = JobSchedule(
            dailyEnabled: false, dailyKind: "Everyday", dailyDays: JobSchedule.weekDays, time: "00:00:00.0000000+00:00",
            timeOffsetUtc: 0, periodicallyEnabled: false, retryTimes: job.retryTimes)
        schedule.retryTimeout = job.retryTimeoutMinutes
        switch job.schedule {
        case .daily(let secondOfDay):
            schedule.dailyEnabled = true
            let clock = ScaledClock(seconds: Int(secondOfDay))
            schedule.time = "\(Self.two(clock.hour)):\(Self.two(clock.minute)):00.0000000+00:00"
        case .periodic(let seconds):
            schedule.periodicallyEnabled = true
            schedule.periodicallyKind = "Minutes"
            schedule.fullPeriod = Int(seconds / 60)
        }
        let processing = GuestProcessing(
            vssSnapshotMode: "RequireSuccess", isCopyOnly: false, indexingMode: "Disabled",
            transactionLogsProcessing: "OnlyOnSuccessJob")
        return Job(
            id: job.id, name: job.name, serverID: SeedData.backupServerID, jobType: "Backup", platform: "VMware",
            description: "Demo job: runs on its schedule around the simulator's clock", scheduleConfigured: true,
            scheduleEnabled: true, nextRun: ScaledClock(seconds: Int(nextRun)).dateTimeUTC, schedule: schedule,
            includes: job.vms.map {
                ObjectInJob(
                    id: $0.objectID, jobID: job.id, hierarchyObjRef: SeedData.vmRef($0.moref), name: $0.name,
                    guestProcessing: processing)
            },
            guestProcessing: SeedData.disabledGuestProcessing, retainCycles: job.retainCycles)
    }

    /// The longest a run lasts (a daily run's 40 minutes).
    static let longestRun: Int64 = 2_400

    /// The length of the periods ``closedSessions(period:)`` covers: an hour.
    static let closedPeriod: Int64 = 3600

    /// The sessions and task sessions of the finished runs that stay in the history for the
    /// whole period from `period`: started in the 7 days before the period's end, ended by its start.
    /// - Parameter period: a world time that is a multiple of ``closedPeriod``, seconds since 1970.
    /// - Returns: the resources, sessions first.
    func closedSessions(period: Int64) -> [any SimulatedEntity] {
        var sessions: [any SimulatedEntity] = []
        var tasks: [any SimulatedEntity] = []
        for job in Self.jobs {
            for run in self.runs(of: job, from: period + Self.closedPeriod - Self.historySeconds, through: period)
            where run.end <= period {
                sessions.append(Self.session(run, at: period))
                tasks.append(contentsOf: Self.taskSessions(run, at: period))
            }
        }
        return sessions + tasks
    }

    /// The sessions and task sessions at `time` that ``closedSessions(period:)`` of its period
    /// leaves out: those about to leave the history, and those running or started since.
    /// - Parameters:
    ///   - time: the world time.
    ///   - period: `time` rounded down to a multiple of ``closedPeriod``.
    /// - Returns: the resources, sessions first.
    func openSessions(at time: Int64, period: Int64) -> [any SimulatedEntity] {
        var sessions: [any SimulatedEntity] = []
        var tasks: [any SimulatedEntity] = []
        let historyStart = time - Self.historySeconds
        let closedStart = period + Self.closedPeriod - Self.historySeconds
        for job in Self.jobs {
            let leaving = self.runs(of: job, from: historyStart, through: min(time, closedStart))
            let recent = self.runs(of: job, from: max(closedStart, period - Self.longestRun), through: time)
                .filter { $0.start > period || $0.end > period }
            for run in leaving + recent {
                sessions.append(Self.session(run, at: time))
                tasks.append(contentsOf: Self.taskSessions(run, at: time))
            }
        }
        return sessions + tasks
    }

    /// The restore points (with their VM points and backup files) and the repository at a
    /// world time: each job's newest `RetainCycles` finished runs that did not fail, among its
    /// runs of the last 7 days (the periodic job: of the last 3 × `RetainCycles` periods).
    /// - Parameter time: the world time.
    /// - Returns: the resources.
    func pointEntities(at time: Int64) -> [any SimulatedEntity] {
        var points: [any SimulatedEntity] = []
        var stored: Int64 = 0
        for job in Self.jobs {
            let lookBack: Int64
            switch job.schedule {
            case .daily: lookBack = Self.historySeconds
            case .periodic(let seconds): lookBack = min(Self.historySeconds, 3 * Int64(job.retainCycles) * seconds)
            }
            let runs = self.runs(of: job, from: time - lookBack, through: time)
            let kept = runs.filter { $0.end <= time && $0.result != "Failed" }.suffix(job.retainCycles)
            for (index, run) in kept.enumerated() {
                let size = self.fileSize(run, full: index == 0)
                stored += size
                points.append(contentsOf: Self.restorePoint(run, fileSize: size, full: index == 0))
            }
        }
        points.append(Self.repositoryRecord(used: Self.otherData + stored))
        return points
    }

    private func fileSize(_ run: DemoRun, full: Bool) -> Int64 {
        let source = run.job.vms.reduce(0) { $0 + $1.size }
        let percent = full ? 45 : self.numbers.int(2...6, run.job.number, run.slot, Int64(run.attempt), 5)
        return source / 100 * percent
    }

    private static func session(_ run: DemoRun, at time: Int64) -> JobSession {
        let running = time < run.end
        let progress = running ? Int((time - run.start) * 100 / max(1, run.end - run.start)) : 100
        return JobSession(
            kind: .backupJobSession, id: run.id, name: "\(run.job.name)@\(ScaledClock(seconds: Int(run.start)).nameStamp)",
            serverID: SeedData.backupServerID, jobID: run.job.id, jobName: run.job.name, jobType: "Backup",
            creationTimeUTC: ScaledClock(seconds: Int(run.start)).dateTimeUTC,
            endTimeUTC: running ? nil : ScaledClock(seconds: Int(run.end)).dateTimeUTC,
            state: running ? "Working" : "Stopped", result: running ? "None" : run.result, progress: progress,
            failureMessage: running ? nil : run.failureMessage, isRetry: run.attempt > 0)
    }

    private static func taskSessions(_ run: DemoRun, at time: Int64) -> [any SimulatedEntity] {
        run.tasks.enumerated().compactMap { index, task -> (any SimulatedEntity)? in
            guard task.start <= time else { return nil }
            let running = time < task.end
            return TaskSession(
                kind: .backupTaskSession, id: DemoWorld.guid(0x5e7a, run.job.number, run.slot, Int64(run.attempt * 16 + index)),
                name: "\(task.vm.name)@\(ScaledClock(seconds: Int(task.start)).nameStamp)", vmDisplayName: task.vm.name,
                serverID: SeedData.backupServerID, jobSessionID: run.id,
                creationTimeUTC: ScaledClock(seconds: Int(task.start)).dateTimeUTC,
                endTimeUTC: running ? nil : ScaledClock(seconds: Int(task.end)).dateTimeUTC,
                state: running ? "InProgress" : "Completed", result: running ? "None" : task.result,
                reason: running ? "" : task.reason, totalSize: task.vm.size, vmUID: SeedData.vmRef(task.vm.moref))
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
