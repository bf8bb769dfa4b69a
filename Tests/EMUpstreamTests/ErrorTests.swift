import EMUpstream
import Foundation
import NIOCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Failures map onto typed codes, before the head (thrown by `execute`) and after it (thrown by
/// the body, so a truncated body is never taken for a complete one).
@Suite struct ErrorTests {
    @Test func closedPortIsConnectionRefused() async throws {
        let (fd, port) = try TestHTTPServer.refusingPort()
        defer { Glibc.close(fd) }
        let error = await upstreamError {
            try await withTimeout {
                try await withUpstreamClient(configuration: .testing()) { client in
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))
                }
            }
        }
        #expect(error?.code == .connectionRefused)
        #expect(error?.curlCode == 7)
    }

    @Test func garbageInsteadOfHTTPIsBadResponse() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n\r\n")
        }
        defer { server.stop() }
        let error = await upstreamError {
            try await withTimeout {
                try await withUpstreamClient(configuration: .testing()) { client in
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                }
            }
        }
        #expect(error?.code == .badResponse)
    }

    @Test func tlsToAPlainServerIsTLS() async throws {
        let server = try TestHTTPServer { connection in
            var scratch = [UInt8](repeating: 0, count: 4096)
            _ = scratch.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }  // ClientHello
            try connection.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        }
        defer { server.stop() }
        let error = await upstreamError {
            try await withTimeout {
                try await withUpstreamClient(configuration: .testing()) { client in
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: "https://127.0.0.1:\(server.port)/"))
                }
            }
        }
        #expect(error?.code == .tls)
    }

    /// Runs a GET against `script`, expects the head, and returns how reading the body ended.
    private func bodyError(
        configuration: UpstreamClient.Configuration = .testing(),
        _ script: @escaping @Sendable (TestConnection) throws -> Void
    ) async throws -> (received: Int, error: UpstreamError?) {
        let server = try TestHTTPServer(script: script)
        defer { server.stop() }
        return try await withTimeout(50) {
            try await withUpstreamClient(configuration: configuration) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(response.status == 200)
                var received = 0
                let error = await upstreamError {
                    for try await chunk in response.body {
                        received += chunk.readableBytes
                    }
                }
                return (received, error)
            }
        }
    }

    @Test func closeBeforeTheAnnouncedLengthFailsTheBody() async throws {
        let (received, error) = try await self.bodyError { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "x", count: 500))
        }
        #expect(received == 500)
        #expect(error?.code == .connectionReset)
    }

    @Test func closeInsideAChunkedBodyFailsTheBody() async throws {
        let (received, error) = try await self.bodyError { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
        }
        #expect(received == 5)
        #expect(error?.code == .connectionReset)
    }

    @Test func resetMidBodyFailsTheBody() async throws {
        let (_, error) = try await self.bodyError { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "x", count: 500))
            connection.pause(0.1)
            connection.reset()
        }
        #expect(error?.code == .connectionReset)
    }

    @Test func stallAfterTheHeadIsIdleTimeout() async throws {
        let started = ContinuousClock.now
        let (received, error) = try await self.bodyError(configuration: .testing(idle: .milliseconds(300))) { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            connection.waitForClientClose(seconds: 60)
        }
        #expect(received == 10)
        #expect(error?.code == .idleTimeout)
        // Far below the server's 60 s hold, with room for a heavily loaded machine.
        #expect(ContinuousClock.now - started < .seconds(45))
    }

    @Test func stallBeforeTheHeadIsIdleTimeoutAndClosesTheConnection() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            connection.waitForClientClose(seconds: 60)
        }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await upstreamError {
            try await withTimeout(50) {
                try await withUpstreamClient(configuration: .testing(idle: .milliseconds(300))) { client in
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                }
            }
        }
        #expect(error?.code == .idleTimeout)
        // Far below the server's 60 s hold, with room for a heavily loaded machine.
        #expect(ContinuousClock.now - started < .seconds(45))
        try await waitUntil(5) { server.clientCloses == 1 }
    }

    @Test func aTricklingBodyOutlastsTheIdleTimeout() async throws {
        // 25 pieces 100 ms apart: ~2.5 s in all, well past the idle timeout, never idle for 1 s
        // (the margin absorbs a loaded machine).
        let (received, error) = try await self.bodyError(configuration: .testing(idle: .seconds(1))) { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 250\r\n\r\n")
            for _ in 0..<25 {
                connection.pause(0.1)
                try connection.write(String(repeating: "t", count: 10))
            }
            connection.waitForClientClose(seconds: 5)
        }
        #expect(error == nil)
        #expect(received == 250)
    }

    @Test func fullListenQueueIsConnectTimeout() async throws {
        // A loopback listener that never accepts, its one-entry queue filled: the kernel drops
        // further SYNs, so connecting hangs until the connect timeout.
        let (listener, port) = try TestHTTPServer.listen(backlog: 0)
        let first = Self.startConnect(port: port)
        let second = Self.startConnect(port: port)
        defer {
            Glibc.close(first)
            Glibc.close(second)
            Glibc.close(listener)
        }
        #expect(Self.waitWritable(first, milliseconds: 2000), "the first connection fills the queue")
        #expect(!Self.waitWritable(second, milliseconds: 100), "the queue is full, so SYNs are dropped")
        let started = ContinuousClock.now
        let error = await upstreamError {
            try await withTimeout {
                try await withUpstreamClient(configuration: .testing(connect: .milliseconds(400))) { client in
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))
                }
            }
        }
        #expect(error?.code == .connectTimeout, "\(String(describing: error))")
        #expect(error?.curlCode == 28)
        // Far below the server's 60 s hold, with room for a heavily loaded machine.
        #expect(ContinuousClock.now - started < .seconds(45))
    }

    /// Starts a non-blocking connect to 127.0.0.1:`port`.
    private static func startConnect(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return fd
    }

    /// Whether a connecting socket became connected (writable) within the time.
    private static func waitWritable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        return poll(&descriptor, 1, milliseconds) == 1 && descriptor.revents & Int16(POLLOUT) != 0
    }
}
