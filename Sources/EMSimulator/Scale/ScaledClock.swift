/// Calendar arithmetic for the scaled world's timestamps, without Foundation: seconds since
/// 1970 to EM's lexical forms (proleptic Gregorian calendar, UTC).
struct ScaledClock: Sendable {
    /// Year, month (1-12), day, hour, minute, second.
    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Splits a Unix time into calendar fields (days-from-civil inverted, after H. Hinnant).
    /// - Parameter seconds: seconds since 1970-01-01T00:00:00Z (not negative).
    init(seconds: Int) {
        let days = seconds / 86_400
        let rest = seconds % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        self.day = dayOfYear - (153 * mp + 2) / 5 + 1
        self.month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
        self.hour = rest / 3600
        self.minute = rest % 3600 / 60
        self.second = rest % 60
    }

    /// `2025-01-01T05:30:12Z`, as EM writes `CreationTimeUTC`.
    var dateTimeUTC: String { "\(self.date)T\(self.time)Z" }

    /// `2025-01-01 05:30:12`, as EM writes the time in a session's name.
    var nameStamp: String { "\(self.date) \(self.time)" }

    /// `Jan 1 2025  5:30AM`, the .NET default form EM uses to name restore points.
    var restorePointName: String {
        let hour12 = self.hour % 12 == 0 ? 12 : self.hour % 12
        let hourText = hour12 < 10 ? " \(hour12)" : "\(hour12)"
        let dayText = self.day < 10 ? " \(self.day)" : "\(self.day)"
        return
            "\(Self.monthNames[self.month - 1]) \(dayText) \(self.year) \(hourText):\(Self.two(self.minute))\(self.hour < 12 ? "AM" : "PM")"
    }

    private var date: String { "\(self.year)-\(Self.two(self.month))-\(Self.two(self.day))" }
    private var time: String { "\(Self.two(self.hour)):\(Self.two(self.minute)):\(Self.two(self.second))" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
