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
        xml.start("JobScheduleOptions")
        xml.start("Standart")

        xml.start("RetryOptions")
        xml.element("RetryTimes", Int64(self.retryTimes))
        xml.element("RetryTimeout", Int64(10))
        xml.element("RetrySpecified", true)
        xml.end()
        xml.element("WaitForBackupCompletion", true)
        xml.element("BackupCompetitionWaitingPeriodMin", Int64(180))

        xml.start("OptionsDaily", ["Enabled": Self.bool(self.dailyEnabled)])
        xml.element("Kind", self.dailyKind)
        for day in self.dailyDays { xml.element("Days", day) }
        xml.element("Time", self.time)
        xml.element("TimeOffsetUtc", Int64(self.timeOffsetUtc))
        xml.end()

        xml.start("OptionsMonthly", ["Enabled": "false"])
        xml.element("Time", self.time)
        xml.element("TimeOffsetUtc", Int64(self.timeOffsetUtc))
        xml.element("DayNumberInMonth", "Fourth")
        xml.element("DayOfWeek", "Saturday")
        for month in Self.months { xml.element("Months", month) }
        xml.element("DayOfMonth", Int64(1))
        xml.end()

        xml.start("OptionsPeriodically", ["Enabled": Self.bool(self.periodicallyEnabled)])
        xml.element("Kind", "Hours")
        xml.element("FullPeriod", Int64(1))
        Self.writeWeek("Schedule", &xml)
        xml.end()

        xml.start("OptionsContinuous", ["Enabled": "false"])
        Self.writeWeek("Schedule", &xml)
        xml.end()

        xml.start("OptionsBackupWindow", ["Enabled": "false"])
        Self.writeWeek("TimePeriods", &xml)
        xml.end()

        xml.start("OptionsDaisyChaining", ["Enabled": "false"])
        xml.element("PreviousJobUid", "")
        xml.end()

        xml.end()
        xml.end()
    }

    private static func writeWeek(_ element: String, _ xml: inout XMLWriter) {
        xml.start(element)
        for day in Self.weekDays {
            xml.element("Day", Self.allHours, ["Name": day])
        }
        xml.end()
    }

    private static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
