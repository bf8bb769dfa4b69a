import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Testing

/// Pass-through sessions, cookies, browsers and abuse.
@Suite("Sessions and browsers")
struct SessionSecurityTests {
    static let seed = "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"

    @Test("logon sets the gateway's own cookie: Path=/api, HttpOnly, SameSite=Strict, no Secure over http")
    func cookieOnLogon() async throws {
        try await DemoStack.with { stack in
            let answer = try await stack.call("POST", "/api/sessionMngr/?v=v1_7", headers: [DemoStack.basic("demo", "demo")])
            #expect(answer.status == 201)
            let token = try #require(answer.header("X-RestSvcSessionId"))
            let cookies = answer.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
            #expect(cookies == ["X-RestSvcSessionId=\(token); Path=/api; HttpOnly; SameSite=Strict"])
        }
    }

    @Test("logon variants real clients send all pass: v=latest, v=v1_7, trailing slash or not")
    func logonVariants() async throws {
        try await DemoStack.with { stack in
            for path in ["/api/sessionMngr/?v=latest", "/api/sessionMngr?v=latest", "/api/sessionMngr/?v=v1_7", "/api/sessionMngr/"] {
                let answer = try await stack.call(
                    "POST", path,
                    headers: [DemoStack.basic("demo", "demo"), .init(name: "Content-Type", value: "application/x-www-form-urlencoded")])
                #expect(answer.status == 201, "\(path)")
            }
        }
    }

