import EMGateway
import EMUpstream
import Foundation
import TestSupport
import Testing

/// The request pipeline's decisions, end to end on loopback: one resolution of the path for
/// every check, HTTP/1.0 framing, the public base URL from `Host` and trusted proxies, the
/// client address behind trusted proxies.
@Suite("Request pipeline")
struct PipelineTests {
    static let seed = "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"

    @Test("the logon throttle sees a percent-encoded logon path as the logon (/api/session%4Dngr)")
    func throttleDecodesThePath() async throws {
        try await DemoStack.with(configure: { $0.maxFailedLogons = 2 }) { stack in
            for _ in 0..<2 {
                let failed = try await stack.call("POST", "/api/session%4Dngr/?v=latest", headers: [DemoStack.basic("demo", "nope")])
                #expect(failed.status == 401)
            }
            let limited = try await stack.call("POST", "/api/SESSION%4dNGR/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            #expect(limited.status == 429)
            let plain = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            #expect(plain.status == 429)
        }
    }

    @Test("an answer over 1 MiB to an HTTP/1.0 request is close-delimited, never chunked", arguments: ["", "Connection: keep-alive\r\n"])
    func http10LargeAnswer(connection: String) async throws {
        try await HostileUpstream.with { upstreamPort in
            try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:\(upstreamPort)" }) { stack in
                let port = try #require(URL(string: stack.gatewayURL)?.port)
                let answer = try await RawSocket.exchange(
                    port: port,
                    request: "GET /api/bigxml HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\n\(connection)\r\n")
                #expect(answer.statusLine.hasPrefix("HTTP/1.0 200"))
                #expect(answer.values("Transfer-Encoding").isEmpty, "\(answer.head)")
                #expect(answer.values("Content-Length").isEmpty)
                #expect(answer.values("Connection").map { $0.lowercased() } == ["close"])
                #expect(answer.body.count > 1 << 20)
                let parsed = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
                #expect((parsed?["Refs"] as? [Any])?.count == 40_000, "the body is the whole document")
                let http11 = try await RawSocket.exchange(port: port, method: "GET", target: "/api/bigxml")
                #expect(http11.values("Transfer-Encoding") == ["chunked"], "HTTP/1.1 clients still get chunked coding")
            }
        }
    }

    @Test("an HTTP/1.0 request with Connection: keep-alive keeps its connection, and its answer says so")
    func http10KeepAlive() async throws {
        try await DemoStack.with { stack in
            let port = try #require(URL(string: stack.gatewayURL)?.port)
            let request = "GET /api/ HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\nConnection: keep-alive\r\n\r\n"
            let bytes = try await RawSocket.exchange(port: port, request: request + request) { CacheTests.responses($0)?.count == 2 }
            let answers = try #require(CacheTests.responses(bytes))
            #expect(answers.count == 2)
            #expect(answers.map { $0.field("Connection")?.lowercased() } == ["keep-alive", "keep-alive"], "\(answers.map(\.head))")
            #expect(answers.allSatisfy { $0.head.contains(" 200 ") })
            let closing = try await RawSocket.exchange(port: port, request: "GET /api/ HTTP/1.0\r\nAccept: application/json\r\n\r\n")
            #expect(closing.values("Connection").map { $0.lowercased() } == ["close"])
        }
    }

