import EMGateway
import EMTranslate
import Foundation
import TestSupport
import Testing

/// `verify` against an EM stand-in serving real EM answers in both forms, as EM gives them and
/// with planted differences: it reports exactly the planted differences and EM's known ones.
@Suite("Verify: the gateway's JSON against EM's own")
struct VerifyTests {
    static let cloudTenantsPath = "/api/cloud/tenants?format=Entity"
    static let jobPath = "/api/jobs/2851cb88-37b6-46ea-b2c8-47b55270169d?format=Entity"
    static let em95Path = "/api/cloud/tenants/95c26e34-1b8e-456e-aa21-c527bda7e311?format=Entity"

    struct PlantError: Error, CustomStringConvertible {
        let description: String
    }

    static func text(_ name: String) throws -> String { String(decoding: try Fixtures.bytes("verify/" + name), as: UTF8.self) }

    /// `text` with `old` (which must occur exactly once) replaced by `new`.
    static func plant(_ text: String, _ old: String, _ new: String) throws -> String {
        guard text.components(separatedBy: old).count == 2 else { throw PlantError(description: "not exactly once: \(old)") }
        return text.replacingOccurrences(of: old, with: new)
    }

    static func resource(_ xml: String, _ json: String...) -> VerifyUpstream.Resource {
        VerifyUpstream.Resource(xml: [Array(xml.utf8)], json: json.map { Array($0.utf8) })
    }

