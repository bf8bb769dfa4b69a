import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// An Enterprise Manager stand-in for `verify`: `GET /api/`, the Basic logon, the logoff, and
/// resources in both forms (XML, or EM's JSON for `Accept: application/json`), over plain
/// sockets on 127.0.0.1 (one request per connection). It records every request it gets.
final class VerifyUpstream: Sendable {
    /// One resource: its answers in each form; the n-th fetch of a form gets the n-th answer
    /// (the last one once they run out).
    struct Resource: Sendable {
        var xml: [[UInt8]]
        var json: [[UInt8]]
        /// The media type of the XML form (a download has another).
        var xmlContentType = "application/xml; charset=utf-8"
    }

    /// A request as received.
    struct Request: Sendable {
        let method: String
        let target: String
        let headers: [String: String]
    }

    static let token = "MTVhM2ZjOTctMDMyNS00MTE5LWI3ODktNWMwMzY3YzZjNTY1"
    static let sessionID = "15a3fc97-0325-4119-b789-5c0367c6c565"

    /// What was received, and how often each form of each target was fetched.
    private final class Log: Sendable {
        let state = Mutex<(requests: [Request], fetches: [String: Int])>(([], [:]))
    }

    private let server: RawSocketServer
    private let log: Log

    var port: Int { server.port }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { log.state.withLock { $0.requests } }

    /// Starts serving.
    /// - Parameters:
    ///   - resources: by exact path and query (`/api/jobs/…?format=Entity`).
    ///   - logonSession: the `LogonSession` the logon answers with.
    ///   - credentials: `user:password` accepted by the logon.
    ///   - hanging: a path whose answer never comes (until ``stop()``).
    init(
        resources: [String: Resource], logonSession: [UInt8], credentials: String = "verifier:s3cret", hanging: String? = nil
    ) throws {
        let log = Log()
        self.log = log
        let root = try Fixtures.bytes("verify/enterprise-manager.xml")
        let basic = "Basic " + Data(credentials.utf8).base64EncodedString()
        let respond: @Sendable (String, @escaping @Sendable () -> Bool) -> [UInt8] = { head, stopped in
            let request = Self.parse(head)
            let fetch = log.state.withLock { state -> Int in
                state.requests.append(request)
                let key = request.target + (Self.wantsJSON(request) ? " json" : " xml")
                state.fetches[key, default: 0] += 1
                return state.fetches[key]! - 1
            }
            if request.target == hanging {
                while !stopped() { Thread.sleep(forTimeInterval: 0.05) }
                return Self.answer(503, "application/xml", [])
            }
            switch (request.method, request.target) {
            case ("GET", "/api/"):
                return Self.answer(200, "application/xml; charset=utf-8", root)
            case ("POST", "/api/sessionMngr/?v=latest"):
                guard request.headers["authorization"] == basic else {
                    return Self.answer(
                        401, "application/xml", Self.error(401, json: false), extra: "WWW-Authenticate: Basic Realm=RestSvc\r\n")
                }
                return Self.answer(
                    201, "application/xml; charset=utf-8", logonSession,
                    extra:
                        "X-RestSvcSessionId: \(Self.token)\r\nLocation: http://em.example.local:9398/api/logonSessions/\(Self.sessionID)\r\n"
                )
            default:
                break
            }
            guard request.headers["x-restsvcsessionid"] == Self.token else {
                return Self.answer(401, "application/xml", Self.error(401, json: false))
            }
            if request.method == "DELETE", request.target == "/api/logonSessions/\(Self.sessionID)" { return Self.answer(204, nil, []) }
            let json = Self.wantsJSON(request)
            guard request.method == "GET", let resource = resources[request.target] else {
                return Self.answer(
                    404, json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8", Self.error(404, json: json))
            }
            let forms = json ? resource.json : resource.xml
            return Self.answer(200, json ? "application/json; charset=utf-8" : resource.xmlContentType, forms[min(fetch, forms.count - 1)])
        }
        server = try RawSocketServer { .init(respond($0.head, $0.stopped)) }
    }

    /// Stops serving; hanging answers end.
    func stop() { server.stop() }

    deinit { server.stop() }

    private static func wantsJSON(_ request: Request) -> Bool { request.headers["accept"]?.contains("json") == true }

    private static func parse(_ head: String) -> Request {
        let lines = head.components(separatedBy: "\r\n")
        let parts = (lines.first ?? "").split(separator: " ").map(String.init)
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: parts.first ?? "", target: parts.count > 1 ? parts[1] : "", headers: headers)
    }

    private static func error(_ status: Int, json: Bool) -> [UInt8] {
        let message = status == 401 ? "Authentication required" : "The requested resource was not found."
        if json {
            return Array(
                #"{"FirstChanceExceptionMessage":null,"Message":"\#(message)","StackTrace":null,"Status":null,"StatusCode":\#(status)}"#
                    .utf8)
        }
        return Array(
            #"<?xml version="1.0" encoding="utf-8"?><Error xmlns="http://www.veeam.com/ent/v1.0" Message="\#(message)" StatusCode="\#(status)"/>"#
                .utf8)
    }

    private static func answer(_ status: Int, _ contentType: String?, _ body: [UInt8], extra: String = "") -> [UInt8] {
        var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\nConnection: close\r\n" + extra
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }
}
