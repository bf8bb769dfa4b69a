extension Reports {
    /// The query values of every resource of a kind.
    /// - Parameter kind: the kind.
    /// - Returns: one dictionary per resource, in insertion order.
    func values(_ kind: ResourceKind) -> [[String: String]] {
        self.store.all(kind).map { $0.queryValues(self.context) }
    }

    /// The values of every job session, backup and replica.
    var jobSessions: [[String: String]] { self.values(.backupJobSession) + self.values(.replicaJobSession) }

    /// VM jobs with their schedule enabled.
    /// - Parameter jobType: only jobs of this `JobType`, or all when `nil`.
    /// - Returns: the count.
    func scheduledJobs(_ jobType: String?) -> Int {
        self.values(.job).filter { job in
            job["scheduleenabled"] == "true" && (jobType == nil || job["jobtype"] == jobType)
        }.count
    }

    /// The number of distinct values of a field (case-insensitive).
    /// - Parameters:
    ///   - rows: the resources' values.
    ///   - field: the lower-cased field.
    /// - Returns: the count.
    func distinct(_ rows: [[String: String]], _ field: String) -> Int {
        Set(rows.compactMap { $0[field]?.lowercased() }).count
    }

    /// The sum of an integer field.
    /// - Parameters:
    ///   - rows: the resources' values.
    ///   - field: the lower-cased field.
    /// - Returns: the sum (fields that are no integer count 0).
    func sum(_ rows: [[String: String]], _ field: String) -> Int64 {
        rows.reduce(0) { $0 + (Int64($1[field] ?? "") ?? 0) }
    }

    /// The newest task session of each VM.
    /// - Parameter tasks: task sessions' values.
    /// - Returns: one per VM (`VmDisplayName`), in no particular order.
    func latestTasks(_ tasks: [[String: String]]) -> [[String: String]] {
        var newest: [String: (Double, [String: String])] = [:]
        for task in tasks {
            guard let vm = task["vmdisplayname"]?.lowercased(),
                let time = task["creationtime"].flatMap(DateTimeText.secondsSince1970)
            else { continue }
            if newest[vm].map({ $0.0 < time }) ?? true { newest[vm] = (time, task) }
        }
        return newest.values.map(\.1)
    }

    /// The `Result` of the newest task session of each VM.
    /// - Parameter tasks: task sessions' values.
    /// - Returns: one result per VM.
    func latestTaskResults(_ tasks: [[String: String]]) -> [String] {
        self.latestTasks(tasks).compactMap { $0["result"] }
    }

    /// The longest finished session and its job's name.
    /// - Parameter sessions: job sessions' values.
    /// - Returns: the duration in whole seconds and the job name (`0` and `""` when none finished).
    func longest(_ sessions: [[String: String]]) -> (seconds: Int64, name: String) {
        var best: (seconds: Int64, name: String) = (0, "")
        for session in sessions {
            guard let start = session["creationtime"].flatMap(DateTimeText.secondsSince1970),
                let end = session["endtime"].flatMap(DateTimeText.secondsSince1970)
            else { continue }
            let seconds = Int64((end - start).rounded())
            if seconds > best.seconds { best = (seconds, session["jobname"] ?? "") }
        }
        return best
    }

    /// The local day (days since 1970 in the reports' zone) of a UTC time.
    /// - Parameter text: the time, or `nil`.
    /// - Returns: the day, or `nil`.
    func localDay(_ text: String?) -> Int? {
        guard let seconds = text.flatMap(DateTimeText.secondsSince1970) else { return nil }
        return Int(((seconds + Double(Self.dayOffsetSeconds)) / 86_400).rounded(.down))
    }
}
