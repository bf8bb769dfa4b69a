import EMUpstream
import NIOCore
import TestSupport
import Testing

/// The optional per-call deadline of `execute`: it bounds the whole transfer, body included, while
/// a call without one streams for as long as bytes keep coming.
struct DeadlineTests {
    /// A server that answers 250 bytes in 25 pieces 100 ms apart (~2.5 s, never idle for 1 s).
    private static func trickle() throws -> TestHTTPServer {
        try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 250\r\n\r\n")
            for _ in 0..<25 {
                connection.pause(0.1)
                try connection.write(String(repeating: "t", count: 10))
            }
            connection.waitForClientClose(seconds: 5)
        }
    }

    private static func read(_ server: TestHTTPServer, deadline: Duration?) async throws -> (received: Int, error: UpstreamError?) {
        try await withTimeout(50) {
            try await withUpstreamClient(configuration: .testing(idle: .seconds(1))) { client in
                let request = UpstreamRequest(method: "GET", url: server.baseURL + "/")
                let response = try await client.execute(request, deadline: deadline.map { .now + $0 })
                var received = 0
                let error = await upstreamError {
                    for try await chunk in response.body { received += chunk.readableBytes }
                }
                return (received, error)
            }
        }
    }

    @Test("a deadline cuts a body that keeps trickling in; without one the same body is read to its end")
    func deadlineBoundsTheBody() async throws {
        let server = try Self.trickle()
        defer { server.stop() }
        let cut = try await Self.read(server, deadline: .milliseconds(500))
        #expect(cut.error?.code == .deadlineExceeded, "\(String(describing: cut.error))")
        #expect(cut.received < 250)
        let whole = try await Self.read(server, deadline: nil)
        #expect(whole.error == nil)
        #expect(whole.received == 250)
    }

    @Test("a deadline that passes before the head fails the call and closes the connection")
    func deadlineBeforeTheHead() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            connection.waitForClientClose(seconds: 60)
        }
        defer { server.stop() }
        let error = await upstreamError {
            try await withTimeout(50) {
                try await withUpstreamClient(configuration: .testing(idle: .seconds(30))) { client in
                    _ = try await client.execute(
                        UpstreamRequest(method: "GET", url: server.baseURL + "/"), deadline: .now + .milliseconds(300))
                }
            }
        }
        #expect(error?.code == .deadlineExceeded, "\(String(describing: error))")
        try await waitUntil(5) { server.clientCloses == 1 }
    }
}