    @Test("a request with only the cookie reaches EM with the token as header; the header wins over a stale cookie")
    func cookieToHeader() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let byCookie = try await stack.call("GET", Self.seed, headers: [.init(name: "Cookie", value: "X-RestSvcSessionId=\(token)")])
            #expect(byCookie.status == 200)
            let both = try await stack.call(
                "GET", Self.seed, headers: [.init(name: "Cookie", value: "X-RestSvcSessionId=stale-token"), DemoStack.session(token)])
            #expect(both.status == 200)
        }
    }

    @Test("logoff answers 204 and clears the cookie; the token is then refused with a JSON 401")
    func logoff() async throws {
        try await DemoStack.with { stack in
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let id = try #require(try logon.json()["SessionId"] as? String)
            let logoff = try await stack.call("DELETE", "/api/logonSessions/\(id)", headers: [DemoStack.session(token)])
            #expect(logoff.status == 204)
            #expect(logoff.header("Set-Cookie")?.contains("Max-Age=0") == true)
            let after = try await stack.call("GET", Self.seed, headers: [DemoStack.session(token)])
            #expect(after.status == 401)
            #expect(try after.json()["StatusCode"] as? Int == 401)
        }
    }

    @Test("EM's Basic challenge is dropped for browser calls and kept for curl")
    func challenge() async throws {
        try await DemoStack.with { stack in
            let curl = try await stack.call("GET", Self.seed)
            #expect(curl.header("WWW-Authenticate") == "Basic Realm=RestSvc")
            let xhr = try await stack.call("GET", Self.seed, headers: [.init(name: "X-Requested-With", value: "XMLHttpRequest")])
            #expect(xhr.status == 401)
            #expect(xhr.header("WWW-Authenticate") == nil)
        }
        try await DemoStack.with(configure: { $0.challengePolicy = .keep }) { stack in
            let xhr = try await stack.call("GET", Self.seed, headers: [.init(name: "Origin", value: "https://app.example")])
            #expect(xhr.header("WWW-Authenticate") == "Basic Realm=RestSvc")
        }
    }

    @Test("a cookie-only state-changing request needs an allowed Origin; refused ones are not forwarded")
    func crossSite() async throws {
        try await DemoStack.with(configure: { $0.allowedOrigins = ["https://app.example"] }) { stack in
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let id = try #require(try logon.json()["SessionId"] as? String)
            let cookie = UpstreamHeader(name: "Cookie", value: "X-RestSvcSessionId=\(token)")
            let forged = try await stack.call(
                "DELETE", "/api/logonSessions/\(id)", headers: [cookie, .init(name: "Origin", value: "https://evil.example")])
            #expect(forged.status == 403)
            let noOrigin = try await stack.call("DELETE", "/api/logonSessions/\(id)", headers: [cookie])
            #expect(noOrigin.status == 403)
            #expect(try await stack.call("GET", Self.seed, headers: [cookie]).status == 200)
            let allowed = try await stack.call(
                "DELETE", "/api/logonSessions/\(id)", headers: [cookie, .init(name: "Origin", value: "https://app.example")])
            #expect(allowed.status == 204)
        }
    }

    @Test("CORS: preflight answered by the gateway for configured origins only; credentials never granted to others")
    func cors() async throws {
        try await DemoStack.with(configure: { $0.allowedOrigins = ["https://app.example"] }) { stack in
            let preflight = try await stack.call(
                "OPTIONS", "/api/jobs",
                headers: [.init(name: "Origin", value: "https://app.example"), .init(name: "Access-Control-Request-Method", value: "GET")])
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == "https://app.example")
            #expect(preflight.header("Access-Control-Allow-Credentials") == "true")
            #expect(preflight.header("Access-Control-Allow-Headers")?.contains("X-RestSvcSessionId") == true)
            let denied = try await stack.call(
                "OPTIONS", "/api/jobs",
                headers: [.init(name: "Origin", value: "https://evil.example"), .init(name: "Access-Control-Request-Method", value: "GET")])
            #expect(denied.status == 403)
            #expect(denied.header("Access-Control-Allow-Origin") == nil)
            let root = try await stack.call("GET", "/api/", headers: [.init(name: "Origin", value: "https://app.example")])
            #expect(root.header("Access-Control-Allow-Origin") == "https://app.example")
            #expect(root.header("Vary")?.contains("Origin") == true)
            let other = try await stack.call("GET", "/api/", headers: [.init(name: "Origin", value: "https://evil.example")])
            #expect(other.header("Access-Control-Allow-Origin") == nil)
            #expect(other.header("Access-Control-Allow-Credentials") == nil)
        }
    }

    @Test("failed logons are rate-limited per client address: 429 with Retry-After")
    func throttle() async throws {
        try await DemoStack.with(configure: { $0.maxFailedLogons = 2 }) { stack in
            for _ in 0..<2 {
                let failed = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "nope")])
                #expect(failed.status == 401)
            }
            let limited = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            #expect(limited.status == 429)
            #expect(Int(limited.header("Retry-After") ?? "") ?? 0 > 0)
            #expect(try limited.json()["Status"] as? String == "TooManyRequests")
        }
    }

    @Test("passwords with \\ @ : and non-ASCII: the Authorization bytes reach EM untouched")
    func passwords() async throws {
        var simulator = SimulatorConfiguration()
        simulator.accounts["ops"] = #"p\a@s:s wörd"#
        try await DemoStack.with(simulator: simulator) { stack in
            let answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("ops", #"p\a@s:s wörd"#)])
            #expect(answer.status == 201)
        }
    }

    @Test("no password, Authorization value or session token appears in any log line of a full session")
    func secretsStayOutOfLogs() async throws {
        let capture = LogCapture()
        let secretPassword = "S3cr3t-Pa55"
        var simulator = SimulatorConfiguration()
        simulator.accounts["auditor"] = secretPassword
        let basic = DemoStack.basic("auditor", secretPassword)
        let (token, sessionID) = try await DemoStack.with(simulator: simulator, gatewayLogger: capture.logger()) { stack in
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [basic])
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let id = try #require(try logon.json()["SessionId"] as? String)
            _ = try await stack.call("GET", Self.seed + "?format=Entity", headers: [DemoStack.session(token)])
            _ = try await stack.call("GET", Self.seed, headers: [.init(name: "Cookie", value: "X-RestSvcSessionId=\(token)")])
            _ = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("auditor", "wrong-\(secretPassword)")])
            // A cookie-only DELETE is refused (403) and audited: still without the session ID.
            _ = try await stack.call(
                "DELETE", "/api/logonSessions/\(id)", headers: [.init(name: "Cookie", value: "X-RestSvcSessionId=\(token)")])
            _ = try await stack.call("DELETE", "/api/logonSessions/\(id)", headers: [DemoStack.session(token)])
            return (token, id)
        }
        let lines = capture.all
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(!line.contains(secretPassword))
            #expect(!line.contains(String(basic.value.dropFirst(6))))
            #expect(!line.contains(token))
            #expect(!line.contains(sessionID), "a logon session's ID is as good as its token")
        }
    }
}