    /// The EM 12 answers as EM gives them, with EM's known differences planted where the two
    /// documented answers lack them: a byte order mark, another host in a link, camelCase keys.
    static func em12(job: String? = nil) throws -> [String: VerifyUpstream.Resource] {
        var tenants = try text("cloud-tenants.json")
        tenants = try plant(tenants, #""ThrottlingEnabled""#, #""throttlingEnabled""#)
        tenants = try plant(tenants, #""PublicIpCount""#, #""publicIpCount""#)
        let link = "https://srv12.tech.local:9398/api/backupServers/ffa6d4ef-ea63-4fb3-88a1-84706c2430e1\""
        let jobJSON = try job ?? plant(try text("job.json"), link, link.replacingOccurrences(of: "srv12.tech.local", with: "localhost"))
        return [
            cloudTenantsPath: VerifyUpstream.Resource(
                xml: [try Fixtures.bytes("verify/cloud-tenants.xml")], json: [[0xEF, 0xBB, 0xBF] + Array(tenants.utf8)]),
            jobPath: resource(try text("job.xml"), jobJSON),
        ]
    }

    static func run(
        _ resources: [String: VerifyUpstream.Resource], logonSession: String? = nil, password: String = "s3cret",
        maxAnswerBytes: Int = 16 << 20
    ) async throws -> (Result<VerifyReport, VerifyError>, [VerifyUpstream.Request]) {
        let upstream = try VerifyUpstream(resources: resources, logonSession: Array((try logonSession ?? text("logon-session.xml")).utf8))
        defer { upstream.stop() }
        var configuration = Verifier.Configuration(upstreamBaseURL: upstream.baseURL, user: "verifier", password: password)
        configuration.maxAnswerBytes = maxAnswerBytes
        let verifier = Verifier(configuration: configuration)
        let result = try await withTimeout(120) { () async -> Result<VerifyReport, VerifyError> in
            do throws(VerifyError) {
                return .success(try await verifier.run())
            } catch {
                return .failure(error)
            }
        }
        return (result, upstream.requests)
    }

    @Test(
        "EM 12's answers: native matches apart from EM's known differences, each counted; exit 0; logged off; GETs only to the configured EM"
    )
    func nativeMatches() async throws {
        let foreign = try RawSocketServer { _ in .init(Array("HTTP/1.1 500 No\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)) }
        defer { foreign.stop() }
        let logon = try Self.plant(
            try Self.text("logon-session.xml"), "  </Links>",
            "    <Link Rel=\"Down\" Type=\"JobReferenceList\" Href=\"http://127.0.0.1:\(foreign.port)/api/foreignJobs\"/>\n  </Links>")
        let (result, requests) = try await Self.run(try Self.em12(), logonSession: logon)
        let report = try result.get()
        #expect(report.comparedCount == 2)
        #expect(report.matchingDialect == .native)
        #expect(report.exitStatus == 0)
        #expect(report.counts(.em) == [.byteOrderMark: 1, .keyCase: 2, .linkBase: 1, .timeOfDay: 2, .emptyScheduleHref: 1])
        #expect(report.counts(.gateway) == [:])
        #expect(report.counts(.volatile) == [:])
        #expect(report.identicalCount == 0)
        #expect(report.newestAPIVersion == "v1_7")
        #expect(report.summary().contains("dialect to configure: native"))

        // Read-only, never an action, the token only to the configured EM, logged off last.
        #expect(foreign.accepted == 0)
        #expect(requests.contains { $0.method == "GET" && $0.target == "/api/foreignJobs" })
        #expect(!requests.contains { $0.target.lowercased().contains("action=") })
        #expect(Set(requests.map(\.method)) == ["GET", "POST", "DELETE"])
        #expect(requests.last.map { "\($0.method) \($0.target)" } == "DELETE /api/logonSessions/\(VerifyUpstream.sessionID)")
        #expect(requests.filter { $0.method == "GET" }.count > 100, "the contract's parameterless GETs and query pages are seeds")
    }

    @Test("planted gateway differences (a number sent as a string, a missing member) are reported exactly; exit 1")
    func plantedDifferences() async throws {
        var job = try Self.text("job.json")
        job = try Self.plant(job, #""RetryTimes": 3,"#, #""RetryTimes": "3","#)
        job = try Self.plant(job, "  \"Description\": \"Backup of CRM system\",\n", "")
        let (result, _) = try await Self.run(try Self.em12(job: job))
        let report = try result.get()
        #expect(report.exitStatus == 1)
        #expect(report.matchingDialect == nil)
        #expect(report.reportedDialect == .native)
        #expect(report.counts(.gateway) == [.jsonType: 1, .extraKey: 1])
        #expect(report.counts(.em) == [.byteOrderMark: 1, .keyCase: 2, .timeOfDay: 2, .emptyScheduleHref: 1])
        let gateway = report.groups.filter { $0.owner == .gateway }.map {
            "\($0.difference) \($0.route) \($0.keyPath) \($0.gatewayType ?? "-") \($0.emType ?? "-")"
        }
        #expect(
            gateway == [
                "extraKey /api/jobs/{ID}?format=Entity Description string -",
                "jsonType /api/jobs/{ID}?format=Entity JobScheduleOptions.Standart.RetryOptions.RetryTimes number string",
            ])
        #expect(report.differingRoutes == ["/api/jobs/{ID}?format=Entity": 1])
        let summary = report.summary()
        #expect(summary.contains("no dialect matches"))
        #expect(summary.contains("--xsd"))

        // Privacy: no value, ID, host, query string or credential unless values are asked for.
        let plain = String(decoding: report.json(includeValues: false), as: UTF8.self) + summary
        for secret in [
            "Backup of CRM system", "CRM Backup", "2851cb88", "srv12", "srv13", "tech.local", "localhost", "127.0.0.1",
            "QWE", "\"3\"", "verifier", "s3cret", VerifyUpstream.token, VerifyUpstream.sessionID, "14:00:00", "2019-10-23",
        ] {
            #expect(!plain.contains(secret), "the report holds \(secret)")
        }
        #expect(try JSONSerialization.jsonObject(with: Data(report.json(includeValues: false))) is [String: Any])
        let withValues = String(decoding: report.json(includeValues: true), as: UTF8.self)
        #expect(withValues.contains("Backup of CRM system"))
        #expect(withValues.contains("2851cb88"))
    }

    @Test("EM 9.5's answer: compact matches, native does not; the summary says which dialect to configure")
    func compactForEM95() async throws {
        let (result, _) = try await Self.run([
            Self.em95Path: Self.resource(try Self.text("cloud-tenant-em95.xml"), try Self.text("cloud-tenant-em95.json"))
        ])
        let report = try result.get()
        #expect(report.matchingDialect == .compact)
        #expect(report.exitStatus == 0)
        #expect(report.gatewayDifferenceCount(.native) > 0)
        #expect(report.counts(.gateway) == [:])
        #expect(report.summary().contains("--dialect compact"))
    }

    @Test("an element the gateway's schema does not know is reported as such, with what it does to the JSON; exit 1 and the --xsd advice")
    func unknownElement() async throws {
        let xml = try Self.plant(try Self.text("cloud-tenant-em95.xml"), "</CloudTenant>", "  <FutureCount>1</FutureCount>\n</CloudTenant>")
        let json = try Self.plant(try Self.text("cloud-tenant-em95.json"), #""BackupCount": 0,"#, #""BackupCount": 0, "FutureCount": 1,"#)
        let (result, _) = try await Self.run([Self.em95Path: Self.resource(xml, json)])
        let report = try result.get()
        #expect(report.reportedDialect == .compact)
        #expect(report.counts(.gateway) == [.unknownElement: 1, .jsonType: 1])
        #expect(report.groups.filter { $0.owner == .gateway }.map(\.keyPath) == ["FutureCount", "FutureCount"])
        #expect(report.exitStatus == 1)
        #expect(report.summary().contains("--xsd"))
    }

    @Test("a value that changes between two fetches is volatile; one that stays is the gateway's")
    func volatileValues() async throws {
        let xml = try Self.text("cloud-tenant-em95.xml")
        let json = try Self.text("cloud-tenant-em95.json")
        let first = try Self.plant(json, #""BackupCount": 0"#, #""BackupCount": 1"#)
        let second = try Self.plant(json, #""BackupCount": 0"#, #""BackupCount": 2"#)

        let (changing, _) = try await Self.run([Self.em95Path: Self.resource(xml, first, second)])
        let live = try changing.get()
        #expect(live.counts(.volatile) == [.number: 1])
        #expect(live.counts(.gateway) == [:])
        #expect(live.exitStatus == 0)

        let (steady, _) = try await Self.run([Self.em95Path: Self.resource(xml, first, first)])
        let differs = try steady.get()
        #expect(differs.counts(.gateway) == [.number: 1])
        #expect(differs.exitStatus == 1)
    }

    @Test("a download (not XML) and an answer past the size cap are skipped, not compared")
    func skipped() async throws {
        var resources = try Self.em12()
        resources["/api/logonSessions"] = VerifyUpstream.Resource(
            xml: [[0x50, 0x4B, 3, 4]], json: [], xmlContentType: "application/octet-stream")
        let (result, requests) = try await Self.run(resources, maxAnswerBytes: 8 << 10)
        let report = try result.get()
        #expect(report.skipped["not XML"] == 1)
        #expect(report.skipped["too large"] == 1, "the Job answer is 11 KB")
        #expect(report.comparedCount == 1)
        #expect(!requests.contains { $0.target == "/api/logonSessions" && $0.headers["accept"] == "application/json" })
    }

    @Test("a refused logon and an unreachable EM end the run with status 2, without a session to log off")
    func cannotRun() async throws {
        let (refused, requests) = try await Self.run(try Self.em12(), password: "wrong")
        #expect(throws: VerifyError(.logonRefused, "")) { try refused.get() }
        #expect(!requests.contains { $0.method == "DELETE" })

        let closed = try RawSocketServer { _ in .init([]) }
        let base = "http://127.0.0.1:\(closed.port)"
        closed.stop()
        let configuration = Verifier.Configuration(upstreamBaseURL: base, user: "verifier", password: "s3cret")
        await #expect(throws: VerifyError(.unreachable, "")) { try await Verifier(configuration: configuration).run() }
    }
}
