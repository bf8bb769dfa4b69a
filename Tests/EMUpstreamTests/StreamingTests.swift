import EMUpstream
import Foundation
import NIOCore
import Synchronization
import TestSupport
import Testing

/// Backpressure, cancellation, limits, and many transfers through one loop.
@Suite struct StreamingTests {
    @Test func manyConcurrentRequestsShareOneLoopAndTheConnectionLimit() async throws {
        let inFlight = InFlightGauge()
        let server = try TestHTTPServer { connection in
            while let request = try connection.readRequest() {
                inFlight.enter()
                connection.pause(0.005)
                inFlight.leave()
                try connection.send(TestResponse(text: "reply to \(request.target)"))
            }
        }
        defer { server.stop() }
        var configuration = UpstreamClient.Configuration.testing()
        configuration.maxConnectionsPerHost = 8
        let frozen = configuration
        try await withTimeout(60) {
            try await withUpstreamClient(configuration: frozen) { client in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/item/\(index)"))
                            return try await response.body.collect(upTo: 100).text == "reply to /item/\(index)"
                        }
                    }
                    var matched = 0
                    for try await ok in group where ok {
                        matched += 1
                    }
                    #expect(matched == 200)
                }
            }
        }
        #expect(server.requests.count == 200)
        // Never more than the limit at once (libcurl may replace a connection, so count requests
        // the server is answering rather than connections it accepted).
        #expect(inFlight.peak <= 8)
        #expect(inFlight.peak > 1)
        #expect(server.acceptedConnections < 50)
    }

    /// Callers send requests themselves when the engine lock is free and queue them when it is
    /// busy; cancellations race both paths. Every request not cancelled must complete, and the
    /// client must keep working afterwards (no command lost, no lock left held).
    @Test func requestsSentByCallersAndQueuedOnesInterleaveWithCancellations() async throws {
        let server = try TestHTTPServer { connection in
            while let request = try connection.readRequest() {
                connection.pause(0.002)
                try connection.send(TestResponse(text: "reply to \(request.target)"))
            }
        }
        defer { server.stop() }
        var configuration = UpstreamClient.Configuration.testing()
        configuration.maxConnectionsPerHost = 4
        let frozen = configuration
        try await withTimeout(60) {
            try await withUpstreamClient(configuration: frozen) { client in
                let completed = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<150 {
                        let task = Task {
                            let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/item/\(index)"))
                            return try await response.body.collect(upTo: 100).text == "reply to /item/\(index)"
                        }
                        if index % 3 == 0 { task.cancel() }
                        group.addTask {
                            do { return try await task.value } catch { return index % 3 != 0 ? false : true }
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(completed == 150)
                let after = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/after"))
                #expect(try await after.body.collect(upTo: 100).text == "reply to /after")
            }
        }
    }

    @Test func aSlowReaderPausesTheTransfer() async throws {
        let total = 50 << 20
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(total)\r\n\r\n")
            try connection.writeBody(total: total)
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout(25) {
            try await withUpstreamClient(configuration: .testing(idle: .seconds(2))) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/big"))
                var iterator = response.body.makeAsyncIterator()
                var received = try #require(try await iterator.next()).readableBytes
                // Read nothing for 2.5 s (longer than the idle timeout: a paused transfer is not idle).
                try await Task.sleep(for: .milliseconds(2500))
                let (sentWhilePaused, blocked) = server.observations.withLock { ($0.bodyBytesSent, $0.sendBlocked) }
                #expect(blocked > 0)
                #expect(sentWhilePaused < 24 << 20, "the client kept reading: \(sentWhilePaused) bytes sent")
                // Then read everything, checking the pattern at each chunk's start.
                var mismatches = 0
                while let chunk = try await iterator.next() {
                    if chunk.getInteger(at: chunk.readerIndex, as: UInt8.self) != UInt8(truncatingIfNeeded: received) {
                        mismatches += 1
                    }
                    received += chunk.readableBytes
                }
                #expect(received == total)
                #expect(mismatches == 0)
            }
        }
    }

    @Test func cancellingTheReaderStopsTheTransfer() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(200 << 20)\r\n\r\n")
            try connection.writeBody(total: 200 << 20)
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let progress = ManagedCounter()
                let reader = Task {
                    let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                    for try await chunk in response.body {
                        progress.add(chunk.readableBytes)
                    }
                }
                try await waitUntil { progress.value > 1 << 20 }
                reader.cancel()
                let error = await upstreamError { try await reader.value }
                #expect(error?.code == .cancelled)
                try await waitUntil { server.clientCloses == 1 }
            }
        }
    }

    @Test func droppingTheBodyUnreadStopsTheTransfer() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(200 << 20)\r\n\r\n")
            try connection.writeBody(total: 200 << 20)
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let status = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/")).status
                #expect(status == 200)
                try await waitUntil { server.clientCloses == 1 }
            }
        }
    }

    @Test func cancellingBeforeTheHeadAbortsTheRequest() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let caller = Task {
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/slow"))
                }
                try await waitUntil { server.requests.count == 1 }
                caller.cancel()
                let error = await upstreamError { try await caller.value }
                #expect(error?.code == .cancelled)
                try await waitUntil { server.clientCloses == 1 }
            }
        }
    }

    @Test func anAlreadyCancelledTaskSendsNothing() async throws {
        let server = try TestHTTPServer { _ in TestResponse(text: "never") }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let caller = Task {
                    withUnsafeCurrentTask { $0?.cancel() }
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                }
                #expect(await upstreamError { try await caller.value }?.code == .cancelled)
            }
        }
        #expect(server.acceptedConnections == 0)
    }

    @Test func collectStopsAtItsLimit() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(100 << 20)\r\n\r\n")
            try connection.writeBody(total: 100 << 20)
        }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                let error = await upstreamError { _ = try await response.body.collect(upTo: 100_000) }
                #expect(error?.code == .bodyTooLarge)
                try await waitUntil { server.clientCloses == 1 }
            }
        }
    }

    @Test func aBodyCanBeIteratedOnce() async throws {
        let server = try TestHTTPServer { _ in TestResponse(text: "once") }
        defer { server.stop() }
        try await withTimeout {
            try await withUpstreamClient(configuration: .testing()) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
                #expect(try await response.body.collect(upTo: 10).text == "once")
                let error = await upstreamError { _ = try await response.body.collect(upTo: 10) }
                #expect(error?.code == .other)
            }
        }
    }
}

/// A thread-safe counter for test progress.
final class ManagedCounter: Sendable {
    private let storage = Mutex(0)
    func add(_ amount: Int) { self.storage.withLock { $0 += amount } }
    var value: Int { self.storage.withLock { $0 } }
}

/// Counts requests a server is answering at once, and the peak.
final class InFlightGauge: Sendable {
    private let state = Mutex((current: 0, peak: 0))
    func enter() {
        self.state.withLock {
            $0.current += 1
            $0.peak = max($0.peak, $0.current)
        }
    }
    func leave() { self.state.withLock { $0.current -= 1 } }
    var peak: Int { self.state.withLock { $0.peak } }
}