    @Test("without --public-url, links are built from the request's Host")
    func linksFromHost() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let answer = try await stack.call(
                "GET", Self.seed, headers: [DemoStack.session(token), .init(name: "Host", value: "gateway.example:8443")])
            #expect(answer.status == 200)
            #expect(answer.text.contains(#""Href":"http://gateway.example:8443/api/replicaSessions/"#), "\(answer.text.prefix(300))")
            #expect(!answer.text.contains("127.0.0.1"))
        }
    }

    @Test("a Host that is no host name or IP literal is refused with 400", arguments: ["bad host", "a/b", "x:99999", "[zz]:1", "a@b"])
    func invalidHost(host: String) async throws {
        try await DemoStack.with { stack in
            let port = try #require(URL(string: stack.gatewayURL)?.port)
            let answer = try await RawSocket.exchange(
                port: port, request: "GET /api/ HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            #expect(answer.statusLine.hasPrefix("HTTP/1.1 400"), "\(host): \(answer.statusLine)")
        }
    }

    @Test("an HTTP/1.0 request without Host gets links on the listen address")
    func http10WithoutHost() async throws {
        try await DemoStack.with { stack in
            let port = try #require(URL(string: stack.gatewayURL)?.port)
            let answer = try await RawSocket.exchange(port: port, request: "GET /api/ HTTP/1.0\r\nAccept: application/json\r\n\r\n")
            #expect(answer.statusLine.contains(" 200 "))
            #expect(String(decoding: answer.body, as: UTF8.self).contains("http://127.0.0.1:\(port)/api/"))
        }
    }

    @Test("X-Forwarded-Host and -Proto name the public base only from a trusted proxy")
    func forwardedOriginFromTrustedProxiesOnly() async throws {
        let forwarded: [UpstreamHeader] = [
            .init(name: "X-Forwarded-Host", value: "em-api.example.com"), .init(name: "X-Forwarded-Proto", value: "https"),
        ]
        try await DemoStack.with { stack in
            let untrusted = try await stack.call("GET", "/api/", headers: forwarded)
            #expect(!untrusted.text.contains("em-api.example.com"))
        }
        try await DemoStack.with(configure: { $0.trustedProxies = try! TrustedProxies(["127.0.0.0/8"]) }) { stack in
            let trusted = try await stack.call("GET", "/api/", headers: forwarded)
            #expect(trusted.text.contains("https://em-api.example.com/api/"), "\(trusted.text.prefix(300))")
            let rfc7239 = try await stack.call(
                "GET", "/api/",
                headers: forwarded + [.init(name: "Forwarded", value: #"for=192.0.2.60;host="portal.example:444";proto=https"#)])
            #expect(rfc7239.text.contains("https://portal.example:444/api/"), "Forwarded wins over X-Forwarded-*")
        }
    }

    @Test("behind a trusted proxy the throttle counts per forwarded client; a client cannot pick its own bucket")
    func throttleBehindTrustedProxy() async throws {
        try await DemoStack.with(configure: {
            $0.maxFailedLogons = 2
            $0.trustedProxies = try! TrustedProxies(["127.0.0.1/32", "10.0.0.0/8"])
        }) { stack in
            func logon(_ password: String, forwardedFor: String) async throws -> Int {
                try await stack.call(
                    "POST", "/api/sessionMngr/?v=latest",
                    headers: [DemoStack.basic("demo", password), .init(name: "X-Forwarded-For", value: forwardedFor)]
                ).status
            }
            // The client sent "X-Forwarded-For: 198.51.100.9" itself; the proxies appended the real hops.
            let first = try await logon("nope", forwardedFor: "198.51.100.9, 203.0.113.7, 10.1.1.1")
            let second = try await logon("nope", forwardedFor: "198.51.100.10, 203.0.113.7")
            let limited = try await logon("demo", forwardedFor: "203.0.113.7")
            let neighbour = try await logon("demo", forwardedFor: "203.0.113.8")
            #expect(first == 401 && second == 401)
            #expect(limited == 429, "both failures counted for 203.0.113.7")
            #expect(neighbour == 201, "another client behind the proxy is not locked out")
        }
        try await DemoStack.with(configure: { $0.maxFailedLogons = 2 }) { stack in
            for client in ["203.0.113.1", "203.0.113.2"] {
                let failed = try await stack.call(
                    "POST", "/api/sessionMngr/?v=latest",
                    headers: [DemoStack.basic("demo", "nope"), .init(name: "X-Forwarded-For", value: client)])
                #expect(failed.status == 401)
            }
            let spoofed = try await stack.call(
                "POST", "/api/sessionMngr/?v=latest",
                headers: [DemoStack.basic("demo", "demo"), .init(name: "X-Forwarded-For", value: "203.0.113.3")])
            #expect(spoofed.status == 429, "without trusted proxies the field is ignored: the peer is the client")
        }
    }
}
