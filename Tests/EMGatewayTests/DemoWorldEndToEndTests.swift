import EMGateway
import EMSimulator
import Foundation
import Testing

/// The living demo world through the gateway, as a monitoring client sees it in JSON: on a
/// manual clock at a fixed start.
@Suite struct DemoWorldEndToEndTests {
    /// 2026-01-05T12:00:00Z.
    static let start: Int64 = 1_767_614_400

    static func simulator(_ clock: ManualSimulatorClock) -> SimulatorConfiguration {
        var world = DemoWorldConfiguration()
        world.startTime = Self.start
        var configuration = SimulatorConfiguration()
        configuration.demoWorld = world
        configuration.clock = clock.clock
        configuration.accounts = ["demo": "demo", "viewer": "viewer"]
        configuration.restrictedUsers = ["viewer"]
        return configuration
    }

    @Test("the query service finds backup sessions of the last 24 hours, some failed or warning; viewer sees fewer jobs")
    func lastDayThroughTheGateway() async throws {
        let clock = ManualSimulatorClock()
        try await DemoStack.with(simulator: Self.simulator(clock)) { stack in
            let token = try await stack.logOn()
            let filter = "CreationTime%3E%3D%222026-01-04T12:00:00%22"
            let answer = try await stack.call(
                "GET", "/api/query?type=BackupJobSession&format=Entities&pageSize=5000&filter=\(filter)",
                headers: [DemoStack.session(token)])
            #expect(answer.status == 200)
            let json = try answer.json()
            let entities = try #require(json["Entities"] as? [String: Any])
            let wrapper = try #require(entities["BackupJobSessions"] as? [String: Any])
            let sessions = try #require(wrapper["BackupJobSessions"] as? [[String: Any]])
            #expect(sessions.count > 500)
            let results = Set(sessions.compactMap { $0["Result"] as? String })
            #expect(results.contains("Failed") && results.contains("Warning"))
            #expect(sessions.allSatisfy { ($0["CreationTimeUTC"] as? String ?? "") >= "2026-01-04T12:00:00" })

            let viewerLogon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("viewer", "viewer")])
            let viewer = try #require(viewerLogon.header("X-RestSvcSessionId"))
            let demoJobs = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)]).text
            let viewerJobs = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(viewer)]).text
            #expect(demoJobs.contains("\"Exchange Backup\"") && demoJobs.contains("\"Web Backup\""))
            #expect(!viewerJobs.contains("\"Exchange Backup\"") && viewerJobs.contains("\"Web Backup\""))
            #expect(viewerJobs.count < demoJobs.count)
        }
    }
}
