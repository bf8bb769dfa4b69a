import EMSimulator
import Foundation
import TestSupport
import Testing

@Suite struct LogonTests {
    static let namespace = "http://www.veeam.com/ent/v1.0"

    @Test func apiRootNeedsNoSession() async throws {
        try await withSimulator { sim in
            let response = try await sim.client.get("/api/")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/xml; charset=utf-8")
            #expect(response.header("Content-Length") == String(response.body.count))
            #expect(response.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
            let root = try XMLNode.parse(response.body)
            #expect(root.name == "EnterpriseManager")
            #expect(root.attributes["xmlns"] == Self.namespace)
            let links = root.links
            #expect(links.map { $0.attributes["Rel"] } == ["Down", "Create"])
            #expect(links.map { $0.attributes["Type"] } == ["LogonSessionList", "LogonSession"])
            #expect(
                links.map { $0.attributes["Href"] } == [
                    "https://localhost:9398/api/logonSessions", "https://localhost:9398/api/sessionMngr/?v=latest",
                ])
            let versions = root.child("SupportedVersions")?.children("SupportedVersion") ?? []
            #expect(versions.map { $0.attributes["Name"] } == ["v1_5", "v1_6", "v1_7"])
            #expect(versions.last?.links.first?.attributes["Href"] == "https://localhost:9398/api/sessionMngr/?v=v1_7")
            // "/api" without the slash is the same resource.
            #expect(try await sim.client.get("/api").status == 200)
        }
    }

    @Test func logonAnswersCreatedWithTokenCookieAndLocation() async throws {
        try await withSimulator { sim in
            let response = try await sim.logon()
            #expect(response.status == 201)
            let root = try XMLNode.parse(response.body)
            #expect(root.name == "LogonSession")
            #expect(root.attributes["xmlns"] == Self.namespace)
            #expect(root.attributes["Type"] == "LogonSession")
            #expect(root.childNames == ["Links", "UserName", "SessionId"])
            #expect(root.text("UserName") == "demo")
            let sessionID = try #require(root.text("SessionId"))
            // EM's token is Base64 of the SessionId in the body.
            let token = try #require(response.header("X-RestSvcSessionId"))
            #expect(token == Data(sessionID.utf8).base64EncodedString())
            #expect(response.header("Set-Cookie") == "X-RestSvcSessionId=\(token); Path=/api")
            let href = "https://localhost:9398/api/logonSessions/\(sessionID)"
            #expect(response.header("Location") == href)
            #expect(root.attributes["Href"] == href)

            let links = root.links
            func link(_ type: String) -> XMLNode? { links.first { $0.attributes["Type"] == type } }
            #expect(links.first?.attributes["Rel"] == "Up")
            #expect(link("EnterpriseManager")?.attributes["Href"] == "https://localhost:9398/api/")
            #expect(link("BackupServerReferenceList")?.attributes["Href"] == "https://localhost:9398/api/backupServers")
            #expect(link("JobReferenceList")?.attributes["Href"] == "https://localhost:9398/api/jobs")
            #expect(link("ReplicaJobSessionReferenceList")?.attributes["Href"] == "https://localhost:9398/api/replicaSessions")
            #expect(link("QueryService")?.attributes["Href"] == "https://localhost:9398/api/querySvc")
            #expect(link("Report")?.attributes["Name"] == "Summary")
            #expect(links.last?.attributes["Rel"] == "Delete")
            #expect(links.last?.attributes["Href"] == href)
            #expect(links.last?.attributes["Type"] == nil)

            // The token works on the header.
            #expect(try await sim.client.get("/api/jobs", token: token).status == 200)
        }
    }

    @Test func wrongOrMissingCredentialsAre401WithBasicChallenge() async throws {
        try await withSimulator { sim in
            for response in [
                try await sim.logon(password: "wrong"),
                try await sim.logon(user: "nobody"),
                try await sim.client.send("POST", "/api/sessionMngr/?v=latest"),
                try await sim.client.send("POST", "/api/sessionMngr/?v=latest", headers: [("Authorization", "Basic !!!")]),
                try await sim.client.send("POST", "/api/sessionMngr/?v=latest", headers: [("Authorization", "Bearer x")]),
            ] {
                #expect(response.status == 401)
                #expect(response.header("WWW-Authenticate") == "Basic Realm=RestSvc")
                #expect(response.header("X-RestSvcSessionId") == nil)
                let error = try XMLNode.parse(response.body)
                #expect(error.name == "Error")
                #expect(error.attributes["StatusCode"] == "401")
                #expect(error.attributes["Status"] == nil)
            }
        }
    }

    @Test(arguments: ["v1_5", "v1_6", "v1_7", "latest", "LATEST"])
    func acceptedVersions(_ version: String) async throws {
        try await withSimulator { sim in
            let withSlash = try await sim.logon(target: "/api/sessionMngr/?v=\(version)")
            let withoutSlash = try await sim.logon(target: "/api/sessionMngr?v=\(version)")
            #expect(withSlash.status == 201)
            #expect(withoutSlash.status == 201)
        }
    }

    @Test func absentVersionIsAcceptedAndUnknownOnesRefused() async throws {
        try await withSimulator { sim in
            // Old scripts post to the bare /api/sessionMngr/ and EM lets them in.
            #expect(try await sim.logon(target: "/api/sessionMngr/").status == 201)
            // EM 12 and later no longer support API 1.4 and older.
            for version in ["v1_1", "v1_2", "v1_3", "v1_4", "V1_4", "v2", "", "v1_7x"] {
                let response = try await sim.logon(target: "/api/sessionMngr/?v=\(version)")
                #expect(response.status == 400, "v=\(version)")
                #expect(try XMLNode.parse(response.body).attributes["StatusCode"] == "400")
            }
        }
    }

    @Test func passwordsWithColonAtBackslashAndNonASCII() async throws {
        var configuration = SimulatorConfiguration()
        let password = "p:a@s\\s w\u{F6}rd:\u{20AC}"
        configuration.accounts = ["EXAMPLE\\Administrator": password]
        try await withSimulator(configuration) { sim in
            let response = try await sim.logon(user: "EXAMPLE\\Administrator", password: password)
            #expect(response.status == 201)
            #expect(try XMLNode.parse(response.body).text("UserName") == "EXAMPLE\\Administrator")
            // User names fold case, passwords do not.
            #expect(try await sim.logon(user: "example\\administrator", password: password).status == 201)
            #expect(try await sim.logon(user: "EXAMPLE\\Administrator", password: password.uppercased()).status == 401)
            // The split is at the first colon: a user "EXAMPLE\Administrator:p" does not exist.
            #expect(try await sim.logon(user: "EXAMPLE\\Administrator:p", password: "a@s\\s").status == 401)
        }
    }

    @Test func formEncodedLogonIs415AndALoginSpecWithoutCredentialsIs401() async throws {
        try await withSimulator { sim in
            let credentials = Data("demo:demo".utf8).base64EncodedString()
            let form = try await sim.client.send(
                "POST", "/api/sessionMngr/?v=latest",
                headers: [("Authorization", "Basic \(credentials)"), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(form.status == 415)
            let tenant = try await sim.client.send(
                "POST", "/api/sessionMngr/?v=latest", headers: [("Content-Type", "application/xml")],
                body: Array("<LoginSpec xmlns=\"http://www.veeam.com/ent/v1.0\"/>".utf8))
            #expect(tenant.status == 401)
            #expect(tenant.header("WWW-Authenticate") == "Basic Realm=RestSvc")
        }
    }

    @Test func logsNeverCarryPasswordsTokensOrSessionIDs() async throws {
        let logs = CapturedLogs()
        var configuration = SimulatorConfiguration()
        configuration.accounts = ["demo": "Secret-Pa55"]
        try await withSimulator(configuration, logs: logs) { sim in
            let response = try await sim.logon(password: "Secret-Pa55")
            let token = try #require(response.header("X-RestSvcSessionId"))
            let sessionID = try #require(try XMLNode.parse(response.body).text("SessionId"))
            _ = try await sim.client.get("/api/logonSessions/\(sessionID)", token: token)
            _ = try await sim.client.send("DELETE", "/api/logonSessions/\(sessionID)", headers: [("X-RestSvcSessionId", token)])
            let lines = logs.all
            #expect(lines.contains { $0.contains("em.sim.route") })
            for secret in ["Secret-Pa55", token, sessionID, Data("demo:Secret-Pa55".utf8).base64EncodedString()] {
                #expect(!lines.contains { $0.contains(secret) }, "a log line carries \(secret)")
            }
        }
    }
}
