import EMSimulator
import EMUpstream
import Foundation
import TestSupport
import Testing

@testable import EMGateway

/// The per-identity response cache through the gateway and the simulator: hits with `Age`,
/// stale answers refreshed once, the client's `no-cache`, identities kept apart, tokens EM no
/// longer accepts, and reading one's own writes.
@Suite("Read path: response cache")
struct CacheTests {
    static let report = "/api/reports/summary/overview"

    static func calls(_ stack: DemoStack, _ route: String, origin: String = "client") async throws -> Int {
        try await ReadPathTests.upstreamCalls(stack, route: route, origin: origin)
    }

    /// `em_gateway_cache_requests_total` by result, as `/metrics` shows it.
    static func cacheRequests(_ stack: DemoStack) async throws -> [String: Int] {
        let text = try await stack.call("GET", "/metrics").text
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("em_gateway_cache_requests_total{result=\"") {
            let result = line.dropFirst("em_gateway_cache_requests_total{result=\"".count).prefix { $0 != "\"" }
            counts[String(result)] = Int(Double(line.split(separator: " ").last ?? "0") ?? 0)
        }
        return counts
    }

    @Test("a second poll is a hit with Age; Cache-Control: no-cache asks EM")
    func hitAndNoCache() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let first = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            #expect(first.header("Cache-Status") == "em-gateway; fwd=uri-miss")
            let second = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            #expect(second.status == 200)
            #expect(second.header("Cache-Status")?.hasPrefix("em-gateway; hit; ttl=") == true, "\(second.header("Cache-Status") ?? "")")
            // Age and ttl add up to the report's max-age (30 s).
            let age = try #require(second.header("Age").flatMap { Int($0) })
            let ttl = second.header("Cache-Status")?.split(separator: "=").last.flatMap { Int($0) }
            #expect(ttl.map { $0 + age } == 30, "Age \(age), \(second.header("Cache-Status") ?? "")")
            #expect(second.body == first.body)
            #expect(second.header("ETag") == first.header("ETag"))
            #expect(try await Self.calls(stack, Self.report) == 1)
            let forced = try await stack.call(
                "GET", Self.report, headers: [DemoStack.session(token), .init(name: "Cache-Control", value: "no-cache")])
            #expect(forced.header("Cache-Status") == "em-gateway; fwd=request")
            let pragma = try await stack.call(
                "GET", Self.report, headers: [DemoStack.session(token), .init(name: "Pragma", value: "no-cache")])
            #expect(pragma.header("Cache-Status") == "em-gateway; fwd=request")
            #expect(try await Self.calls(stack, Self.report) == 3)
            let head = try await stack.call("HEAD", Self.report, headers: [DemoStack.session(token)])
            #expect(head.header("Cache-Status")?.contains("hit") == true, "HEAD is answered from the GET entry")
            // The metric counts what Cache-Status said: two hits, one miss, two bypasses (the
            // logon's POST is no read; /metrics is not under /api).
            #expect(try await Self.cacheRequests(stack) == ["hit": 2, "miss": 1, "bypass": 2, "stale": 0])
        }
    }

    @Test("a hit served below the router has the routed hit's fields, and pipelined answers keep the requests' order")
    func hitBelowRouter() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let port = try #require(URL(string: stack.gatewayURL)?.port)
            _ = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            let request = "GET \(Self.report) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-RestSvcSessionId: \(token)\r\n\r\n"
            let other = request.replacingOccurrences(of: Self.report, with: "/api/repositories")
            // Behind a request that goes to EM, the hit waits its turn and is answered by the router.
            let pipelined = try await RawSocket.exchange(port: port, request: other + request) { Self.responses($0)?.count == 2 }
            let answers = try #require(Self.responses(pipelined))
            #expect(answers[0].field("Cache-Status") == "em-gateway; fwd=uri-miss")
            #expect(String(decoding: answers[0].body, as: UTF8.self).contains("RepositoryReference"))
            let routed = answers[1]
            #expect(routed.field("Cache-Status")?.hasPrefix("em-gateway; hit") == true)
            // Alone on its connection, the same hit is answered below the router: the same fields.
            let alone = try await RawSocket.exchange(port: port, request: request) { Self.responses($0)?.count == 1 }
            let below = try #require(Self.responses(alone)?.first)
            #expect(below.body == routed.body)
            let varying: Set<String> = ["date", "x-request-id", "age", "cache-status"]
            #expect(below.fields.map(\.name) == routed.fields.map(\.name))
            #expect(
                below.fields.filter { !varying.contains($0.name) }.map(\.value)
                    == routed.fields.filter { !varying.contains($0.name) }.map(\.value))
            #expect(below.field("Server") == "em-gateway")
            #expect(below.field("Date")?.hasSuffix(" GMT") == true)
            // The report's miss and two hits, the repositories' miss: counted once each, wherever answered.
            let counted = try await Self.cacheRequests(stack)
            #expect(counted == ["hit": 2, "miss": 2, "bypass": 0, "stale": 0], "\(counted)")
        }
    }

    @Test("hits on one connection: a repeated head reuses its resolution, a changed one is resolved anew")
    func repeatedHeadsOnOneConnection() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let port = try #require(URL(string: stack.gatewayURL)?.port)
            // A collection: its answer carries links, which follow the request's public base.
            let path = "/api/repositories"
            _ = try await stack.call("GET", path, headers: [DemoStack.session(token)])
            _ = try await stack.call(
                "GET", path, headers: [DemoStack.session(token), UpstreamHeader(name: "Accept", value: "application/xml")])
            let json = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-RestSvcSessionId: \(token)\r\n\r\n"
            let xml = json.replacingOccurrences(of: "\r\n\r\n", with: "\r\nAccept: application/xml\r\n\r\n")
            let other = json.replacingOccurrences(of: "Host: 127.0.0.1", with: "Host: localhost")
            let bytes = try await RawSocket.exchange(port: port, request: json + json + xml + json + other) {
                Self.responses($0)?.count == 5
            }
            let answers = try #require(Self.responses(bytes))
            #expect(
                answers.map { $0.field("Content-Type") ?? "" }.map { $0.hasPrefix("application/json") } == [true, true, false, true, true])
            #expect(answers[2].field("Content-Type")?.hasPrefix("application/xml") == true)
            #expect(answers[0].body == answers[1].body && answers[1].body == answers[3].body)
            #expect(answers[2].body.starts(with: Array("<".utf8)))
            // Another Host is another public base: the links point at it (a miss, then its own entry).
            let body = String(decoding: answers[4].body, as: UTF8.self)
            #expect(body.contains("http://localhost:\(port)/api/") && !body.contains("127.0.0.1"))
            #expect(answers[0..<4].allSatisfy { $0.field("Cache-Status")?.hasPrefix("em-gateway; hit") == true })
        }
    }

    /// One HTTP/1.1 response of several read from one connection (bodies framed by `Content-Length`).
    struct RawResponse {
        let head: String
        let fields: [(name: String, value: String)]
        let body: [UInt8]

        func field(_ name: String) -> String? { fields.first { $0.name == name.lowercased() }?.value }
    }

    /// Splits the bytes of pipelined responses; `nil` until every response in them is whole
    /// (bodies framed by `Content-Length`).
    static func responses(_ bytes: [UInt8]) -> [RawResponse]? {
        var rest = bytes[...]
        var answers: [RawResponse] = []
        let blank: [UInt8] = [13, 10, 13, 10]
        while !rest.isEmpty {
            guard let end = rest.indices.first(where: { rest[$0...].starts(with: blank) }) else { return nil }
            let head = String(decoding: rest[..<end], as: UTF8.self)
            let fields = head.components(separatedBy: "\r\n").dropFirst().compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            let start = end + blank.count
            guard let length = fields.first(where: { $0.0 == "content-length" }).flatMap({ Int($0.1) }), rest.endIndex - start >= length
            else { return nil }
            answers.append(RawResponse(head: head, fields: fields, body: Array(rest[start..<start + length])))
            rest = rest[(start + length)...]
        }
        return answers
    }

    @Test("an answer past its max-age is served stale once while one background refresh runs")
    func staleWhileRevalidate() async throws {
        // 30 s × 0.2: fresh for 6 s, then stale for 6 s more (wide, for a loaded machine).
        try await DemoStack.with(configure: { $0.cache.ttlFactor = 0.2 }) { stack in
            let token = try await stack.logOn()
            _ = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            try await Task.sleep(for: .milliseconds(6_500))
            // Stored bytes go only to a token EM accepted within the entry's max-age: another
            // call of this token to EM keeps it accepted.
            #expect(try await stack.call("GET", "/api/backupServers", headers: [DemoStack.session(token)]).status == 200)
            let stale = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            #expect(stale.status == 200)
            #expect(
                stale.header("Cache-Status")?.hasPrefix("em-gateway; fwd=stale; ttl=-") == true, "\(stale.header("Cache-Status") ?? "")")
            var refreshed = 0
            for _ in 0..<100 where refreshed == 0 {
                refreshed = try await Self.calls(stack, Self.report, origin: "revalidate")
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(refreshed == 1)
            let fresh = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            #expect(fresh.header("Cache-Status")?.hasPrefix("em-gateway; hit") == true)
            #expect(try await Self.calls(stack, Self.report, origin: "revalidate") == 1)
        }
    }

    @Test("two identities never receive each other's stored answers")
    func identitiesApart() async throws {
        var simulator = SimulatorConfiguration()
        simulator.accounts["ops"] = "ops"
        try await DemoStack.with(simulator: simulator) { stack in
            let demo = try await stack.logOn()
            let ops = try #require(
                try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("ops", "ops")]).header(
                    "X-RestSvcSessionId"))
            _ = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(demo)])
            let asOps = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(ops)])
            #expect(asOps.header("Cache-Status") == "em-gateway; fwd=uri-miss")
            #expect(try await Self.calls(stack, "/api/jobs") == 2)
        }
    }

    @Test("a token logged off through the gateway, or ended at EM, is not served stored answers beyond one max-age")
    func rejectedTokens() async throws {
        // 30 s × 0.05: a summary report is fresh for 1.5 s.
        try await DemoStack.with(configure: { $0.cache.ttlFactor = 0.05 }) { stack in
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let id = try #require(try logon.json()["SessionId"] as? String)
            let other = try await stack.logOn()
            _ = try await stack.call("GET", Self.report, headers: [DemoStack.session(other)])
            #expect(try await stack.call("DELETE", "/api/logonSessions/\(id)", headers: [DemoStack.session(token)]).status == 204)
            let afterLogoff = try await stack.call("GET", Self.report, headers: [DemoStack.session(token)])
            #expect(afterLogoff.status == 401, "a logged-off token gets nothing stored")

            // The other session ends at EM, behind the gateway's back.
            let otherID = try #require(IdentityResolver.sessionID(fromToken: other))
            #expect(
                try await stack.call("DELETE", stack.simulatorURL + "/api/logonSessions/\(otherID)", headers: [DemoStack.session(other)])
                    .status == 204)
            try await Task.sleep(for: .milliseconds(1_700))
            let expired = try await stack.call("GET", Self.report, headers: [DemoStack.session(other)])
            #expect(expired.status == 401, "past one max-age the token is checked with EM again")
        }
    }

    @Test("a write and a finished task are seen by the next read of that identity")
    func readYourOwnWrites() async throws {
        var simulator = SimulatorConfiguration()
        simulator.taskDuration = .milliseconds(300)
        try await DemoStack.with(simulator: simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let job = try await WriteEndToEndTests.jobID(stack, token)
            let sessions = "/api/jobs/\(job)/backupSessions"
            let before = try await stack.call("GET", sessions, headers: [session])
            #expect(try await stack.call("GET", sessions, headers: [session]).header("Cache-Status")?.contains("hit") == true)
            let started = try await stack.call("POST", "/api/jobs/\(job)?action=start", headers: [session])
            #expect(started.status == 202)
            #expect(
                try await stack.call("GET", sessions, headers: [session]).header("Cache-Status") == "em-gateway; fwd=uri-miss",
                "the write dropped the identity's entries")
            _ = try await stack.call("GET", sessions, headers: [session])  // stored again while the task runs
            _ = try await WriteEndToEndTests.finish(stack, token, try started.json())
            let after = try await stack.call("GET", sessions, headers: [session])
            #expect(after.header("Cache-Status") == "em-gateway; fwd=uri-miss", "the finished task dropped them again")
            #expect(after.body != before.body, "the new session is listed")
        }
    }
}
