import EMGateway
import EMUpstream
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// Things that happened, in the order they happened, across the test, the upstream and the client.
final class StreamingEvents: Sendable {
    private let log = Mutex<[String]>([])
    private let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    func record(_ event: String) {
        log.withLock { $0.append(event) }
        let resumed = waiters.withLock { $0.removeValue(forKey: event) ?? [] }
        for waiter in resumed { waiter.resume() }
    }

    var all: [String] { log.withLock { $0 } }

    /// Waits until `event` has been recorded (put a timeout around it).
    func wait(for event: String) async {
        await withCheckedContinuation { continuation in
            let already = log.withLock { log in
                if log.contains(event) { return true }
                waiters.withLock { $0[event, default: []].append(continuation) }
                return false
            }
            if already { continuation.resume() }
        }
    }

    /// The first recorded event that starts with `prefix`.
    func first(_ prefix: String) -> String? { all.first { $0.hasPrefix(prefix) } }
}

/// An EM stand-in for streaming tests: a large `EntityReferences` collection that pauses in the
/// middle until the test says so (`/api/pausing`), and one that writes until its reader goes
/// away or 256 MiB are out (`/api/endless`).
enum StreamingUpstream {
    static let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<EntityReferences xmlns=\"http://www.veeam.com/ent/v1.0\">\n"
    static let tail = "</EntityReferences>\n"
    /// Bytes `/api/pausing` writes before it waits: past the gateway's 1 MiB threshold once converted.
    static let bytesBeforePause = 3 << 19
    /// The most `/api/endless` writes.
    static let endlessCap = 256 << 20

    /// One `<Ref>` of a backup job session, as EM writes it.
    static func ref(_ index: Int) -> String {
        let id = "5ca1ab1e-0000-4000-8000-" + String(repeating: "0", count: 12 - String(index).count) + String(index)
        let href = "https://localhost:9398/api/backupSessions/\(id)"
        return """
              <Ref Type="BackupJobSessionReference" Href="\(href)" Name="Job \(index)@2025-01-01 00:00:00" UID="urn:veeam:BackupJobSession:\(id)">
                <Links>
                  <Link Rel="Alternate" Type="BackupJobSession" Href="\(href)?format=Entity" Name="Job \(index)@2025-01-01 00:00:00" />
                </Links>
              </Ref>

            """
    }

    static func makeRouter(events: StreamingEvents) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/api/pausing") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                body: ResponseBody { writer in
                    var index = 0
                    var written = 0
                    var chunk = ByteBuffer(string: head)
                    while written < bytesBeforePause {
                        chunk.writeString(ref(index))
                        index += 1
                        if chunk.readableBytes >= 32 << 10 {
                            written += chunk.readableBytes
                            try await writer.write(chunk)
                            chunk.clear()
                        }
                    }
                    try await writer.write(chunk)
                    events.record("upstream paused after \(index) refs")
                    await events.wait(for: "resume upstream")
                    try await writer.write(ByteBuffer(string: ref(index) + tail))
                    try await writer.finish(nil)
                    events.record("upstream ended after \(index + 1) refs")
                })
        }
        router.get("/api/silent") { _, _ in
            events.record("silent request arrived")
            await events.wait(for: "release silent")
            return Response(
                status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: head + tail)))
        }
        router.get("/api/quick") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: head + tail)))
        }
        router.get("/api/endless") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                body: ResponseBody { writer in
                    var written = 0
                    var completed = false
                    defer { events.record("upstream stopped: \(completed ? "completed" : "cut off") after \(written) bytes") }
                    var chunk = ByteBuffer(string: head)
                    var index = 0
                    while written < endlessCap {
                        chunk.writeString(ref(index))
                        index += 1
                        if chunk.readableBytes >= 32 << 10 {
                            written += chunk.readableBytes
                            try await writer.write(chunk)
                            chunk.clear()
                        }
                    }
                    try await writer.write(ByteBuffer(string: tail))
                    try await writer.finish(nil)
                    completed = true
                })
        }
        return router
    }

    /// Starts this upstream and the gateway in front of it, runs `body` with the gateway's base
    /// URL, and shuts both down.
    static func withGateway<R: Sendable>(
        events: StreamingEvents, configure: (inout GatewayConfiguration) -> Void = { _ in }, gatewayLogger: Logger? = nil,
        _ body: @Sendable (_ gatewayURL: String) async throws -> R
    ) async throws -> R {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let (upstreamPorts, upstreamContinuation) = AsyncStream.makeStream(of: Int.self)
        let upstreamApp = Application(
            router: makeRouter(events: events), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { upstreamContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let upstreamGroup = ServiceGroup(configuration: .bounded(services: [upstreamApp], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await upstreamGroup.run() }
            defer { group.cancelAll() }
            let upstreamPort = try await withTimeout { await upstreamPorts.first { _ in true }! }
            var configuration = GatewayConfiguration(upstreamBaseURL: "http://127.0.0.1:\(upstreamPort)")
            configuration.port = 0
            configure(&configuration)
            let upstream = UpstreamClient(configuration: configuration.upstream, logger: logger)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let gateway = try Gateway.makeApplication(configuration: configuration, upstream: upstream, logger: gatewayLogger ?? logger) {
                continuation.yield($0)
            }
            let gatewayGroup = ServiceGroup(configuration: .bounded(services: [gateway], logger: logger))
            group.addTask { try await gatewayGroup.run() }
            let port = try await withTimeout { await ports.first { _ in true }! }
            let result = try await body("http://127.0.0.1:\(port)")
            await gatewayGroup.triggerGracefulShutdown()
            await upstreamGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }
}
