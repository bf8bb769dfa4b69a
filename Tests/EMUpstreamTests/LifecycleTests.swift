import EMUpstream
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import TestSupport
import Testing

/// shutdown(), run() as a Service, graceful draining.
@Suite struct LifecycleTests {
    @Test func shutdownFailsWaitingRequestsAndIsIdempotent() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout {
            let client = UpstreamClient(configuration: .testing())
            let caller = Task {
                _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
            }
            try await waitUntil { server.requests.count == 1 }
            await client.shutdown()
            #expect(await upstreamError { try await caller.value }?.code == .shutdown)
            await client.shutdown()
            let late = await upstreamError {
                _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
            }
            #expect(late?.code == .shutdown)
            try await waitUntil { server.clientCloses == 1 }
            #expect(server.requests.count == 1)
        }
    }

    @Test func shutdownFailsStreamingBodies() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfirst")
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout {
            let client = UpstreamClient(configuration: .testing())
            let response = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
            var iterator = response.body.makeAsyncIterator()
            #expect(try await iterator.next()?.text == "first")
            await client.shutdown()
            #expect(await upstreamError { _ = try await iterator.next() }?.code == .shutdown)
        }
    }

    @Test func runDrainsOnGracefulShutdownThenReturns() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            connection.pause(0.4)
            try connection.send(TestResponse(text: "late but complete"))
        }
        defer { server.stop() }
        try await withTimeout {
            let client = UpstreamClient(configuration: .testing())
            let group = ServiceGroup(
                configuration: .init(services: [client], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let inFlight = Task {
                    try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/")).body.collect(upTo: 100).text
                }
                try await waitUntil { server.requests.count == 1 }
                await group.triggerGracefulShutdown()
                #expect(try await inFlight.value == "late but complete")
                try await tasks.next()  // run() returned, so the group did
            }
            let late = await upstreamError {
                _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
            }
            #expect(late?.code == .shutdown)
        }
    }

    @Test func cancellingRunShutsDownAtOnce() async throws {
        let server = try TestHTTPServer { connection in
            _ = try connection.readRequest()
            connection.waitForClientClose(seconds: 5)
        }
        defer { server.stop() }
        try await withTimeout {
            let client = UpstreamClient(configuration: .testing())
            let runner = Task { try await client.run() }
            let caller = Task {
                _ = try await client.execute(UpstreamRequest(method: "GET", url: server.baseURL + "/"))
            }
            try await waitUntil { server.requests.count == 1 }
            runner.cancel()
            try await runner.value
            #expect(await upstreamError { try await caller.value }?.code == .shutdown)
        }
    }
}
