import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Logging
import Synchronization
import Testing

/// Service-account mode end to end: the gateway's own EM session (logon, keep-alive, re-logon
/// after expiry with one retry of safe requests, logoff at shutdown) and bearer tokens for clients.
@Suite("Service account")
struct ServiceAccountTests {
    static let user = "EXAMPLE\\svc-gateway"
    static let password = "s3cret:with@odd\\chars"
    static let token = BearerToken.generate()

    static func simulator(clock: SettableClock? = nil, password: String = Self.password) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.accounts = ["demo": "demo", user: password]
        if let clock { configuration.sessionClock = { clock.now } }
        return configuration
    }

    static func serviceMode(_ configuration: inout GatewayConfiguration, keepAlive: Duration = .seconds(300)) {
        let tokens = try! BearerTokenList(parsing: "# clients\n" + (try! BearerToken.hashLine(name: "portal", token: token)) + "\n")
        var account = ServiceAccountConfiguration(user: user, password: password, tokens: tokens)
        account.keepAliveInterval = keepAlive
        configuration.serviceAccount = account
    }

    static var bearer: UpstreamHeader { UpstreamHeader(name: "Authorization", value: "Bearer \(token)") }

    /// The `SessionId`s of the service account's live sessions, asked of the simulator directly.
    static func serviceSessions(_ stack: DemoStack) async throws -> [String] {
        let logon = try await stack.call(
            "POST", stack.simulatorURL + "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
        let token = try #require(logon.header("X-RestSvcSessionId"))
        let list = try await stack.call("GET", stack.simulatorURL + "/api/logonSessions", headers: [DemoStack.session(token)])
        #expect(list.status == 200)
        _ = try await stack.call(
            "DELETE",
            try #require(logon.header("Location")).replacingOccurrences(
                of: "https://localhost:9398", with: stack.simulatorURL), headers: [DemoStack.session(token)])
        // <LogonSession ...><Links>...</Links><UserName>u</UserName><SessionId>id</SessionId></LogonSession>
        let sessions = list.text.components(separatedBy: "<LogonSession ").dropFirst()
        return sessions.compactMap { session in
            guard session.contains("<UserName>\(user.replacingOccurrences(of: "&", with: "&amp;"))</UserName>"),
                let start = session.range(of: "<SessionId>"), let end = session.range(of: "</SessionId>")
            else { return nil }
            return String(session[start.upperBound..<end.lowerBound])
        }
    }

    /// Polls until `condition` holds (or fails the test after a generous wait).
    static func eventually(_ what: Comment, _ condition: @Sendable () async throws -> Bool) async throws {
        for _ in 0..<400 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("never happened: \(what)")
    }

    @Test("clients need a valid bearer token: none, a wrong one or Basic → 401 in EM's Error shape, nothing forwarded")
    func bearerTokens() async throws {
        let simulatorLog = LogCapture()
        let gatewayLog = LogCapture()
        try await DemoStack.with(
            configure: { Self.serviceMode(&$0) }, simulator: Self.simulator(), gatewayLogger: gatewayLog.logger(),
            simulatorLogger: simulatorLog.logger()
        ) { stack in
            // The eager logon at start.
            try await Self.eventually("the start-up logon") { simulatorLog.all.contains { $0.lowercased().contains("sessionmngr") } }
            let refused: [[UpstreamHeader]] = [
                [],
                [UpstreamHeader(name: "Authorization", value: "Bearer emg_wrong")],
                [UpstreamHeader(name: "Authorization", value: "Bearer \(Self.token)x")],
                [DemoStack.basic("demo", "demo")],
                [UpstreamHeader(name: "Authorization", value: Self.token)],
            ]
            for headers in refused {
                let answer = try await stack.call("GET", "/api/backupServers", headers: headers)
                #expect(answer.status == 401)
                #expect(answer.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"em-gateway\"") == true)
                let json = try answer.json()
                #expect(json["StatusCode"] as? Int == 401)
                #expect(json["Status"] as? String == "Unauthorized")
                #expect(json["Message"] is String)
            }
            #expect(!simulatorLog.all.contains { $0.lowercased().contains("backupservers") }, "a refused request reached the simulator")

            let answer = try await stack.call("GET", "/api/backupServers", headers: [Self.bearer])
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(simulatorLog.all.contains { $0.lowercased().contains("backupservers") })
            #expect(answer.header("X-RestSvcSessionId") == nil)
            #expect(answer.header("Set-Cookie") == nil)

            // The audit log names the client by its token's name.
            _ = try await stack.call("POST", "/api/backupServers", headers: [Self.bearer])
            #expect(gatewayLog.all.contains { $0.contains("bearer:portal post /api/backupServers") })
        }
    }

    @Test("the client's own session header and cookie are stripped; EM's token never reaches the client")
    func clientSessionIgnored() async throws {
        try await DemoStack.with(configure: { Self.serviceMode(&$0) }, simulator: Self.simulator()) { stack in
            // EM lets the cookie beat the header: both must go, or this bogus one would be used.
            let answer = try await stack.call(
                "GET", "/api/backupServers",
                headers: [
                    Self.bearer, DemoStack.session("Ym9ndXM="),
                    UpstreamHeader(name: "Cookie", value: "X-RestSvcSessionId=Ym9ndXM="),
                ])
            #expect(answer.status == 200)
            let root = try await stack.call("GET", "/api/", headers: [Self.bearer])
            #expect(root.status == 200)
            #expect(root.header("X-RestSvcSessionId") == nil)
        }
    }

    @Test("logon and logon sessions belong to the gateway: 403, however the path is spelled")
    func sessionResourcesRefused() async throws {
        try await DemoStack.with(configure: { Self.serviceMode(&$0) }, simulator: Self.simulator()) { stack in
            let sessions = try await Self.serviceSessions(stack)
            let id = try #require(sessions.first)
            let attempts: [(String, String)] = [
                ("POST", "/api/sessionMngr/?v=latest"), ("POST", "/api/sessionMngr"), ("GET", "/api/logonSessions"),
                ("GET", "/api/logonSessions/\(id)"), ("DELETE", "/api/logonSessions/\(id)"), ("DELETE", "/API/LOGONSESSIONS/\(id)"),
                ("DELETE", "/api/logon%53essions/\(id)"), ("GET", "/api/%6cogonSessions"),
            ]
            for (method, path) in attempts {
                let answer = try await stack.call(method, path, headers: [Self.bearer])
                #expect(answer.status == 403, "\(method) \(path)")
                #expect(try answer.json()["StatusCode"] as? Int == 403)
            }
            #expect(try await Self.serviceSessions(stack) == [id])
        }
    }

    @Test("one session at a time, logged off at shutdown (the simulator's session list shows it gone)")
    func logoffAtShutdown() async throws {
        let gatewayLog = LogCapture()
        try await DemoStack.with(configure: { Self.serviceMode(&$0) }, simulator: Self.simulator(), gatewayLogger: gatewayLog.logger()) {
            stack in
            for _ in 0..<5 {
                let answer = try await stack.call("GET", "/api/jobs", headers: [Self.bearer])
                #expect(answer.status == 200)
            }
            let before = try await Self.serviceSessions(stack)
            #expect(before.count == 1)
            await stack.stopGateway()
            let after = try await Self.serviceSessions(stack)
            #expect(after.isEmpty)
            #expect(gatewayLog.all.contains { $0.contains("service account logged off") })
            #expect(gatewayLog.all.allSatisfy { !$0.contains(Self.password) && !$0.contains(Self.token) })
        }
    }

    @Test("after EM's idle expiry a GET logs on again and is retried once; an unsafe request gets 503 + Retry-After")
    func expiryRelogon() async throws {
        let clock = SettableClock()
        // Without the response cache: every GET here must reach EM.
        try await DemoStack.with(
            configure: {
                Self.serviceMode(&$0)
                $0.cache.enabled = false
            }, simulator: Self.simulator(clock: clock)
        ) { stack in
            #expect(try await stack.call("GET", "/api/backupServers", headers: [Self.bearer]).status == 200)
            let first = try await Self.serviceSessions(stack)
            #expect(first.count == 1)

            clock.advance(by: .seconds(16 * 60))
            let retried = try await stack.call("GET", "/api/backupServers", headers: [Self.bearer])
            #expect(retried.status == 200)
            let second = try await Self.serviceSessions(stack)
            #expect(second.count == 1)
            #expect(second != first)

            clock.advance(by: .seconds(16 * 60))
            let post = try await stack.call("POST", "/api/backupServers", headers: [Self.bearer])
            #expect(post.status == 503)
            #expect(post.header("Retry-After") == "1")
            #expect(try await stack.call("HEAD", "/api/backupServers", headers: [Self.bearer]).status == 200)
        }
    }

    @Test("the keep-alive refreshes the session before EM's idle expiry: no new logon")
    func keepAlive() async throws {
        let clock = SettableClock()
        let gatewayLog = LogCapture()
        try await DemoStack.with(
            configure: { Self.serviceMode(&$0, keepAlive: .milliseconds(50)) }, simulator: Self.simulator(clock: clock),
            gatewayLogger: gatewayLog.logger()
        ) { stack in
            #expect(try await stack.call("GET", "/api/jobs", headers: [Self.bearer]).status == 200)
            let first = try await Self.serviceSessions(stack)
            for _ in 0..<3 {
                // 10 of EM's 15 idle minutes pass; wait for a refresh to land after that.
                clock.advance(by: .seconds(600))
                let refreshes = gatewayLog.all.filter { $0.contains("session refreshed") }.count
                try await Self.eventually("a refresh") { gatewayLog.all.filter { $0.contains("session refreshed") }.count >= refreshes + 2 }
            }
            // 30 simulated minutes since the logon: alive only thanks to the refreshes.
            #expect(try await stack.call("GET", "/api/jobs", headers: [Self.bearer]).status == 200)
            #expect(try await Self.serviceSessions(stack) == first)
            #expect(gatewayLog.all.filter { $0.contains("service account logged on") }.count == 1)
        }
    }

    @Test("refused service credentials: 502, and no logon per request while backing off")
    func refusedCredentials() async throws {
        let simulatorLog = LogCapture()
        try await DemoStack.with(
            configure: { Self.serviceMode(&$0) }, simulator: Self.simulator(password: "another"), simulatorLogger: simulatorLog.logger()
        ) { stack in
            for _ in 0..<5 {
                let answer = try await stack.call("GET", "/api/jobs", headers: [Self.bearer])
                #expect(answer.status == 502)
                #expect(try answer.json()["StatusCode"] as? Int == 502)
                #expect(!answer.text.contains(Self.password))
            }
            let logons = simulatorLog.all.filter { $0.lowercased().contains("sessionmngr") }
            #expect(logons.count == 1)
        }
    }

    @Test("/readyz: 503 serviceAccountRefused while EM refuses the service account's logon (no logon per probe); ready with a good one")
    func readiness() async throws {
        let simulatorLog = LogCapture()
        try await DemoStack.with(
            configure: { Self.serviceMode(&$0) }, simulator: Self.simulator(password: "another"), simulatorLogger: simulatorLog.logger()
        ) { stack in
            for _ in 0..<3 {
                let answer = try await stack.readiness()
                #expect(answer.status == 503)
                #expect(try answer.json()["status"] as? String == "serviceAccountRefused")
            }
            #expect(try await stack.call("GET", "/api/jobs", headers: [Self.bearer]).status == 502)
            #expect(simulatorLog.all.filter { $0.lowercased().contains("sessionmngr") }.count == 1)
        }
        try await DemoStack.with(configure: { Self.serviceMode(&$0) }, simulator: Self.simulator()) { stack in
            let answer = try await stack.readiness()
            #expect(answer.status == 200)
            #expect(try answer.json()["status"] as? String == "ready")
            #expect(try await Self.serviceSessions(stack).count == 1)
        }
    }
}

/// A clock the test moves by hand (for the simulator's session expiry).
final class SettableClock: Sendable {
    private let current = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { current.withLock { $0 } }
    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
}
