import EMGateway
import Foundation
import TestSupport
import Testing

/// What framing the client's response carries on the wire: EM's `Content-Length` for bodies
/// that pass through unchanged, and a `HEAD` that never claims an empty representation.
@Suite("Response framing")
struct ResponseFramingTests {
    func withHostile<R: Sendable>(_ body: @escaping @Sendable (DemoStack, Int) async throws -> R) async throws -> R {
        try await HostileUpstream.with { upstreamPort in
            try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:\(upstreamPort)" }) { stack in
                try await body(stack, try #require(URL(string: stack.gatewayURL)?.port))
            }
        }
    }

    @Test("a 5,000,000-byte non-XML answer streams with EM's Content-Length, not chunked")
    func passThroughLength() async throws {
        try await withHostile { _, port in
            let get = try await RawSocket.exchange(port: port, method: "GET", target: "/api/bigdownload")
            #expect(get.statusLine == "HTTP/1.1 200 OK")
            #expect(get.values("Content-Length") == ["5000000"])
            #expect(get.values("Transfer-Encoding").isEmpty)
            #expect(get.values("Content-Type") == ["application/octet-stream"])
            #expect(get.body.count == 5_000_000)
            #expect(get.body.first == UInt8(truncatingIfNeeded: 5_000_000))
        }
    }

    @Test("HEAD of a large pass-through answer carries EM's length and no body")
    func headPassThrough() async throws {
        try await withHostile { _, port in
            let head = try await RawSocket.exchange(port: port, method: "HEAD", target: "/api/bigdownload")
            #expect(head.statusLine == "HTTP/1.1 200 OK")
            #expect(head.values("Content-Length") == ["5000000"])
            #expect(head.body.isEmpty)
        }
    }

    @Test(
        "HEAD of a large translated or link-rewritten answer carries no Content-Length, and no body",
        arguments: ["application/json", "application/xml"])
    func headTooLargeToCollect(accept: String) async throws {
        try await withHostile { _, port in
            let get = try await RawSocket.exchange(port: port, method: "GET", target: "/api/bigxml", accept: accept)
            #expect(get.statusLine == "HTTP/1.1 200 OK")
            #expect(get.values("Content-Length").isEmpty)
            #expect(get.body.count > 1 << 20)
            let head = try await RawSocket.exchange(port: port, method: "HEAD", target: "/api/bigxml", accept: accept)
            #expect(head.statusLine == "HTTP/1.1 200 OK")
            #expect(head.values("Content-Length").isEmpty, "HEAD must not claim a length: \(head.head)")
            #expect(head.values("Content-Type") == get.values("Content-Type"))
            #expect(head.body.isEmpty, "bytes after a HEAD response head: \(head.body.prefix(32))")
        }
    }

    @Test("HEAD of a small translated answer still carries its exact length")
    func headSmall() async throws {
        try await withHostile { _, port in
            let get = try await RawSocket.exchange(port: port, method: "GET", target: "/api/")
            let head = try await RawSocket.exchange(port: port, method: "HEAD", target: "/api/")
            #expect(head.values("Content-Length") == [String(get.body.count)])
            #expect(get.values("Content-Length") == [String(get.body.count)])
            #expect(head.body.isEmpty)
        }
    }

    @Test("HEAD of the gateway's own routes carries the length GET sends")
    func headOwnRoutes() async throws {
        try await withHostile { _, port in
            for target in ["/healthz", "/readyz", "/openapi.json"] {
                let get = try await RawSocket.exchange(port: port, method: "GET", target: target)
                let head = try await RawSocket.exchange(port: port, method: "HEAD", target: target)
                #expect(get.body.count > 0, "\(target)")
                #expect(head.values("Content-Length") == [String(get.body.count)], "\(target): \(head.head)")
                #expect(head.body.isEmpty, "\(target)")
            }
        }
    }
}
