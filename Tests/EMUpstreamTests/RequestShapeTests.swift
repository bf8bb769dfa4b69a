import EMUpstream
import Foundation
import NIOCore
import TestSupport
import Testing

/// What reaches the wire: method, exact target bytes, headers, body.
@Suite struct RequestShapeTests {
    /// Sends one request to a server answering "ok" and returns what the server read.
    private func roundTrip(
        _ method: String,
        path: String = "/api/",
        headers: [UpstreamHeader] = [],
        body: ByteBuffer? = nil
    ) async throws -> RecordedRequest {
        let server = try TestHTTPServer { _ in TestResponse(text: "ok") }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let request = UpstreamRequest(method: method, url: server.baseURL + path, headers: headers, body: body)
                let response = try await client.execute(request)
                #expect(response.status == 200)
                _ = try await response.body.collect(upTo: 1024)
            }
        }
        return try #require(server.requests.first)
    }

    @Test func getSendsTargetByteForByteAndInventsNothing() async throws {
        let path = "/api/x%2Fy/../z?filter=A%3d%3d%22B%22&e=%7e"
        let request = try await self.roundTrip("GET", path: path)
        #expect(request.requestLine == "GET \(path) HTTP/1.1")
        #expect(request.values("Expect").isEmpty)
        #expect(request.values("Content-Type").isEmpty)
        #expect(request.values("Content-Length").isEmpty)
        #expect(request.values("Cookie").isEmpty)
        #expect(request.values("Accept") == ["*/*"])
        #expect(request.body.isEmpty)
    }

    @Test func postBodyGoesVerbatimWithoutExpectOrInventedContentType() async throws {
        // Large enough that libcurl would normally ask for 100-continue.
        let payload = (0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let request = try await self.roundTrip("POST", body: ByteBuffer(bytes: payload))
        #expect(request.method == "POST")
        #expect(request.values("Content-Length") == ["2000000"])
        #expect(request.values("Expect").isEmpty)
        #expect(request.values("Content-Type").isEmpty)
        #expect(request.body == payload)
    }

    @Test func callerHeadersWinAndFramingHeadersAreTheClients() async throws {
        let request = try await self.roundTrip(
            "POST",
            headers: [
                UpstreamHeader(name: "Content-Type", value: "application/xml; charset=utf-8"),
                UpstreamHeader(name: "Accept", value: "application/xml"),
                UpstreamHeader(name: "X-RestSvcSessionId", value: "c2Vzc2lvbg=="),
                UpstreamHeader(name: "Cookie", value: "a=b"),
                UpstreamHeader(name: "X-Empty", value: ""),
                UpstreamHeader(name: "Content-Length", value: "999"),
                UpstreamHeader(name: "Expect", value: "100-continue"),
            ],
            body: ByteBuffer(string: "<Spec/>")
        )
        #expect(request.values("Content-Type") == ["application/xml; charset=utf-8"])
        #expect(request.values("Accept") == ["application/xml"])
        #expect(request.values("X-RestSvcSessionId") == ["c2Vzc2lvbg=="])
        #expect(request.values("Cookie") == ["a=b"])
        #expect(request.values("X-Empty") == [""])
        #expect(request.values("Content-Length") == ["7"])
        #expect(request.values("Expect").isEmpty)
        #expect(request.body == Array("<Spec/>".utf8))
    }

    @Test func bodylessPostSendsContentLengthZero() async throws {
        let request = try await self.roundTrip("POST", path: "/api/sessionMngr/?v=latest")
        #expect(request.requestLine == "POST /api/sessionMngr/?v=latest HTTP/1.1")
        #expect(request.values("Content-Length") == ["0"])
        #expect(request.values("Content-Type").isEmpty)
        #expect(request.body.isEmpty)
    }

    @Test(arguments: ["PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"])
    func otherMethodsAreSentAsGiven(method: String) async throws {
        let body: ByteBuffer? = method == "PUT" ? ByteBuffer(string: "<Put/>") : nil
        let request = try await self.roundTrip(method, path: "/api/jobs/1", body: body)
        #expect(request.requestLine == "\(method) /api/jobs/1 HTTP/1.1")
        switch method {
        case "PUT":
            #expect(request.body == Array("<Put/>".utf8))
            #expect(request.values("Content-Type").isEmpty)
        case "PATCH":
            #expect(request.values("Content-Length") == ["0"])
        default:
            #expect(request.values("Content-Length").isEmpty)
        }
    }

    /// One client re-uses the easy handles of ended transfers: nothing of one request (its
    /// method, body, headers, HEAD's "no body") may reach the next.
    @Test func sequentialRequestsOnOneClientShareNothing() async throws {
        let server = try TestHTTPServer { request in TestResponse(text: "answer to \(request.method)") }
        defer { server.stop() }
        let sequence: [(method: String, headers: [UpstreamHeader], body: ByteBuffer?)] = [
            (
                "POST", [UpstreamHeader(name: "Content-Type", value: "application/xml"), UpstreamHeader(name: "X-One", value: "1")],
                ByteBuffer(string: "<Spec/>")
            ),
            ("GET", [], nil),
            ("HEAD", [], nil),
            ("GET", [UpstreamHeader(name: "X-Two", value: "2")], nil),
            ("DELETE", [], nil),
            ("GET", [], nil),
        ]
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                for (method, headers, body) in sequence {
                    let request = UpstreamRequest(method: method, url: server.baseURL + "/api/x", headers: headers, body: body)
                    let response = try await client.execute(request)
                    #expect(response.status == 200)
                    let text = String(buffer: try await response.body.collect(upTo: 1024))
                    #expect(text == (method == "HEAD" ? "" : "answer to \(method)"), "\(method)")
                }
            }
        }
        let seen = server.requests
        try #require(seen.count == sequence.count)
        for (request, sent) in zip(seen, sequence) {
            #expect(request.requestLine == "\(sent.method) /api/x HTTP/1.1")
            #expect(request.body == (sent.body.map { Array($0.readableBytesView) } ?? []), "\(sent.method)")
            for name in ["X-One", "X-Two"] {
                #expect(request.values(name) == sent.headers.filter { $0.name == name }.map(\.value), "\(sent.method) \(name)")
            }
            #expect(request.values("Content-Type") == (sent.method == "POST" ? ["application/xml"] : []), "\(sent.method)")
            #expect(request.values("Content-Length") == (sent.method == "POST" ? ["7"] : []), "\(sent.method)")
        }
    }

    @Test func headIsSentAsHead() async throws {
        let request = try await self.roundTrip("HEAD", path: "/api/")
        #expect(request.requestLine == "HEAD /api/ HTTP/1.1")
    }

    @Test(arguments: [
        UpstreamRequest(method: "GET", url: "/relative"),
        UpstreamRequest(method: "GET", url: "file:///etc/passwd"),
        UpstreamRequest(method: "GET /x HTTP/1.1\r\nX:", url: "http://127.0.0.1:1/"),
        UpstreamRequest(method: "GET", url: "http://127.0.0.1:1/a b"),
        UpstreamRequest(method: "GET", url: "http://127.0.0.1:1/", headers: [UpstreamHeader(name: "X", value: "a\r\nInjected: 1")]),
        UpstreamRequest(method: "GET", url: "http://127.0.0.1:1/", headers: [UpstreamHeader(name: "Bad Name", value: "v")]),
    ])
    func invalidRequestsAreRejectedBeforeSending(request: UpstreamRequest) async throws {
        let server = try TestHTTPServer { _ in TestResponse(text: "ok") }
        defer { server.stop() }
        var pointed = request
        pointed.url = request.url.replacingOccurrences(of: "http://127.0.0.1:1", with: server.baseURL)
        let request = pointed
        let error = await upstreamError {
            try await withTimeout {
                try await withUpstreamClient { client in _ = try await client.execute(request) }
            }
        }
        #expect(error?.code == .other)
        #expect(server.acceptedConnections == 0)
    }
}
