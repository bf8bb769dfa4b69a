import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Testing

/// Request coalescing against a simulator as slow as EM (`latency = .em`: a summary report takes
/// 200 ms or more), so that requests sent together overlap in flight.
@Suite("Read path: coalescing")
struct CoalescingTests {
    static let report = "/api/reports/summary/overview"

    static func slowSimulator() -> SimulatorConfiguration {
        var simulator = SimulatorConfiguration()
        simulator.latency = .em
        simulator.accounts["ops"] = "ops"
        return simulator
    }

    static func logOn(_ stack: DemoStack, _ user: String, _ password: String) async throws -> String {
        let answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic(user, password)])
        #expect(answer.status == 201)
        return try #require(answer.header("X-RestSvcSessionId"))
    }

    @Test("20 concurrent identical GETs make one EM call and get one body")
    func twentyMakeOneCall() async throws {
        try await DemoStack.with(simulator: Self.slowSimulator()) { stack in
            let token = try await Self.logOn(stack, "demo", "demo")
            let before = try await ReadPathTests.upstreamCalls(stack, route: Self.report)
            // Only a token EM accepted within the last 10 s joins a call: on a loaded machine
            // the logon may be older than that by now, so EM sees the token once more first.
            #expect(try await stack.call("GET", "/api/", headers: [DemoStack.session(token)]).status == 200)
            let answers = try await withThrowingTaskGroup(of: DemoStack.Answer.self) { group in
                for _ in 0..<20 { group.addTask { try await stack.call("GET", Self.report, headers: [DemoStack.session(token)]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 200 })
            #expect(Set(answers.map(\.body)).count == 1, "every client got the same bytes")
            // One client asked EM; every other one joined its call, or (when it came after the
            // answer) read what that call stored: none made a call of its own.
            let statuses = answers.compactMap { $0.header("Cache-Status") }
            #expect(statuses.filter { $0 == "em-gateway; fwd=uri-miss" }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0.hasPrefix("em-gateway; fwd=uri-miss") || $0.hasPrefix("em-gateway; hit") }, "\(statuses)")
            #expect(try await ReadPathTests.upstreamCalls(stack, route: Self.report) == before + 1)
        }
    }

    @Test("two identities asking the same URL at once make two calls and get their own answers")
    func identitiesAreNeverShared() async throws {
        var simulator = Self.slowSimulator()
        simulator.restrictedUsers = ["ops"]
        try await DemoStack.with(simulator: simulator) { stack in
            let demo = try await Self.logOn(stack, "demo", "demo")
            let ops = try await Self.logOn(stack, "ops", "ops")
            let before = try await ReadPathTests.upstreamCalls(stack, route: "/api/jobs")
            async let asDemo = stack.call("GET", "/api/jobs", headers: [DemoStack.session(demo)])
            async let asOps = stack.call("GET", "/api/jobs", headers: [DemoStack.session(ops)])
            let (demoAnswer, opsAnswer) = try await (asDemo, asOps)
            #expect(demoAnswer.status == 200 && opsAnswer.status == 200)
            #expect(demoAnswer.body != opsAnswer.body, "the restricted account sees fewer jobs")
            #expect(demoAnswer.header("Cache-Status") == "em-gateway; fwd=uri-miss")
            #expect(opsAnswer.header("Cache-Status") == "em-gateway; fwd=uri-miss")
            #expect(try await ReadPathTests.upstreamCalls(stack, route: "/api/jobs") == before + 2)
        }
    }

    @Test("a 401 is never shared: a joined client with a good token makes its own call")
    func unauthorizedIsNotShared() async throws {
        try await DemoStack.with(simulator: Self.slowSimulator()) { stack in
            let stale = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let staleToken = try #require(stale.header("X-RestSvcSessionId"))
            let staleID = try #require(try stale.json()["SessionId"] as? String)
            let good = try await Self.logOn(stack, "demo", "demo")
            // EM ends the first session behind the gateway's back.
            let removed = try await stack.call(
                "DELETE", stack.simulatorURL + "/api/logonSessions/\(staleID)", headers: [DemoStack.session(staleToken)])
            #expect(removed.status == 204)
            async let leader = stack.call("GET", Self.report, headers: [DemoStack.session(staleToken)])
            try await Task.sleep(for: .milliseconds(40))
            async let joiner = stack.call("GET", Self.report, headers: [DemoStack.session(good)])
            let (refused, served) = try await (leader, joiner)
            #expect(refused.status == 401)
            #expect(served.status == 200)
            #expect(served.header("Cache-Status") == "em-gateway; fwd=uri-miss")
        }
    }

    @Test("a client that leaves does not cancel the call for the others")
    func leavingClientDoesNotCancelOthers() async throws {
        try await DemoStack.with(simulator: Self.slowSimulator()) { stack in
            let token = try await Self.logOn(stack, "demo", "demo")
            // The leaving client must still be waiting when it leaves. On a loaded machine its
            // call can end before the others are sent; that round shows nothing, so the next
            // report (an URL not yet asked for) is tried.
            let reports = ["overview", "vms_overview", "job_statistics", "repository", "processed_vms"]
            var shown = false
            for report in reports where !shown {
                let route = "/api/reports/summary/" + report
                let before = try await ReadPathTests.upstreamCalls(stack, route: route)
                let leaving = Task { try await stack.call("GET", route, headers: [DemoStack.session(token)]) }
                try await Task.sleep(for: .milliseconds(40))
                async let first = stack.call("GET", route, headers: [DemoStack.session(token)])
                async let second = stack.call("GET", route, headers: [DemoStack.session(token)])
                try await Task.sleep(for: .milliseconds(20))
                leaving.cancel()
                let (a, b) = try await (first, second)
                let left = (try? await leaving.value) == nil
                #expect(a.status == 200 && b.status == 200)
                // Joined or (when they came after the answer) read from the cache: one EM call.
                #expect(try await ReadPathTests.upstreamCalls(stack, route: route) == before + 1)
                shown = left && [a, b].contains { $0.header("Cache-Status") == "em-gateway; fwd=uri-miss; collapsed" }
            }
            #expect(shown, "in no round did a client leave while others waited on its call")
        }
    }
}
