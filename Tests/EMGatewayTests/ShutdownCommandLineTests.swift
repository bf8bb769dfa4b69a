import EMUpstream
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `serve` exits within its shutdown limit after SIGTERM, whatever its clients do.
@Suite("Shutdown limit")
struct ShutdownCommandLineTests {
    /// Sends `GET target` with a tiny receive buffer, reads the response head and the first
    /// bytes, then stops reading: the gateway's writes stall. Returns the open descriptor.
    static func stalledDownload(port: Int, target: String, token: String) throws -> Int32 {
        let descriptor = try RawSocket.connect(port: port, receiveBuffer: 4096, timeout: 30)
        RawSocket.sendAll(
            descriptor,
            Array(
                "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\nX-RestSvcSessionId: \(token)\r\n\r\n".utf8
            ))
        guard let head = RawSocket.readHead(descriptor), head.hasPrefix("HTTP/1.1 200") else {
            close(descriptor)
            throw RawSocket.Failure(description: "no 200 response head")
        }
        return descriptor
    }

    @Test("SIGTERM with a download its client stopped reading: notice lines, exit within --shutdown-timeout")
    func stalledClient() async throws {
        let (process, first, err) = try await CommandLineTests.start(
            ["serve", "--demo", "--scale", "30000", "--listen", "127.0.0.1:0", "--shutdown-timeout", "2", "--shutdown-drain-delay", "0"],
            firstLineTimeout: 60)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(first.hasPrefix("em-gateway listening on http://127.0.0.1:"))
        let base = String(first.dropFirst("em-gateway listening on ".count))
        let port = try #require(URL(string: base)?.port)
        let token = try await withUpstreamClient { client in
            let logon = try await client.execute(
                UpstreamRequest(method: "POST", url: base + "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")]))
            #expect(logon.status == 201)
            return try #require(logon.header("X-RestSvcSessionId"))
        }
        // About 30 MB of JSON: far more than the socket buffers hold, so the response cannot
        // finish while the client does not read.
        let stalled = try await withTimeout(60) {
            try Self.stalledDownload(port: port, target: "/api/backupSessions?format=Entity", token: token)
        }
        defer { close(stalled) }

        process.terminate()  // SIGTERM
        // Polled, not `waitUntilExit()`: a gateway that never exits must fail the test, not hang it.
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "still running 60 s after SIGTERM with a 2 s limit")
        guard !process.isRunning else { return }
        #expect(process.terminationReason == .exit)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("graceful shutdown started; requests in flight have 2 s to finish"), "\(log.suffix(2000))")
        #expect(log.contains("graceful shutdown limit of 2 s reached"), "\(log.suffix(2000))")
        // The gateway cut the stream, not the client (which is still connected).
        #expect(log.contains("em.abort.reason=shutdown"), "\(log.suffix(2000))")
        #expect(!log.contains("em.abort.reason=client"), "\(log.suffix(2000))")
        // Its access line keeps the 200 that went out, and says how it ended.
        let access = log.split(separator: "\n").first { $0.contains("outcome=") && $0.contains("GET /api/backupSessions 200") }
        #expect(access?.contains("outcome=shutdown") == true, "\(log.suffix(2000))")
    }

    @Test("SIGTERM drains first: /readyz answers 503 while requests are still served; a second signal ends the drain")
    func drain() async throws {
        let (process, first, err) = try await CommandLineTests.start(
            ["serve", "--demo", "--listen", "127.0.0.1:0", "--shutdown-drain-delay", "60"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let base = String(first.dropFirst("em-gateway listening on ".count))
        @Sendable func get(_ client: UpstreamClient, _ path: String) async throws -> Int {
            let response = try await client.execute(UpstreamRequest(method: "GET", url: base + path))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status
        }
        try await withUpstreamClient { client in
            #expect(try await get(client, "/readyz") == 200)
            process.terminate()  // SIGTERM
            // The drain starts when the signal arrives: poll until /readyz says so.
            try await withTimeout(60) {
                while try await get(client, "/readyz") != 503 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(process.isRunning)
            let logon = try await client.execute(
                UpstreamRequest(method: "POST", url: base + "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")]))
            _ = try await logon.body.collect(upTo: 1 << 20)
            #expect(logon.status == 201, "requests are still served during the drain")
            #expect(try await get(client, "/healthz") == 200)
        }
        // New connections too (the client above is shut down; this one connects afresh).
        let status = try await withUpstreamClient { client in try await get(client, "/healthz") }
        #expect(status == 200)
        process.terminate()  // a second SIGTERM: no more waiting
        try await withTimeout(60) { process.waitUntilExit() }
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("SIGTERM: draining for 60 s"), "\(log.suffix(2000))")
        #expect(log.contains("graceful shutdown started"), "\(log.suffix(2000))")
    }
}
