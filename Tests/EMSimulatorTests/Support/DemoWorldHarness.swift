import EMSimulator
import Foundation
import TestSupport
import Testing

/// The suites of the living demo world, one test at a time: each builds a world of some
/// 17,000 sessions, which the other suites' 20-second limits should not have to share.
@Suite(.serialized) struct DemoWorldSuites {}

/// Settings and helpers for tests of the living demo world: a manual clock, a fixed start.
enum DemoWorldHarness {
    /// 2026-01-05T12:00:00Z, the start every test world uses.
    static let start: Int64 = 1_767_614_400

    /// A demo simulator on a manual clock.
    /// - Parameters:
    ///   - clock: the clock the test moves.
    ///   - seed: the world's seed.
    ///   - latency: the answer times.
    ///   - gate: the parallel limit's gate, to read its counters.
    /// - Returns: the configuration (accounts `demo` and restricted `viewer`).
    static func configuration(
        _ clock: ManualSimulatorClock, seed: UInt64 = 1, latency: SimulatedLatency = .none,
        gate: SimulatorRequestGate = SimulatorRequestGate()
    ) -> SimulatorConfiguration {
        var world = DemoWorldConfiguration()
        world.seed = seed
        world.startTime = Self.start
        world.clockRate = 1
        var configuration = SimulatorConfiguration()
        configuration.demoWorld = world
        configuration.clock = clock.clock
        configuration.latency = latency
        configuration.requestGate = gate
        configuration.accounts = ["demo": "demo", "viewer": "viewer"]
        configuration.restrictedUsers = ["viewer"]
        return configuration
    }

    /// `xs:dateTime` of a world time, with or without `Z`.
    static func text(_ seconds: Int64, zone: Bool = true) -> String {
        let days = Int(seconds / 86_400)
        let rest = Int(seconds % 86_400)
        // Days to a civil date (H. Hinnant's algorithm).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))"
        return zone ? text + "Z" : text
    }

    /// Seconds since 1970 of an `xs:dateTime` EM wrote (`2026-01-05T12:00:00Z`, fraction and `Z` optional).
    static func seconds(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let digits = Array(text.utf8)
        guard digits.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Int64(days * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// A query-string value, everything but letters and digits escaped.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The entities of a `format=Entities` query.
    static func query(_ parameters: String, _ sim: SimulatorUnderTest, _ token: String) async throws -> [XMLNode] {
        let response = try await sim.client.get("/api/query?" + parameters, token: token)
        try #require(response.status == 200, "\(parameters): \(response.text)")
        return try XMLNode.parse(response.body).child("Entities")?.children.first?.children ?? []
    }

    /// Waits (polling; no time is asserted) until a condition holds.
    /// - Throws: `TimeoutError` when it does not within 20 s.
    static func eventually(_ what: String, _ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<4000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TimeoutError(description: "never: \(what)")
    }
}
