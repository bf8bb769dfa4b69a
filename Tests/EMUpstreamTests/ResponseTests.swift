import EMUpstream
import Foundation
import NIOCore
import TestSupport
import Testing

/// What comes back: status, final head, body framing, decoding, connection reuse.
@Suite struct ResponseTests {
    static let gzipBody = Data(
        base64Encoded:
            "H4sIAAAAAAACA+3IsQ2AIAAAsFcMD/AAMjg6+AMaJ2MwIf4Pf9ClQ9Nez5bTcDnKe69hK9fzfyE655xzzjnnnHPOOeecc84555xzzjnnnHPOOeecc84555xzzjnnnHPOOeecc84555xzzjnnnHPOOeecc84555xzzjnnnHPOOeecc84555xzzjnnnHPOOeecc84555xzzjk378WRLXfgHonRTZwAAA=="
    )!
    static let gzipPlainText = "<Jobs>" + String(repeating: "<Job Name=\"Backup\"/>", count: 2000) + "</Jobs>"

    @Test func statusHeadersAndBodyAsReceived() async throws {
        let server = try TestHTTPServer { _ in
            TestResponse(
                status: 201, headers: [("X-Custom-Name", "  Value  "), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")], text: "created")
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/x"))
                #expect(response.status == 201)
                #expect(response.headers.contains(UpstreamHeader(name: "X-Custom-Name", value: "Value")))
                #expect(response.header("x-custom-NAME") == "Value")
                #expect(response.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == ["a=1", "b=2"])
                #expect(response.header("Set-Cookie") == "a=1")
                #expect(response.header("Missing") == nil)
                #expect(try await response.body.collect(upTo: 100).text == "created")
            }
        }
    }

    @Test func chunkedBodyIsReassembled() async throws {
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let server = try TestHTTPServer { _ in TestResponse(body: payload, chunkSize: 777) }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(response.header("Transfer-Encoding") == "chunked")
                #expect(try await response.body.collect(upTo: 1 << 20).bytes == payload)
            }
        }
    }

    @Test func trailersAreNotPartOfTheHead() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                    + "5\r\nhello\r\n0\r\nX-Checksum: 42\r\n\r\n"
            )
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(try await response.body.collect(upTo: 100).text == "hello")
                #expect(response.header("X-Checksum") == nil)
                #expect(response.header("Trailer") == "X-Checksum")
            }
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let server = try TestHTTPServer { _ in
            TestResponse(headers: [("Content-Encoding", "gzip")], body: Array(Self.gzipBody))
        }
        defer { server.stop() }
        var configuration = UpstreamClient.Configuration.testing()
        configuration.decompress = true
        let frozen = configuration
        try await withTimeout {
            try await withUpstreamClient(configuration: frozen) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(try await response.body.collect(upTo: 1 << 20).text == Self.gzipPlainText)
            }
        }
        let acceptEncoding = try #require(server.requests.first?.values("Accept-Encoding").first)
        #expect(acceptEncoding.contains("gzip"))
    }

    /// The default: no `Accept-Encoding` (a compressed body could decode past the memory bound
    /// while the transfer is paused), and an unrequested coding passes through undecoded.
    @Test func decompressOffPassesBytesThrough() async throws {
        let server = try TestHTTPServer { _ in
            TestResponse(headers: [("Content-Encoding", "gzip")], body: Array(Self.gzipBody))
        }
        defer { server.stop() }
        #expect(UpstreamClient.Configuration().decompress == false)
        let frozen = UpstreamClient.Configuration.testing()
        try await withTimeout {
            try await withUpstreamClient(configuration: frozen) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(try await response.body.collect(upTo: 1 << 20).bytes == Array(Self.gzipBody))
            }
        }
        #expect(server.requests.first?.values("Accept-Encoding") == [])
    }

    @Test func interimHeadsAreDropped() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
            try connection.write("HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\nok")
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(response.status == 200)
                #expect(response.header("Link") == nil)
                #expect(
                    response.headers == [UpstreamHeader(name: "X-Final", value: "yes"), UpstreamHeader(name: "Content-Length", value: "2")])
                #expect(try await response.body.collect(upTo: 100).text == "ok")
            }
        }
    }

    @Test func headReturnsWithoutWaitingForTheAnnouncedBody() async throws {
        let server = try TestHTTPServer { connection in
            while let request = try connection.readRequest() {
                if request.method == "HEAD" {
                    try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                } else {
                    try connection.send(TestResponse(text: "after"))
                }
            }
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let head = try await client.execute(UpstreamRequest(method: "HEAD", url: server.baseURL + "/"))
                #expect(head.status == 200)
                #expect(head.header("Content-Length") == "1000")
                #expect(try await head.body.collect(upTo: 10).readableBytes == 0)
                let next = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(try await next.body.collect(upTo: 10).text == "after")
            }
        }
        #expect(server.acceptedConnections == 1)
    }

    /// A head written apart from its body is handed over with the first body bytes, so the
    /// caller's thread wakes once for a small answer; a body that never starts still
    /// returns the head, and its body then fails.
    @Test func theHeadWaitsForTheFirstBodyBytes() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
            connection.pause(0.4)
            try connection.write("hello")
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let started = ContinuousClock.now
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(ContinuousClock.now - started >= .milliseconds(400))
                #expect(response.status == 200)
                #expect(try await response.body.collect(upTo: 10).text == "hello")
            }
        }
    }

    @Test func aHeadWhoseBodyNeverStartsIsReturnedWhenTheTransferFails() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
            connection.waitForClientClose(seconds: 60)
        }
        defer { server.stop() }
        try await withTimeout(50) {
            try await withUpstreamClient(configuration: .testing(idle: .milliseconds(300))) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(response.status == 200)
                let error = await upstreamError { _ = try await response.body.collect(upTo: 10) }
                #expect(error?.code == .idleTimeout)
            }
        }
    }

    @Test func redirectsAreNotFollowed() async throws {
        let server = try TestHTTPServer { _ in
            TestResponse(status: 302, reason: "Found", headers: [("Location", "/elsewhere")])
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/here"))
                #expect(response.status == 302)
                #expect(response.header("location") == "/elsewhere")
                _ = try await response.body.collect(upTo: 10)
            }
        }
        #expect(server.requests.map(\.target) == ["/here"])
    }

    @Test func connectionsAreReusedAndNoCookiesAreKept() async throws {
        let server = try TestHTTPServer { request in
            request.target == "/204"
                ? TestResponse(status: 204, reason: "No Content")
                : TestResponse(headers: [("Set-Cookie", "session=abc; Path=/")], text: "r")
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                for path in ["/1", "/204", "/2", "/204", "/3"] {
                    let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + path))
                    #expect(response.status == (path == "/204" ? 204 : 200))
                    _ = try await response.body.collect(upTo: 10)
                }
            }
        }
        #expect(server.requests.count == 5)
        #expect(server.acceptedConnections == 1)
        #expect(server.requests.allSatisfy { $0.values("Cookie").isEmpty })
    }

    @Test func libcurlVersionIsReported() {
        let parts = UpstreamClient.libcurlVersion.split(separator: ".")
        #expect(parts.count >= 2)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}
