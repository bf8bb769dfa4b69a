import EMGateway
import EMUpstream
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The middleware stack and the gates, called through the router without sockets
/// (HummingbirdTesting `.router`): their order, the mapping of every refusal to EM's `Error`
/// shape, and the header fields the gates set. Nothing here reaches EM: the upstream is a port
/// nobody listens on, so a request that slipped past a gate would answer `502`.
@Suite("Router: middleware order, error mapping, gates")
struct RouterTests {
    static func withRouter(
        configure: @Sendable (inout GatewayConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var configuration = GatewayConfiguration(upstreamBaseURL: "http://127.0.0.1:9")
        configuration.port = 0
        configure(&configuration)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let upstream = UpstreamClient(configuration: configuration.upstream, logger: logger)
        let app = try Gateway.makeApplication(configuration: configuration, upstream: upstream, logger: logger)
        try await app.test(.router) { client in try await body(client) }
    }

    static func json(_ body: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))) as? [String: Any] ?? [:]
    }

    @Test("the outermost middleware stamps every answer, errors included, with a request id")
    func requestIDOnErrors() async throws {
        try await Self.withRouter { client in
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.count == 32)
                #expect(Self.json(response.body)["Status"] as? String == "NotFound")
                #expect(response.headers[HTTPField.Name("Cache-Status")!] == nil, "not an /api answer")
            }
        }
    }

    @Test("refusals map to EM's Error shape with their status, before anything is forwarded")
    func errorMapping() async throws {
        try await Self.withRouter { client in
            let cases: [(String, HTTPRequest.Method, HTTPFields, Int, String)] = [
                ("/api/jobs/%2e%2e/x", .get, [:], 400, "BadRequest"),
                ("/api/jobs", .trace, [:], 405, "MethodNotAllowed"),
                ("/api/jobs", .get, [.accept: "application/json; dialect=fancy"], 406, "NotAcceptable"),
                ("/api/jobs", .post, [.contentType: "application/json"], 400, "BadRequest"),
            ]
            for (uri, method, headers, status, name) in cases {
                let body: ByteBuffer? = method == .post ? ByteBuffer(string: "{not json") : nil
                try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                    #expect(response.status.code == status, "\(method) \(uri)")
                    #expect(Self.json(response.body)["Status"] as? String == name, "\(method) \(uri)")
                    #expect(response.headers[.vary]?.contains("Accept") == true)
                    #expect(response.headers[HTTPField.Name("Cache-Status")!] == "em-gateway; fwd=bypass")
                }
            }
        }
    }

    @Test("an XML client gets the gateway's errors as EM's XML Error")
    func xmlErrors() async throws {
        try await Self.withRouter { client in
            try await client.execute(uri: "/api/x/%2E%2E", method: .get, headers: [.accept: "application/xml"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(
                    String(buffer: response.body).contains(
                        #"<Error Message="Dot-segments are not allowed in request paths." StatusCode="400""#))
            }
        }
    }

    @Test("OPTIONS on a documented path answers Allow from the contract; CORS preflight from the browser policy")
    func optionsAndPreflight() async throws {
        try await Self.withRouter(configure: { $0.allowedOrigins = ["https://portal.example"] }) { client in
            try await client.execute(uri: "/api/jobs/6f1c", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(
                    response.headers[.allow] == "GET, HEAD, PUT, DELETE, OPTIONS"
                        || response.headers[.allow]?.hasPrefix("GET, HEAD") == true)
            }
            try await client.execute(
                uri: "/api/jobs", method: .options,
                headers: [.origin: "https://portal.example", .accessControlRequestMethod: "POST"]
            ) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://portal.example")
                #expect(response.headers[.accessControlAllowMethods]?.contains("PATCH") == true)
            }
            try await client.execute(
                uri: "/api/jobs", method: .options, headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("in service-account mode the bearer gate answers 401 with a Bearer challenge, before EM")
    func bearerGate() async throws {
        let tokens = try BearerTokenList(parsing: "")
        try await Self.withRouter(configure: {
            $0.serviceAccount = ServiceAccountConfiguration(user: "svc", password: "x", tokens: tokens)
        }) { client in
            try await client.execute(uri: "/api/jobs", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
        }
    }
}
