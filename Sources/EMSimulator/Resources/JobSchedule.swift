/// A job's `JobScheduleOptions`, in the shape EM 12 and later write (with the `Standart` wrapper, sic).
struct JobSchedule: Sendable {
    /// `OptionsDaily Enabled`.
    var dailyEnabled: Bool
    /// `OptionsDaily/Kind` (`Everyday`, `WeekDays`, `SelectedDays`).
    var dailyKind: String
    /// `OptionsDaily/Days`, one element each.
    var dailyDays: [String]
    /// `Time` of day, with EM's seven fractional digits and offset (`22:00:00.0000000+01:00`).
    var time: String
    /// `TimeOffsetUtc` in hours.
    var timeOffsetUtc: Int
    /// `OptionsPeriodically Enabled`.
    var periodicallyEnabled: Bool
    /// `RetryOptions/RetryTimes`.
    var retryTimes: Int
    /// `RetryOptions/RetryTimeout`: minutes between a failed run and its retry. Default 10.
    var retryTimeout = 10
    /// `OptionsPeriodically/Kind` (`Hours`, `Minutes`). Default `Hours`.
    var periodicallyKind = "Hours"
    /// `OptionsPeriodically/FullPeriod`, in units of ``periodicallyKind``. Default 1.
    var fullPeriod = 1
    /// Whether this is an immediate backup copy job's schedule: `ImmediateCopyMode` with only
    /// `OptionsContinuous` (enabled when `dailyEnabled` is), as EM's samples of such jobs
    /// (`get_jobs_id`) show, instead of `Standart`. Default `false`.
    var immediateCopy = false

    static let weekDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    /// A permitted-hours map: 24 comma-separated flags per day.
    private static let allHours = Array(repeating: "1", count: 24).joined(separator: ",")

    /// Writes `<JobScheduleOptions>` in schema order.
    /// - Parameter xml: the writer, positioned inside the `Job`.
    func write(_ xml: inout XMLWriter) {
        xml.content([self.content], hrefs: HrefBuilder(advertisedBaseURL: ""))
    }

    /// `<JobScheduleOptions>` as content, for records that embed it (agent and NAS jobs).
    var content: XMLContent {
        if self.immediateCopy {
            return .element(
                "JobScheduleOptions",
                [
                    .element(
                        "ImmediateCopyMode",
                        [
                            .element("OptionsContinuous", [("Enabled", Self.bool(self.dailyEnabled))], [Self.week("Schedule")])
                        ])
                ])
        }
        let time = XMLContent.text("Time", self.time)
        let offset = XMLContent.text("TimeOffsetUtc", Int64(self.timeOffsetUtc))
        return .element(
            "JobScheduleOptions",
            [
                .element(
                    "Standart",
                    [
                        .element(
                            "RetryOptions",
                            [
                                .text("RetryTimes", Int64(self.retryTimes)), .text("RetryTimeout", Int64(self.retryTimeout)),
                                .text("RetrySpecified", true),
                            ]),
                        .text("WaitForBackupCompletion", true),
                        .text("BackupCompetitionWaitingPeriodMin", Int64(180)),
                        .element(
                            "OptionsDaily", [("Enabled", Self.bool(self.dailyEnabled))],
                            [.text("Kind", self.dailyKind)] + self.dailyDays.map { .text("Days", $0) } + [time, offset]),
                        .element(
                            "OptionsMonthly", [("Enabled", "false")],
                            [time, offset, .text("DayNumberInMonth", "Fourth"), .text("DayOfWeek", "Saturday")]
                                + Self.months.map { .text("Months", $0) } + [.text("DayOfMonth", Int64(1))]),
                        .element(
                            "OptionsPeriodically", [("Enabled", Self.bool(self.periodicallyEnabled))],
                            [.text("Kind", self.periodicallyKind), .text("FullPeriod", Int64(self.fullPeriod)), Self.week("Schedule")]),
                        .element("OptionsContinuous", [("Enabled", "false")], [Self.week("Schedule")]),
                        .element("OptionsBackupWindow", [("Enabled", "false")], [Self.week("TimePeriods")]),
                        .element("OptionsDaisyChaining", [("Enabled", "false")], [.text("PreviousJobUid", "")]),
                    ])
            ])
    }

    private static func week(_ element: String) -> XMLContent {
        .element(element, Self.weekDays.map { .text("Day", Self.allHours, [("Name", $0)]) })
    }

    private static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
