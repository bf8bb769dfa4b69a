import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Testing

/// Validators, identities and coalescing on the read path, through the gateway and the
/// simulator on loopback.
@Suite("Read path: validators, identities, coalescing")
struct ReadPathTests {
    static let seed = "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity"

    /// The value of one sample of `em_gateway_upstream_requests_total` (0 when absent).
    static func upstreamCalls(_ stack: DemoStack, route: String, origin: String = "client") async throws -> Int {
        let text = try await stack.call("GET", "/metrics").text
        for line in text.split(separator: "\n")
        where line.hasPrefix("em_gateway_upstream_requests_total{")
            && line.contains("route=\"\(route)\"") && line.contains("origin=\"\(origin)\"")
        {
            return Int(Double(line.split(separator: " ").last ?? "0") ?? 0)
        }
        return 0
    }

    @Test("a collected 200 carries a strong ETag of its bytes; If-None-Match answers 304 after a refetch with unchanged bytes")
    func entityTagAndNotModified() async throws {
        // Without the response cache every GET asks EM again: validators still hold.
        try await DemoStack.with(configure: { $0.cache.enabled = false }) { stack in
            let token = try await stack.logOn()
            let first = try await stack.call("GET", Self.seed, headers: [DemoStack.session(token)])
            #expect(first.status == 200)
            let tag = try #require(first.header("ETag"))
            #expect(tag.hasPrefix("\"") && !tag.hasPrefix("W/"), "strong: \(tag)")
            #expect(first.header("Cache-Control")?.contains("private") == true)
            #expect(first.header("Cache-Status") == "em-gateway; fwd=uri-miss")
            #expect(first.header("Vary")?.contains("Accept") == true)
            let callsBefore = try await Self.upstreamCalls(stack, route: "/api/replicaSessions/{ID}")
            let again = try await stack.call(
                "GET", Self.seed, headers: [DemoStack.session(token), .init(name: "If-None-Match", value: tag)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == tag)
            #expect(try await Self.upstreamCalls(stack, route: "/api/replicaSessions/{ID}") == callsBefore + 1, "EM was asked again")
            let head = try await stack.call(
                "HEAD", Self.seed, headers: [DemoStack.session(token), .init(name: "If-None-Match", value: "W/\(tag)")])
            #expect(head.status == 304, "If-None-Match compares weakly")
            let other = try await stack.call(
                "GET", Self.seed,
                headers: [
                    DemoStack.session(token), .init(name: "If-None-Match", value: tag), .init(name: "Accept", value: "application/xml"),
                ])
            #expect(other.status == 200, "XML is another representation with another tag")
            #expect(other.header("ETag") != tag)
            let compact = try await stack.call(
                "GET", Self.seed, headers: [DemoStack.session(token), .init(name: "Accept", value: "application/json; dialect=compact")])
            #expect(compact.header("ETag") != tag)
        }
    }

    @Test("answers without an identity bypass the read path; writes say fwd=bypass")
    func bypass() async throws {
        try await DemoStack.with { stack in
            let anonymous = try await stack.call("GET", "/api/jobs")
            #expect(anonymous.status == 401)
            #expect(anonymous.header("Cache-Status") == "em-gateway; fwd=bypass")
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            #expect(logon.header("Cache-Status") == "em-gateway; fwd=bypass")
        }
    }

    @Test("a token logged on elsewhere is resolved once with GET /api/logonSessions/{ID} (origin identity)")
    func unseenTokenIsResolvedOnce() async throws {
        try await DemoStack.with { stack in
            // Logged on at EM directly, not through the gateway.
            let direct = try await stack.call(
                "POST", stack.simulatorURL + "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let token = try #require(direct.header("X-RestSvcSessionId"))
            for _ in 0..<3 {
                let answer = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)])
                #expect(answer.status == 200)
                #expect(answer.header("Cache-Status") != "em-gateway; fwd=bypass", "the token has an identity")
            }
            #expect(try await Self.upstreamCalls(stack, route: "/api/logonSessions/{ID}", origin: "identity") == 1)
            let forged = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session("bm90LWEtc2Vzc2lvbg")])
            #expect(forged.status == 401)
            #expect(forged.header("Cache-Status") == "em-gateway; fwd=bypass")
            // A token of the right form whose session EM does not know: asked about once, then
            // its requests go straight to EM (one call each) for a while.
            let unknown = Data("0b3cfd5e-2d1f-4c54-9a4e-1f6a9c7b0e42".utf8).base64EncodedString()
            let forwarded = try await Self.upstreamCalls(stack, route: "/api/jobs", origin: "client")
            for _ in 0..<3 {
                let answer = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(unknown)])
                #expect(answer.status == 401)
                #expect(answer.header("Cache-Status") == "em-gateway; fwd=bypass")
            }
            #expect(try await Self.upstreamCalls(stack, route: "/api/logonSessions/{ID}", origin: "identity") == 2)
            #expect(try await Self.upstreamCalls(stack, route: "/api/jobs", origin: "client") == forwarded + 3)
        }
    }

    @Test("a token logged off through the gateway is forgotten: it bypasses the read path")
    func loggedOffTokenNeverJoins() async throws {
        try await DemoStack.with { stack in
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let id = try #require(try logon.json()["SessionId"] as? String)
            #expect(
                try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)]).header("Cache-Status")
                    == "em-gateway; fwd=uri-miss")
            #expect(try await stack.call("DELETE", "/api/logonSessions/\(id)", headers: [DemoStack.session(token)]).status == 204)
            let after = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)])
            #expect(after.status == 401)
            #expect(after.header("Cache-Status") == "em-gateway; fwd=bypass")
        }
    }
}
