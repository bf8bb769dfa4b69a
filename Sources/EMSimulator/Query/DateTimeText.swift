/// Reads the `xs:dateTime` texts EM writes and accepts (`2014-10-19T06:46:31Z`,
/// `2025-08-16T05:17:38.22142Z`, `2025-02-18T14:16:31`, `2014-10-19T08:46:31+02:00`, `2014-10-19`).
enum DateTimeText {
    /// The instant a text names.
    /// - Parameter text: the date and time; no zone means UTC.
    /// - Returns: seconds since 1970-01-01T00:00:00Z with the fraction, or `nil` when malformed.
    static func secondsSince1970(_ text: String) -> Double? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(Self.daysSince1970(year: year, month: month, day: day)) * 86_400
        if scanner.skip("T") {
            guard let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2), hour < 24, minute < 60
            else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if scanner.skip(":") {
                guard let second = scanner.digits(2), second < 61 else { return nil }
                seconds += Double(second)
                if scanner.skip(".") {
                    guard let fraction = scanner.fraction() else { return nil }
                    seconds += fraction
                }
            }
            if scanner.skip("Z") {
                // UTC
            } else if let sign = scanner.sign() {
                guard let hours = scanner.digits(2), scanner.skip(":"), let minutes = scanner.digits(2) else { return nil }
                seconds -= sign * Double(hours * 3600 + minutes * 60)
            }
        }
        return scanner.atEnd ? seconds : nil
    }

    /// Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
    /// - Parameters:
    ///   - year: the year.
    ///   - month: 1...12.
    ///   - day: 1...31.
    /// - Returns: the day count, negative before 1970.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count (the inverse of ``daysSince1970(year:month:day:)``).
    /// - Parameter days: days since 1970-01-01.
    /// - Returns: year, month (1...12) and day (1...31).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Midnight of a local day with its offset, as EM writes report days (`2014-10-20T00:00:00+02:00`).
    /// - Parameters:
    ///   - day: the local day, in days since 1970-01-01.
    ///   - offsetSeconds: the zone's offset from UTC.
    /// - Returns: the text.
    static func localMidnight(day: Int, offsetSeconds: Int) -> String {
        let (year, month, dayOfMonth) = Self.civil(day)
        let sign = offsetSeconds < 0 ? "-" : "+"
        let offset = abs(offsetSeconds) / 60
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(dayOfMonth, 2))T00:00:00"
            + "\(sign)\(Self.pad(offset / 60, 2)):\(Self.pad(offset % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { self.index == self.bytes.count }

        mutating func skip(_ character: Character) -> Bool {
            guard self.index < self.bytes.count, self.bytes[self.index] == character.asciiValue else { return false }
            self.index += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard self.index + count <= self.bytes.count else { return nil }
            var value = 0
            for byte in self.bytes[self.index..<(self.index + count)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            self.index += count
            return value
        }

        mutating func fraction() -> Double? {
            var value = 0.0
            var scale = 0.1
            let start = self.index
            while self.index < self.bytes.count, (48...57).contains(self.bytes[self.index]) {
                value += Double(self.bytes[self.index] - 48) * scale
                scale /= 10
                self.index += 1
            }
            return self.index > start ? value : nil
        }

        mutating func sign() -> Double? {
            // A `+` in a query string arrives as a space once form-decoded.
            if self.skip("+") || self.skip(" ") { return 1 }
            if self.skip("-") { return -1 }
            return nil
        }
    }
}
