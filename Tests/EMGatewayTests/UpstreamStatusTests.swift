import EMGateway
import Foundation
import TestSupport
import Testing

/// EM answering with a status that is no final HTTP status: the client gets a `502` in EM's
/// `Error` shape and nothing of EM's answer.
@Suite("Upstream statuses")
struct UpstreamStatusTests {
    static func answer(for request: RawSocketServer.Request) -> RawSocketServer.Reply {
        switch request.target {
        case "/api/switch":
            // 101 though nobody asked to upgrade; the connection then stays open, silent.
            .init(
                Array(
                    "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: em-secret\r\nX-Leak: switched\r\n\r\n".utf8),
                holdOpen: true)
        case "/api/odd":
            .init(
                Array("HTTP/1.1 999 Odd\r\nContent-Type: text/plain\r\nX-Leak: odd\r\nContent-Length: 10\r\n\r\nodd-secret".utf8),
                holdOpen: false)
        case "/api/notModified":
            .init(Array("HTTP/1.1 304 Not Modified\r\nContent-Type: application/xml\r\nETag: \"7\"\r\n\r\n".utf8), holdOpen: false)
        case "/api/empty":
            .init(
                Array("HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\nContent-Length: 0\r\n\r\n".utf8),
                holdOpen: false)
        default:
            .init(Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".utf8), holdOpen: false)
        }
    }

    @Test("101 without an upgrade and status 999 from EM: 502 JSON, nothing relayed", arguments: ["/api/switch", "/api/odd"])
    func invalidStatus(target: String) async throws {
        let upstream = try RawSocketServer(respond: Self.answer(for:))
        defer { upstream.stop() }
        try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:\(upstream.port)" }) { stack in
            let answer = try await stack.call("GET", target)
            #expect(answer.status == 502)
            let error = try answer.json()
            #expect(error["Status"] as? String == "BadGateway")
            #expect(error["StatusCode"] as? Int == 502)
            #expect(answer.header("X-Leak") == nil)
            #expect(answer.header("Upgrade") == nil)
            #expect(!answer.text.contains("secret"))
            // A valid answer on the same upstream still goes through.
            let fine = try await stack.call("GET", "/api/fine")
            #expect(fine.status == 200)
            #expect(fine.text == "ok")
        }
    }

    /// Found by a black-box trial: a 304 kept EM's XML type, and an empty XML answer was labelled
    /// JSON though it holds no document.
    @Test("a 304 and an empty XML answer carry no Content-Type")
    func noContentNoType() async throws {
        let upstream = try RawSocketServer(respond: Self.answer(for:))
        defer { upstream.stop() }
        try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:\(upstream.port)" }) { stack in
            let notModified = try await stack.call("GET", "/api/notModified")
            #expect(notModified.status == 304)
            #expect(notModified.header("Content-Type") == nil)
            #expect(notModified.header("ETag") == #"W/"7""# || notModified.header("ETag") == #""7""#)
            let empty = try await stack.call("GET", "/api/empty")
            #expect(empty.status == 200)
            #expect(empty.header("Content-Type") == nil)
            #expect(empty.body.isEmpty)
        }
    }
}
