/// The changes a `PUT /api/jobs/{ID}?action=edit` body makes to a job: `Description`,
/// `ScheduleConfigured`, `ScheduleEnabled`, `NextRun` and `JobScheduleOptions` (with or without
/// EM 12's `Standart` wrapper): retries (`RetryTimes`, `RetryTimeout`), daily options (`Enabled`, `Kind`, `Days`, `Time`,
/// `TimeOffsetUtc`) and `OptionsPeriodically Enabled`. Elements left out keep their values.
struct JobEdit {
    /// The body's `<Job>` element.
    let body: RequestDocument.Element

    init(_ body: RequestDocument.Element) {
        self.body = body
    }

    /// Applies the body to a job.
    /// - Parameter job: the job, changed in place.
    func apply(to job: inout Job) {
        if let description = self.body.text("Description") { job.description = description }
        if let configured = self.body.text("ScheduleConfigured").flatMap(Self.bool) { job.scheduleConfigured = configured }
        if let enabled = self.body.text("ScheduleEnabled").flatMap(Self.bool) { job.scheduleEnabled = enabled }
        if let nextRun = self.body.text("NextRun") { job.nextRun = nextRun }
        guard let options = self.body.child("JobScheduleOptions") else { return }
        let schedule = options.child("Standart") ?? options
        if let retries = schedule.text("RetryOptions", "RetryTimes").flatMap({ Int($0) }) { job.schedule.retryTimes = retries }
        if let timeout = schedule.text("RetryOptions", "RetryTimeout").flatMap({ Int($0) }) { job.schedule.retryTimeout = timeout }
        if let daily = schedule.child("OptionsDaily") {
            if let enabled = daily.attributes["Enabled"].flatMap(Self.bool) { job.schedule.dailyEnabled = enabled }
            if let kind = daily.text("Kind") { job.schedule.dailyKind = kind }
            let days = daily.children.filter { $0.name == "Days" }.map(\.text)
            if !days.isEmpty { job.schedule.dailyDays = days }
            if let time = daily.text("Time") { job.schedule.time = time }
            if let offset = daily.text("TimeOffsetUtc").flatMap({ Int($0) }) { job.schedule.timeOffsetUtc = offset }
        }
        if let enabled = schedule.child("OptionsPeriodically")?.attributes["Enabled"].flatMap(Self.bool) {
            job.schedule.periodicallyEnabled = enabled
        }
    }

    /// `xs:boolean`'s lexical forms.
    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "1", "True": true
        case "false", "0", "False": false
        default: nil
        }
    }
}
