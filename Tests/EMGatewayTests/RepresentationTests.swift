import EMGateway
import EMUpstream
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What the client asks for: JSON dialects, EM's XML with gateway links, the OpenAPI contract,
/// and JSON request bodies turned into EM's XML.
@Suite("Representations and request bodies")
struct RepresentationTests {
    static let seed = "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity"

    @Test("Accept: application/json; dialect=compact leaves the nulls out; native writes them")
    func dialects() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let native = try await stack.call("GET", Self.seed, headers: [DemoStack.session(token)])
            #expect(native.text.contains(#""FailureMessage":null"#))
            let compact = try await stack.call(
                "GET", Self.seed, headers: [DemoStack.session(token), .init(name: "Accept", value: "application/json; dialect=compact")])
            #expect(!compact.text.contains("null"))
            #expect(compact.header("Vary")?.contains("Accept") == true)
            #expect(try compact.json()["Progress"] as? Int == 100)
        }
    }

    @Test("Accept: application/xml gets EM's XML with its links on the gateway")
    func xml() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let answer = try await stack.call(
                "GET", Self.seed, headers: [DemoStack.session(token), .init(name: "Accept", value: "application/xml")])
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("application/xml") == true)
            #expect(answer.text.hasPrefix("<?xml"))
            #expect(answer.text.contains(#"<IsRetry>false</IsRetry>"#))
            #expect(
                answer.text.contains(
                    "Href=\"\(stack.gatewayURL)/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b/repicaTaskSessions\""))
            #expect(!answer.text.contains("https://localhost:9398"))
        }
    }

    @Test("/openapi.json and /openapi.yaml serve the contract with servers set to the gateway")
    func openAPI() async throws {
        try await DemoStack.with { stack in
            let json = try await stack.call("GET", "/openapi.json")
            #expect(json.status == 200)
            let document = try json.json()
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let servers = try #require(document["servers"] as? [[String: Any]])
            #expect(servers.first?["url"] as? String == stack.gatewayURL)
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(paths.count > 150)
            let yaml = try await stack.call("GET", "/openapi.yaml")
            #expect(yaml.status == 200)
            #expect(yaml.text.contains("url: \"\(stack.gatewayURL)\""))
        }
    }

    @Test("a JSON body becomes EM's XML in schema order; bad bodies get 400 naming the fault, nothing forwarded")
    func jsonBodies() async throws {
        try await HostileUpstream.with { port in
            try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:\(port)" }) { stack in
                let json = #"{"Password": "p&w", "Username": "admin", "DnsNameOrIpAddress": "vbr01", "Description": "new", "Port": 9392}"#
                let answer = try await stack.call(
                    "POST", "/api/backupServers?action=create", headers: [.init(name: "Content-Type", value: "application/json")],
                    body: json)
                #expect(answer.status == 200)
                let echo = try answer.json()
                let body = try #require(echo["Body"] as? String)
                #expect(body.contains("<BackupServerSpec xmlns=\"http://www.veeam.com/ent/v1.0\">"))
                let order = ["<Description>", "<DnsNameOrIpAddress>", "<Port>", "<Username>", "<Password>p&amp;w</Password>"]
                let positions = order.compactMap { body.range(of: $0)?.lowerBound }
                #expect(positions.count == order.count && positions == positions.sorted())
                let headers = (echo["Header"] as? [[String: Any]]) ?? []
                #expect(
                    headers.contains {
                        $0["Name"] as? String == "content-type" && ($0["Value"] as? String)?.hasPrefix("application/xml") == true
                    })

                let malformed = try await stack.call(
                    "POST", "/api/backupServers?action=create", headers: [.init(name: "Content-Type", value: "application/json")],
                    body: "{\"Port\": ")
                #expect(malformed.status == 400)
                #expect((try malformed.json()["Message"] as? String)?.contains("JSON") == true)
                let unknown = try await stack.call(
                    "POST", "/api/backupServers?action=create", headers: [.init(name: "Content-Type", value: "application/json")],
                    body: #"{"Description": "x", "Colour": "blue"}"#)
                #expect(unknown.status == 400)
                #expect((try unknown.json()["Message"] as? String)?.contains("Colour") == true)
                let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
                let tooDeep = try await stack.call(
                    "POST", "/api/backupServers?action=create", headers: [.init(name: "Content-Type", value: "application/json")],
                    body: deep)
                #expect(tooDeep.status == 400)
            }
        }
    }
}

@Suite("HTTP methods")
struct MethodTests {
    @Test("HEAD answers the headers GET would, with no body")
    func head() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let path = "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity"
            let get = try await stack.call("GET", path, headers: [DemoStack.session(token)])
            let head = try await stack.call("HEAD", path, headers: [DemoStack.session(token)])
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Type") == get.header("Content-Type"))
            #expect(head.header("Content-Length") == String(get.body.count))
        }
    }

    @Test("OPTIONS on a documented path lists the methods the contract allows")
    func options() async throws {
        try await DemoStack.with { stack in
            let answer = try await stack.call("OPTIONS", "/api/logonSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b")
            #expect(answer.status == 204)
            #expect(answer.header("Allow") == "GET, HEAD, DELETE, OPTIONS")
        }
    }
}

@Suite("Slow clients")
struct SlowClientTests {
    @Test("a client that sends its headers too slowly is cut off")
    func slowHeaders() async throws {
        try await DemoStack.with(configure: { $0.clientIdleTimeout = .seconds(1) }) { stack in
            let port = try #require(URL(string: stack.gatewayURL)?.port)
            let closed = try await withTimeout(60) { () -> Bool in
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { return false }
                let partial = "GET /api/ HTTP/1.1\r\nHost: x\r\n"
                _ = partial.withCString { send(fd, $0, strlen($0), 0) }
                // Never finish the head; the server must close the connection (read returns 0).
                var buffer = [UInt8](repeating: 0, count: 512)
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                while true {
                    let count = recv(fd, &buffer, buffer.count, 0)
                    if count == 0 { return true }
                    if count < 0 { return false }
                }
            }
            #expect(closed)
        }
    }
}
