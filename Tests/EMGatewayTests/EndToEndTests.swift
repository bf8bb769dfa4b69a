import EMGateway
import EMSimulator
import EMTranslate
import EMUpstream
import Foundation
import Testing

/// The gateway in front of the simulator, over real loopback sockets, called with libcurl.
@Suite("Gateway end to end")
struct EndToEndTests {
    static let seedID = "0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"

    @Test("logon passes through: 201, token header, Location on the gateway, LogonSession as JSON")
    func logon() async throws {
        try await DemoStack.with { stack in
            let answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            #expect(answer.status == 201)
            let token = try #require(answer.header("X-RestSvcSessionId"))
            let location = try #require(answer.header("Location"))
            #expect(location.hasPrefix(stack.gatewayURL + "/api/logonSessions/"))
            #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
            let session = try answer.json()
            let sessionID = try #require(session["SessionId"] as? String)
            #expect(Data(sessionID.utf8).base64EncodedString() == token)
            #expect(session["UserName"] as? String == "demo")
            let links = try #require(session["Links"] as? [[String: Any]])
            #expect(!links.isEmpty)
            for link in links { #expect((link["Href"] as? String)?.hasPrefix(stack.gatewayURL + "/api/") == true) }
        }
    }

    @Test("the seed replication session as JSON, and following its Up link")
    func seedSession() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let answer = try await stack.call(
                "GET", "/api/replicaSessions/\(Self.seedID)?format=Entity",
                headers: [DemoStack.session(token), .init(name: "Accept", value: "application/json")])
            #expect(answer.status == 200)
            let session = try answer.json()
            #expect(session["ReplicaJobSession"] == nil)
            #expect(!session.keys.contains { $0.hasPrefix("xmlns") })
            #expect(session["Progress"] as? Int == 100)
            #expect(answer.text.contains(#""IsRetry":false"#))
            #expect(session["State"] as? String == "Stopped")
            #expect((session["Href"] as? String) == stack.gatewayURL + "/api/replicaSessions/\(Self.seedID)?format=Entity")
            let links = try #require(session["Links"] as? [[String: Any]])
            #expect(links.count == 4)
            for link in links { #expect((link["Href"] as? String)?.hasPrefix(stack.gatewayURL + "/api/") == true) }
            #expect(links.contains { ($0["Href"] as? String)?.hasSuffix("/api/replicaSessions/\(Self.seedID)/repicaTaskSessions") == true })
            let up = try #require(links.first { $0["Rel"] as? String == "Up" && $0["Type"] as? String == "BackupServerReference" })
            let server = try await stack.call("GET", try #require(up["Href"] as? String), headers: [DemoStack.session(token)])
            #expect(server.status == 200)
            #expect(try server.json()["Name"] as? String == "srv02.tech.local")
        }
    }

    @Test("convert of the seed page's XML gives the JSON the gateway serves")
    func convertMatchesGateway() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let served = try await stack.call(
                "GET", "/api/replicaSessions/\(Self.seedID)?format=Entity", headers: [DemoStack.session(token)])
            let converted = try XMLToJSONConverter.convert(
                try Fixtures.bytes("replicasession_seed_entity.xml"),
                configuration: .init(linkRewriter: LinkRewriter(publicBaseURL: stack.gatewayURL)))
            let a = try JSONSerialization.jsonObject(with: Data(converted)) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: Data(served.body)) as? NSDictionary
            #expect(a != nil && a == b)
        }
    }

    @Test("no session: EM's 401 as JSON")
    func unauthorized() async throws {
        try await DemoStack.with { stack in
            let answer = try await stack.call("GET", "/api/replicaSessions/\(Self.seedID)")
            #expect(answer.status == 401)
            let error = try answer.json()
            #expect(error["StatusCode"] as? Int == 401)
            #expect(error["Message"] is String)
        }
    }

    @Test("bad credentials: 401, WWW-Authenticate kept, JSON body")
    func badCredentials() async throws {
        try await DemoStack.with { stack in
            let answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "wrong")])
            #expect(answer.status == 401)
            #expect(answer.header("WWW-Authenticate") == "Basic Realm=RestSvc")
            #expect(try answer.json()["StatusCode"] as? Int == 401)
        }
    }

    @Test("EM's 404 keeps its status, its Error body as JSON")
    func notFound() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let answer = try await stack.call(
                "GET", "/api/replicaSessions/00000000-0000-0000-0000-000000000000?format=Entity", headers: [DemoStack.session(token)])
            #expect(answer.status == 404)
            let error = try answer.json()
            #expect(error["StatusCode"] as? Int == 404)
            #expect((error["Message"] as? String)?.isEmpty == false)
        }
    }

    @Test("EM unreachable: 502 in EM's Error shape")
    func unreachable() async throws {
        try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:1" }) { stack in
            let answer = try await stack.call("GET", "/api/")
            #expect(answer.status == 502)
            let error = try answer.json()
            #expect(error["StatusCode"] as? Int == 502)
            #expect(error["Status"] as? String == "BadGateway")
            #expect(error["Message"] as? String == "Enterprise Manager is unreachable.")
        }
    }

    @Test("the gateway's own routes: /healthz, and 404 JSON outside /api")
    func ownRoutes() async throws {
        try await DemoStack.with { stack in
            let health = try await stack.call("GET", "/healthz")
            #expect(health.status == 200)
            #expect(health.text == #"{"status":"ok"}"#)
            for path in ["/healthz", "/readyz", "/metrics", "/openapi.json", "/openapi-3.1.json", "/openapi-3.1.yaml", "/"] {
                let head = try await stack.call("HEAD", path)
                #expect(head.status != 404 && head.status != 405, "HEAD \(path): \(head.status)")
                #expect(head.body.isEmpty, "HEAD \(path)")
            }
            let other = try await stack.call("GET", "/etc/passwd")
            #expect(other.status == 404)
            #expect(try other.json()["Status"] as? String == "NotFound")
        }
    }

    @Test("dot-segments that climb out of /api are refused before anything is forwarded")
    func dotSegments() async throws {
        try await DemoStack.with { stack in
            for path in ["/api/../healthz", "/api/%2e%2e/x", "/api/%2E%2E/x"] {
                let answer = try await stack.call("GET", path)
                #expect(answer.status == 400, "\(path)")
                #expect(try answer.json()["Status"] as? String == "BadRequest")
            }
        }
    }

    @Test("GET /api/ needs no session and answers EnterpriseManager as JSON with links on the gateway")
    func root() async throws {
        try await DemoStack.with { stack in
            let answer = try await stack.call("GET", "/api/")
            #expect(answer.status == 200)
            let root = try answer.json()
            let links = try #require(root["Links"] as? [[String: Any]])
            #expect(links.allSatisfy { ($0["Href"] as? String)?.hasPrefix(stack.gatewayURL) == true })
        }
    }
}
