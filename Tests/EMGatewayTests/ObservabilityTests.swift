import EMGateway
import EMUpstream
import Foundation
import Logging
import Synchronization
import Testing

/// Request ids, access and audit logs, and `/metrics`.
@Suite("Observability")
struct ObservabilityTests {
    @Test("X-Request-Id is taken from the client when valid, generated otherwise, and returned")
    func requestID() async throws {
        try await DemoStack.with { stack in
            let given = try await stack.call("GET", "/api/", headers: [.init(name: "X-Request-Id", value: "abc-123")])
            #expect(given.header("X-Request-Id") == "abc-123")
            let generated = try await stack.call("GET", "/api/")
            let id = try #require(generated.header("X-Request-Id"))
            #expect(!id.isEmpty && id != "abc-123")
            let invalid = try await stack.call(
                "GET", "/api/", headers: [.init(name: "X-Request-Id", value: String(repeating: "x", count: 200))])
            #expect(invalid.header("X-Request-Id")?.count ?? 0 < 100)
            // Generated ids are always 32 hex digits (a half below 0x1000000000000000 keeps its zeros).
            var seen: Set<String> = []
            for _ in 0..<64 {
                let answer = try await stack.call("GET", "/healthz")
                let id = try #require(answer.header("X-Request-Id"))
                #expect(id.count == 32 && id.allSatisfy(\.isHexDigit), "\(id)")
                seen.insert(id)
            }
            #expect(seen.count == 64, "generated ids repeat")
        }
    }

