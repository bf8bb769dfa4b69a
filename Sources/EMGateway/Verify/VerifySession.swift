import EMTranslate
import EMUpstream
import Foundation
import Logging
import NIOCore

/// One run of ``Verifier``: the logon, the walk and the logoff, over one ``UpstreamClient``.
struct VerifySession: Sendable {
    let configuration: Verifier.Configuration
    let client: UpstreamClient
    let logger: Logger

    /// EM's logon session: the token every request carries and the ID the logoff names.
    struct Session: Sendable {
        let token: String
        let id: String
        /// The `LogonSession`'s links, seeds of the walk.
        let links: [String]
    }

    /// An answer read whole.
    struct Answer: Sendable {
        let status: Int
        let contentType: String
        let body: [UInt8]

        var isSuccess: Bool { (200..<300).contains(status) }
        var isXML: Bool { contentType.lowercased().contains("xml") }
        var isJSON: Bool { contentType.lowercased().contains("json") }
    }

    var base: String { configuration.upstreamBaseURL }

    /// Sends `GET path` (or another method) to the configured upstream and reads the answer.
    /// - Throws: `UpstreamError` (`.bodyTooLarge` past ``Verifier/Configuration/maxAnswerBytes``).
    func send(_ path: String, method: String = "GET", accept: String, token: String?) async throws -> Answer {
        var headers = [UpstreamHeader(name: "Accept", value: accept)]
        if let token { headers.append(UpstreamHeader(name: "X-RestSvcSessionId", value: token)) }
        let response = try await client.execute(UpstreamRequest(method: method, url: base + path, headers: headers))
        var body = try await response.body.collect(upTo: configuration.maxAnswerBytes)
        return Answer(
            status: response.status, contentType: response.header("Content-Type") ?? "",
            body: body.readBytes(length: body.readableBytes) ?? [])
    }

    /// `GET /api/`, the logon, the walk, and the logoff whatever happened after the logon.
    func run() async throws(VerifyError) -> VerifyReport {
        let root: Answer
        do {
            root = try await send("/api/", accept: "application/xml", token: nil)
        } catch {
            throw VerifyError(.unreachable, "Enterprise Manager at \(base) could not be reached (\(Self.describe(error)))")
        }
        guard root.isSuccess, root.isXML, String(decoding: root.body, as: UTF8.self).contains("EnterpriseManager") else {
            throw VerifyError(
                .notEnterpriseManager,
                "\(base)/api/ answered status \(root.status) without EM's EnterpriseManager document: is this Enterprise Manager's REST API (port 9398)?"
            )
        }
        let newest = Self.newestVersion(in: root.body)
        let session = try await logOn()
        logger.info("logged on to Enterprise Manager; comparing its JSON with the gateway's")
        let outcome: Result<VerifyReport, VerifyError>
        do throws(VerifyError) {
            outcome = .success(
                try await VerifyWalk(session: self, token: session.token).run(seeds: ["/api/"] + session.links, newestVersion: newest))
        } catch {
            outcome = .failure(error)
        }
        // Not the caller's task: a cancelled (interrupted) run must still end its EM session.
        await Task { await logOff(session) }.value
        if Task.isCancelled { throw VerifyError(.interrupted, "interrupted; the EM session was logged off") }
        return try outcome.get()
    }

    private func logOn() async throws(VerifyError) -> Session {
        let credentials = Data("\(configuration.user):\(configuration.password)".utf8).base64EncodedString()
        let answer: LogonAnswer
        do {
            answer = try await sendLogon(authorization: "Basic \(credentials)")
        } catch {
            throw VerifyError(.unreachable, "the logon to Enterprise Manager failed (\(Self.describe(error)))")
        }
        guard answer.status != 401 else {
            throw VerifyError(.logonRefused, "Enterprise Manager refused the logon (401): check EM_GATEWAY_VERIFY_USER and the password")
        }
        guard answer.isSuccess, let token = answer.token, let id = answer.sessionID else {
            throw VerifyError(.logonRefused, "Enterprise Manager answered the logon with status \(answer.status) and no session")
        }
        let converted = try? XMLToJSONConverter.convert(answer.body, schema: configuration.schema)
        let document = converted.flatMap { try? JSONReader.parse($0, limits: Self.readerLimits) }
        let links = document.map(VerifyLinks.links(in:))?.compactMap(VerifyLinks.apiPath) ?? []
        return Session(token: token, id: id, links: links)
    }

    /// The logon request; its answer keeps the headers the session comes from.
    private func sendLogon(authorization: String) async throws -> LogonAnswer {
        let response = try await client.execute(
            UpstreamRequest(
                method: "POST", url: base + "/api/sessionMngr/?v=latest",
                headers: [
                    UpstreamHeader(name: "Accept", value: "application/xml"), UpstreamHeader(name: "Authorization", value: authorization),
                ]))
        var body = try await response.body.collect(upTo: configuration.maxAnswerBytes)
        return LogonAnswer(
            status: response.status, token: response.header("X-RestSvcSessionId"),
            sessionID: response.header("Location").flatMap(ServiceAccount.sessionID(fromLocation:)),
            body: body.readBytes(length: body.readableBytes) ?? [])
    }

    private struct LogonAnswer {
        let status: Int
        let token: String?
        let sessionID: String?
        let body: [UInt8]
        var isSuccess: Bool { status == 201 || status == 200 }
    }

    private func logOff(_ session: Session) async {
        do {
            let answer = try await send(
                "/api/logonSessions/\(session.id)", method: "DELETE", accept: "application/xml", token: session.token)
            logger.info("logged off Enterprise Manager", metadata: ["em.upstream.status": .stringConvertible(answer.status)])
        } catch {
            logger.warning("the logoff from Enterprise Manager failed", metadata: ["em.upstream.error": .string(Self.describe(error))])
        }
    }

    /// JSON documents as large as the answers read.
    static let readerLimits: JSONReader.Limits = {
        var limits = JSONReader.Limits()
        limits.maxInputBytes = 1 << 30
        limits.maxDepth = 128
        return limits
    }()

    /// The newest `SupportedVersion` named in EM's `GET /api/` answer (`v1_7`).
    static func newestVersion(in xml: [UInt8]) -> String? {
        let text = String(decoding: xml, as: UTF8.self)
        var names: [String] = []
        for chunk in text.components(separatedBy: "<SupportedVersion").dropFirst() {
            let head = chunk.prefix { $0 != ">" }
            guard let start = head.range(of: "Name=\"") else { continue }
            names.append(String(head[start.upperBound...].prefix { $0 != "\"" }))
        }
        func parts(_ name: String) -> [Int] { name.split { !$0.isNumber }.compactMap { Int($0) } }
        return names.max { parts($0).lexicographicallyPrecedes(parts($1)) }
    }

    /// An error for a message: the upstream error's code only (a libcurl message may name the URL).
    static func describe(_ error: any Error) -> String {
        (error as? UpstreamError).map { "\($0.code)" } ?? "\(type(of: error))"
    }
}
