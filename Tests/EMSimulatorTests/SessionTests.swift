import EMSimulator
import Foundation
import TestSupport
import Testing

@Suite struct SessionTests {
    @Test func resourcesNeedASession() async throws {
        try await withSimulator { sim in
            for target in ["/api/jobs", "/api/logonSessions", "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b", "/api/nothing"] {
                let response = try await sim.client.get(target)
                #expect(response.status == 401, "\(target)")
                let error = try XMLNode.parse(response.body)
                #expect(error.name == "Error")
                #expect(error.attributes["StatusCode"] == "401")
            }
            let unknown = try await sim.client.get("/api/jobs", token: Data("no-such-session".utf8).base64EncodedString())
            #expect(unknown.status == 401)
        }
    }

    @Test func cookieWinsOverHeader() async throws {
        try await withSimulator { sim in
            let valid = try await sim.token()
            let stale = Data("00000000-0000-0000-0000-000000000000".utf8).base64EncodedString()
            // Stale cookie beside a fresh header: EM reads the cookie, so 401.
            let staleCookie = try await sim.client.get(
                "/api/jobs", headers: [("X-RestSvcSessionId", valid), ("Cookie", "other=1; X-RestSvcSessionId=\(stale)")])
            #expect(staleCookie.status == 401)
            // Fresh cookie beside a stale header: 200.
            let freshCookie = try await sim.client.get(
                "/api/jobs", headers: [("X-RestSvcSessionId", stale), ("Cookie", "X-RestSvcSessionId=\(valid)")])
            #expect(freshCookie.status == 200)
            // The cookie alone is enough.
            #expect(try await sim.client.get("/api/jobs", headers: [("Cookie", "X-RestSvcSessionId=\(valid)")]).status == 200)
        }
    }

    @Test func logonSessionsListGetDelete() async throws {
        try await withSimulator { sim in
            let first = try await sim.logon()
            let token = try #require(first.header("X-RestSvcSessionId"))
            let sessionID = try #require(try XMLNode.parse(first.body).text("SessionId"))
            let otherToken = try await sim.token()

            let list = try await sim.client.get("/api/logonSessions", token: token)
            #expect(list.status == 200)
            let root = try XMLNode.parse(list.body)
            #expect(root.name == "LogonSessions")
            #expect(root.attributes["xmlns"] == "http://www.veeam.com/ent/v1.0")
            #expect(root.attributes["Href"] == nil)
            let sessions = root.children("LogonSession")
            #expect(sessions.count == 2)
            #expect(sessions.first?.text("SessionId") == sessionID)
            #expect(sessions.allSatisfy { $0.childNames == ["Links", "UserName", "SessionId"] })

            let single = try await sim.client.get("/api/logonSessions/\(sessionID.uppercased())", token: token)
            #expect(single.status == 200)
            #expect(try XMLNode.parse(single.body).text("SessionId") == sessionID)

            let delete = try await sim.client.send("DELETE", "/api/logonSessions/\(sessionID)", headers: [("X-RestSvcSessionId", token)])
            #expect(delete.status == 204)
            #expect(delete.body.isEmpty)

            // The deleted token no longer works; the other session still does.
            let after = try await sim.client.get("/api/jobs", token: token)
            #expect(after.status == 401)
            #expect(try XMLNode.parse(after.body).attributes["StatusCode"] == "401")
            // EM answers a read of an unknown logon session with 500 and an Error, a delete with 404.
            let gone = try await sim.client.get("/api/logonSessions/\(sessionID)", token: otherToken)
            #expect(gone.status == 500)
            #expect(try XMLNode.parse(gone.body).attributes["StatusCode"] == "500")
            #expect(
                try await sim.client.send("DELETE", "/api/logonSessions/\(sessionID)", headers: [("X-RestSvcSessionId", otherToken)]).status
                    == 404)
            let remaining = try XMLNode.parse(try await sim.client.get("/api/logonSessions", token: otherToken).body)
            #expect(remaining.children("LogonSession").count == 1)
        }
    }

    @Test func idleSessionsExpire() async throws {
        // Refreshing on use is tested on the store with a manual clock (SessionStoreTests); here
        // only the direction that holds on any machine: a session left alone past its timeout is gone.
        var configuration = SimulatorConfiguration()
        configuration.sessionIdleTimeout = .seconds(1)
        try await withSimulator(configuration) { sim in
            let token = try await sim.token()
            try await Task.sleep(for: .seconds(2.5))
            let expired = try await sim.client.get("/api/jobs", token: token)
            #expect(expired.status == 401)
            #expect(try XMLNode.parse(expired.body).name == "Error")
        }
    }

}