    @Test("/metrics counts requests by route template and status, upstream latency, logons and converted bytes")
    func metrics() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            _ = try await stack.call(
                "GET", "/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity", headers: [DemoStack.session(token)])
            _ = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "bad")])
            let answer = try await stack.call("GET", "/metrics")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("text/plain") == true)
            let text = answer.text
            #expect(
                text.contains(
                    #"em_gateway_requests_total{route="/api/replicaSessions/{ID}",method="GET",status="200",outcome="complete"} 1"#))
            #expect(text.contains(#"em_gateway_logons_total{outcome="success"} 1"#))
            #expect(text.contains(#"em_gateway_logons_total{outcome="failure"} 1"#))
            #expect(text.contains("em_gateway_upstream_duration_seconds_bucket"))
            #expect(text.contains("em_gateway_xml_bytes_total"))
            #expect(!text.contains(token))
            #expect(!text.contains("0bcf5a1e"))
        }
    }

    @Test("metric labels are the contract's path templates: raw paths never become labels")
    func boundedLabels() async throws {
        try await DemoStack.with { stack in
            for index in 0..<5 {
                _ = try await stack.call("GET", "/random\(index)abc")
                _ = try await stack.call("GET", "/api/nonexistent\(index)xyz")
            }
            let text = try await stack.call("GET", "/metrics").text
            #expect(!text.contains("random"))
            #expect(!text.contains("nonexistent"))
            #expect(text.contains(#"route="{other}""#))
            #expect(text.contains(#"route="/api/{undocumented}""#))
        }
    }

    @Test(
        "a job's Down links to its backup or replica sessions are contract routes (EM's GET /jobs/{ID} page lists them), not /api/{undocumented}"
    )
    func jobBackupSessionsRoute() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let job = try await WriteEndToEndTests.jobID(stack, token)
            let entity = try await stack.call("GET", "/api/jobs/\(job)?format=Entity", headers: [DemoStack.session(token)])
            let links = try #require(try entity.json()["Links"] as? [[String: Any]])
            let down = try #require(links.first { $0["Type"] as? String == "BackupJobSessionReferenceList" }?["Href"] as? String)
            #expect(down == stack.gatewayURL + "/api/jobs/\(job)/backupSessions")
            let sessions = try await stack.call("GET", down, headers: [DemoStack.session(token)])
            #expect(sessions.status == 200)
            // A replication job's Down link names its replica sessions (documented the same way).
            let jobs = try await stack.call("GET", "/api/jobs?format=Entity", headers: [DemoStack.session(token)])
            let all = try #require(try jobs.json()["Jobs"] as? [[String: Any]])
            let replica = try #require(all.first { $0["JobType"] as? String == "Replica" })
            let replicaLinks = try #require(replica["Links"] as? [[String: Any]])
            let replicaDown = try #require(
                replicaLinks.first { $0["Type"] as? String == "ReplicaJobSessionReferenceList" }?["Href"] as? String)
            #expect(replicaDown.hasSuffix("/replicaSessions"))
            let replicaSessions = try await stack.call("GET", replicaDown, headers: [DemoStack.session(token)])
            #expect(replicaSessions.status == 200)
            let text = try await stack.call("GET", "/metrics").text
            #expect(text.contains(#"route="/api/jobs/{ID}/backupSessions""#))
            #expect(text.contains(#"route="/api/jobs/{ID}/replicaSessions""#))
            #expect(!text.contains(#"route="/api/{undocumented}""#))
        }
    }

    @Test(
        "a replica session's Down link and its task sessions, in EM's own spelling (repicaTaskSessions), are labelled with their contract templates"
    )
    func replicaTaskSessionsRoute() async throws {
        try await DemoStack.with { stack in
            let token = try await stack.logOn()
            let sessions = try await stack.call("GET", "/api/replicaSessions?format=Entity", headers: [DemoStack.session(token)])
            let all = try #require(try sessions.json()["ReplicaJobSessions"] as? [[String: Any]])
            let links = try #require(all.first?["Links"] as? [[String: Any]])
            let down = try #require(links.compactMap { $0["Href"] as? String }.first { $0.contains("/repicaTaskSessions") })
            let tasks = try await stack.call("GET", down, headers: [DemoStack.session(token)])
            #expect(tasks.status == 200)
            let refs = try #require(try tasks.json()["Refs"] as? [[String: Any]])
            let item = try #require(refs.first?["Href"] as? String)
            #expect(item.contains("/api/repicaTaskSessions/"))
            let task = try await stack.call("GET", item, headers: [DemoStack.session(token)])
            #expect(task.status == 200)
            let text = try await stack.call("GET", "/metrics").text
            #expect(text.contains(#"route="/api/replicaSessions/{ID}/repicaTaskSessions""#))
            #expect(text.contains(#"route="/api/repicaTaskSessions/{ID}""#))
            #expect(!text.contains(#"route="/api/{undocumented}""#))
        }
    }

    @Test("one access line per request, and an audit line for each state-changing request with user, action and outcome")
    func logs() async throws {
        let capture = LogCapture()
        try await DemoStack.with(gatewayLogger: capture.logger()) { stack in
            let logon = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let id = try #require(try logon.json()["SessionId"] as? String)
            _ = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)])
            _ = try await stack.call(
                "DELETE", "/api/logonSessions/\(id)", headers: [DemoStack.session(token), .init(name: "X-Request-Id", value: "rid-7")])
        }
        let lines = capture.all
        let access = lines.filter { $0.contains(#""em.log": access"#) }
        #expect(access.count == 3)
        #expect(access.contains { $0.contains("GET /api/jobs 200") })
        let audit = lines.filter { $0.contains(#""em.log": audit"#) }
        #expect(audit.count == 2)
        let logoff = try #require(audit.first { $0.contains("logoff") })
        #expect(logoff.contains("demo logoff /api/logonSessions/"))
        #expect(logoff.contains("204 success"))
        #expect(logoff.contains("rid-7"))
    }

    @Test("with JSON logs, access lines carry typed fields and one request id; audit lines name the operation")
    func typedJSONFields() async throws {
        let sink = JSONLogHandlerTests.Lines()
        var logger = Logger(label: "em-gateway") { JSONLogHandler(label: $0) { sink.append($0) } }
        logger.logLevel = .trace
        try await DemoStack.with(gatewayLogger: logger) { stack in
            let token = try await stack.logOn()
            _ = try await stack.call(
                "GET", "/api/jobs", headers: [DemoStack.session(token), .init(name: "X-Request-Id", value: "rid-json")])
            let job = try await WriteEndToEndTests.jobID(stack, token)
            let started = try await stack.call("POST", "/api/jobs/\(job)?action=start", headers: [DemoStack.session(token)])
            #expect(started.status == 202)
        }
        let objects = try sink.all.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let metadata = objects.compactMap { $0["metadata"] as? [String: Any] }
        for fields in metadata {
            let ids = fields.keys.filter { $0.lowercased().contains("request") && $0.lowercased().contains("id") }
            #expect(ids.count <= 1, "request ids \(ids)")
        }
        let access = try #require(metadata.first { $0["em.log"] as? String == "access" && $0["request_id"] as? String == "rid-json" })
        let line = try #require(sink.all.first { $0.contains(#""request_id":"rid-json""#) && $0.contains(#""em.log":"access""#) })
        #expect(line.contains(#""status":200"#), "\(line)")
        #expect(access["status"] as? Int == 200)
        #expect(access["duration_ms"] is NSNumber)
        #expect((access["duration_ms"] as? Double ?? -1) >= 0)
        #expect(access["method"] as? String == "GET")
        #expect(access["route"] as? String == "/api/jobs")
        #expect(access["client"] as? String == "127.0.0.1")
        #expect(access["outcome"] as? String == "complete")
        #expect((access["cache"] as? String)?.hasPrefix("em-gateway") == true)
        let audit = metadata.filter { $0["em.log"] as? String == "audit" }
        #expect(audit.map { $0["action"] as? String } == ["logon", "StartJob"])
        #expect(audit.last?["status"] as? Int == 202)
    }
}
