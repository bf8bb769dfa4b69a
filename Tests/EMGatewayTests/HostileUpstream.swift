import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import TestSupport

/// An in-process upstream that misbehaves on purpose: hostile XML, garbage, truncation, slowness,
/// non-XML downloads, and an echo of the request it received. Test support, not a stand-in for
/// EM: the real simulator covers EM's behaviour.
enum HostileUpstream {
    static let namespace = "http://www.veeam.com/ent/v1.0"

    static func xml(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func router(notEM: Bool = false, onSlow: @escaping @Sendable () -> Void = {}, gate: Gate = Gate()) -> Router<BasicRequestContext>
    {
        let router = Router()
        router.get("/api/") { _, _ in
            if notEM {
                return Response(
                    status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"data":[]}"#)))
            }
            return xml("<?xml version=\"1.0\"?><EnterpriseManager xmlns=\"\(namespace)\"><Links/></EnterpriseManager>")
        }
        router.get("/api/laughs") { _, _ in
            xml(
                """
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
                <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><EntityRef Name="&lol2;"/>
                """)
        }
        router.get("/api/xxe") { _, _ in
            xml(#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><EntityRef Name="&x;"/>"#)
        }
        router.get("/api/garbage") { _, _ in xml("<<<this is not xml>>>") }
        router.get("/api/deep") { _, _ in
            xml(String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100))
        }
        router.get("/api/fault/{kind}") { _, context in
            // One answer per class of fault the gateway names in its 502s, and valid answers in
            // encodings other than UTF-8.
            let ref = "<EntityRef xmlns=\"\(namespace)\" Href=\"https://em:9398/api/jobs/1\" Name=\"caf\u{E9}\""
            switch context.parameters.get("kind") ?? "" {
            case "dtd": return xml(#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><EntityRef Name="&x;"/>"#)
            case "encoding":
                var bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><EntityRef Name="a"#.utf8)
                bytes += [0xC3, 0x28] + Array(#""/>"#.utf8)
                return Response(status: .ok, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            case "after": return xml("<EntityRef Name=\"a\"/> junk")
            case "schema":
                return xml("<CloudTenant xmlns=\"\(namespace)\"><Description>a</Description><Description>b</Description></CloudTenant>")
            case "attributes": return xml("<EntityRef " + (0..<100).map { "a\($0)=\"x\"" }.joined(separator: " ") + "/>")
            case "utf16le", "utf16be":
                let little = context.parameters.get("kind") == "utf16le"
                let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>" + ref + "/>\r\n "
                var bytes: [UInt8] = little ? [0xFF, 0xFE] : [0xFE, 0xFF]
                for unit in text.utf16 {
                    bytes += little ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                }
                return Response(
                    status: .ok, headers: [.contentType: "application/xml; charset=utf-16"],
                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            case "latin1":
                let text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + ref + "/>"
                let bytes = text.unicodeScalars.map { UInt8($0.value) }
                return Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            case "cp1252":
                let text = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>" + ref + "/>"
                let bytes = text.unicodeScalars.map { UInt8($0.value) }
                return Response(status: .ok, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            default: return xml("<<<this is not xml>>>")
            }
        }
        router.get("/api/download") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/octet-stream", .contentDisposition: "attachment; filename=\"vm.vbk\""],
                body: .init(byteBuffer: ByteBuffer(bytes: [0, 1, 2, 0xFF, 0x3C, 0x3F])))
        }
        router.get("/api/bigdownload") { _, _ in
            // 5,000,000 bytes, well past the gateway's 1 MiB Content-Length threshold.
            let total = 5_000_000
            return Response(
                status: .ok, headers: [.contentType: "application/octet-stream"],
                body: ResponseBody(contentLength: total) { writer in
                    var left = total
                    while left > 0 {
                        let count = min(left, 64 << 10)
                        try await writer.write(ByteBuffer(repeating: UInt8(truncatingIfNeeded: left), count: count))
                        left -= count
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/api/bigxml") { _, _ in
            // About 3.6 MB of XML: translated or link-rewritten, too large to be collected.
            let item = "<Ref Type=\"JobReference\" Href=\"https://em:9398/api/jobs/1\" Name=\"job\" UID=\"urn:veeam:Job:1\"/>"
            var body = ByteBuffer(string: "<EntityReferences xmlns=\"\(namespace)\">")
            for _ in 0..<40_000 { body.writeString(item) }
            body.writeString("</EntityReferences>")
            return Response(status: .ok, headers: [.contentType: "application/xml"], body: .init(byteBuffer: body))
        }
        router.delete("/api/empty") { _, _ in Response(status: .noContent) }
        router.post("/api/emptyxml") { _, _ in
            Response(status: .accepted, headers: [.contentType: "application/xml", .contentLength: "0"], body: .init())
        }
        router.get("/api/slow") { request, _ in
            onSlow()
            let seconds = request.uri.queryParameters["seconds"].flatMap { Int($0) } ?? 3
            await gate.wait(atMost: .seconds(seconds))
            return xml("<EntityRef xmlns=\"\(namespace)\" Name=\"late\"/>")
        }
        router.get("/api/truncated") { request, _ in
            let large = request.uri.queryParameters["large"] != nil
            let item = "<Ref Type=\"JobReference\" Href=\"https://em:9398/api/jobs/1\" Name=\"job\" UID=\"urn:veeam:Job:1\"/>"
            let count = large ? 40_000 : 10
            return Response(
                status: .ok, headers: [.contentType: "application/xml"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "<EntityReferences xmlns=\"\(namespace)\">"))
                    for _ in 0..<count { try await writer.write(ByteBuffer(string: item)) }
                    throw CancellationError()  // the connection is closed mid-body
                })
        }
        router.on("/api/echo", method: .post) { request, _ in try await echo(request) }
        router.post("/api/**") { request, _ in try await echo(request) }
        router.put("/api/**") { request, _ in try await echo(request) }
        router.get("/api/echo") { request, _ in try await echo(request) }
        return router
    }

    /// Answers with the request's method, target, header fields and body as XML.
    static func echo(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        var xml =
            "<Echo Method=\"\(request.method.rawValue)\" Target=\"\(escape(request.uri.string))\" Authority=\"\(escape(request.head.authority ?? ""))\">"
        for field in request.headers {
            xml += "<Header Name=\"\(escape(field.name.canonicalName))\">\(escape(field.value))</Header>"
        }
        xml += "<Body>\(escape(String(buffer: body)))</Body></Echo>"
        return Self.xml(xml)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Runs the hostile upstream on a loopback port for the duration of `body`.
    static func with<R: Sendable>(
        notEM: Bool = false, tls: TLSConfiguration? = nil, _ body: @Sendable (Int) async throws -> R
    ) async throws -> R {
        try await withArrivals(notEM: notEM, tls: tls) { port, _, _ in try await body(port) }
    }

    /// As ``with(notEM:_:)``, also handing `body` a stream that yields once each time
    /// `/api/slow` has been received (so tests can wait for it instead of sleeping).
    static func withArrivals<R: Sendable>(
        notEM: Bool = false, tls: TLSConfiguration? = nil, _ body: @Sendable (Int, AsyncStream<Void>, Gate) async throws -> R
    ) async throws -> R {
        let gate = Gate()
        let logger = Logger(label: "hostile", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let (slowArrivals, arrivals) = AsyncStream.makeStream(of: Void.self)
        let app = Application(
            router: router(notEM: notEM, onSlow: { arrivals.yield() }, gate: gate),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress!.port!) }, logger: logger)
        let group = ServiceGroup(configuration: .bounded(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await withTimeout { await ports.first { _ in true }! }
            let result = try await body(port, slowArrivals, gate)
            await gate.open()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }
}

/// Holds `/api/slow` answers until the test opens it (or a deadline passes).
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait(atMost limit: Duration) async {
        guard !isOpen else { return }
        let deadline = Task { [weak self] in
            try? await Task.sleep(for: limit)
            await self?.open()
        }
        await withCheckedContinuation { waiters.append($0) }
        deadline.cancel()
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
