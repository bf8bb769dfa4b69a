import EMSimulator
import Foundation
import Testing

/// `--latency em`: the modelled answer times and the parallel limit, observed on a manual
/// clock and by the gate's counters (no time is measured).
extension DemoWorldSuites {
    @Suite struct LatencyTests {
        typealias H = DemoWorldHarness

        @Test func theModelFollowsItsStatedFormula() {
            typealias M = EMLatencyModel
            #expect(M.delay(for: .other) == .milliseconds(20))
            #expect(M.delay(for: .collection(items: 0, entities: false)) == .milliseconds(20))
            #expect(M.delay(for: .collection(items: 1000, entities: false)) == .milliseconds(220))
            #expect(M.delay(for: .collection(items: 1000, entities: true)) == .milliseconds(520))
            #expect(M.delay(for: .logon) == .milliseconds(250))
            #expect(M.delay(for: .report(sessions: 0)) == .milliseconds(300))
            #expect(M.delay(for: .report(sessions: 10_000)) == .milliseconds(500))
            #expect(M.delay(for: .query(scanned: 0)) == .milliseconds(200))
            #expect(M.delay(for: .query(scanned: 5000)) == .milliseconds(450))
            #expect(M.delay(for: .write) == .milliseconds(50))
            #expect(M.parallelLimit == 4)
        }

        /// Logs on, moving the manual clock until the modelled logon time has passed.
        static func token(_ sim: SimulatorUnderTest, _ clock: ManualSimulatorClock, user: String = "demo") async throws -> String {
            let logon = Task { try await sim.token(user: user, password: user) }
            try await H.eventually("logon waits on the clock") { clock.sleeperCount == 1 }
            clock.advance(by: .milliseconds(250))
            return try await logon.value
        }

        @Test func theOverviewReportTakesAtLeast200Milliseconds() async throws {
            let clock = ManualSimulatorClock()
            let gate = SimulatorRequestGate()
            try await withSimulator(H.configuration(clock, latency: .em, gate: gate), timeLimit: .seconds(120)) { sim in
                let token = try await Self.token(sim, clock)
                let served = gate.counters.served
                let report = Task { try await sim.client.get("/api/reports/summary/overview", token: token) }
                try await H.eventually("the report waits on the clock") { clock.sleeperCount == 1 }
                clock.advance(by: .milliseconds(199))
                // Still in service: its modelled time has not passed.
                #expect(clock.sleeperCount == 1)
                #expect(gate.counters.served == served)
                var advanced = Duration.milliseconds(199)
                while clock.sleeperCount == 1 {
                    clock.advance(by: .milliseconds(50))
                    advanced += .milliseconds(50)
                    try await Task.sleep(for: .milliseconds(2))
                }
                let response = try await report.value
                #expect(response.status == 200)
                #expect(advanced >= .milliseconds(300))
            }
        }

        @Test func fiftyConcurrentCallsAreServedFourAtATime() async throws {
            let clock = ManualSimulatorClock()
            let gate = SimulatorRequestGate()
            try await withSimulator(H.configuration(clock, latency: .em, gate: gate), timeLimit: .seconds(120)) { sim in
                let calls = Task {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for _ in 0..<50 { group.addTask { try await sim.client.get("/api/").status } }
                        return try await group.reduce(into: [Int]()) { $0.append($1) }
                    }
                }
                try await H.eventually("4 in service, 46 waiting") {
                    let counters = gate.counters
                    return counters.inService == 4 && counters.waiting == 46 && clock.sleeperCount == 4
                }
                // Each 20 ms of clock serves the 4 in service and admits the next 4.
                for round in 1...13 {
                    clock.advance(by: .milliseconds(20))
                    let expected = min(50, round * 4)
                    try await H.eventually("round \(round)") {
                        let counters = gate.counters
                        return counters.served == expected && clock.sleeperCount == min(4, 50 - expected)
                    }
                    #expect(gate.counters.inService <= 4)
                }
                let statuses = try await calls.value
                #expect(statuses.count == 50 && statuses.allSatisfy { $0 == 200 })
                #expect(gate.counters.maxInService == 4)
                #expect(gate.counters.served == 50)
            }
        }
    }
}
