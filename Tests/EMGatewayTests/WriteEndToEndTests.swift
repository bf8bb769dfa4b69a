import EMSimulator
import EMTranslate
import EMUpstream
import Foundation
import TestSupport
import Testing

/// Writes with JSON bodies through the gateway in front of the simulator,
/// which checks the XML the gateway writes with its own rules and executes the operation.
@Suite("Writes end to end")
struct WriteEndToEndTests {
    static var simulator: SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.taskDuration = .milliseconds(500)
        return configuration
    }

    static let json = UpstreamHeader(name: "Content-Type", value: "application/json")

    /// The ID of the demo world's backup job "SQL Backup", found through the gateway.
    static func jobID(_ stack: DemoStack, _ token: String) async throws -> String {
        let jobs = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)])
        let refs = try #require(try jobs.json()["Refs"] as? [[String: Any]])
        let href = try #require(refs.first { $0["Name"] as? String == "SQL Backup" }?["Href"] as? String)
        return String(try #require(href.split(separator: "/").last))
    }

    /// Polls a task (its `Href` on the gateway) until `Finished`; generous for a loaded machine.
    static func finish(_ stack: DemoStack, _ token: String, _ task: [String: Any]) async throws -> [String: Any] {
        let href = try #require(task["Href"] as? String)
        #expect(href.hasPrefix(stack.gatewayURL + "/api/tasks/"))
        for _ in 0..<300 {
            let current = try await stack.call("GET", href, headers: [DemoStack.session(token)])
            #expect(current.status == 200)
            let state = try current.json()
            if state["State"] as? String == "Finished" { return state }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TimeoutError()
    }

    @Test("start a job: 202 Task as JSON, polled to Finished, a new session in the job's list and the query service")
    func startJob() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let job = try await Self.jobID(stack, token)
            let before = try await stack.call("GET", "/api/jobs/\(job)/backupSessions", headers: [session])
            let count = (try before.json()["Refs"] as? [Any])?.count ?? 0
            let started = try await stack.call("POST", "/api/jobs/\(job)?action=start", headers: [session])
            #expect(started.status == 202)
            #expect(started.header("Content-Type")?.hasPrefix("application/json") == true)
            let task = try started.json()
            #expect(task["Operation"] as? String == "StartJob")
            #expect(task["State"] as? String == "Running")
            let finished = try await Self.finish(stack, token, task)
            let result = try #require(finished["Result"] as? [String: Any])
            #expect(result["Success"] as? Bool == true)
            let after = try await stack.call("GET", "/api/jobs/\(job)/backupSessions?format=Entity", headers: [session])
            let sessions = try #require(try after.json()["BackupJobSessions"] as? [[String: Any]])
            #expect(sessions.count == count + 1)
            #expect(sessions.last?["State"] as? String == "Stopped")
            #expect(sessions.last?["Result"] as? String == "Success")
            let query = try await stack.call(
                "GET",
                "/api/query?type=BackupJobSession&format=Refs&filter=JobName==%22SQL%20Backup%22;CreationTime%3E%3D%222025-01-01T00:00:00Z%22",
                headers: [session])
            #expect(query.status == 200)
            #expect(query.text.contains(#"SQL Backup@2025-"#))
            let all = try await stack.call("GET", "/api/backupSessions", headers: [session])
            #expect(all.text.contains(#"SQL Backup@2025-"#))
        }
    }

    @Test("add an object to a job with a CreateObjectInJobSpec as JSON")
    func addObject() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let job = try await Self.jobID(stack, token)
            let body = #"{"HierarchyObjName": "web07", "HierarchyObjRef": "urn:VMware:Vm:7f2d.vm-4242"}"#  // keys out of order
            let added = try await stack.call("POST", "/api/jobs/\(job)/includes", headers: [session, Self.json], body: body)
            #expect(added.status == 202, "\(added.text)")
            _ = try await Self.finish(stack, token, try added.json())
            let includes = try await stack.call("GET", "/api/jobs/\(job)/includes", headers: [session])
            #expect(includes.text.contains(#""Name":"web07""#))
            #expect(includes.text.contains("urn:VMware:Vm:7f2d.vm-4242"))
        }
    }

    @Test("a CreateObjectInJobSpec without its required HierarchyObjRef (or with null): 400 naming the JSON path, nothing forwarded")
    func requiredMember() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let job = try await Self.jobID(stack, token)
            let before = try await stack.call("GET", "/api/jobs/\(job)/includes", headers: [session])
            for body in [#"{"HierarchyObjName":"web07"}"#, #"{"HierarchyObjName":"web07","HierarchyObjRef":null}"#] {
                let refused = try await stack.call("POST", "/api/jobs/\(job)/includes", headers: [session, Self.json], body: body)
                #expect(refused.status == 400)
                let message = try #require(try refused.json()["Message"] as? String)
                #expect(message.contains("CreateObjectInJobSpec.HierarchyObjRef"), "\(message)")
                #expect(!message.contains("line 2"))
            }
            // EM's includes are as they were: the simulator saw no request.
            let after = try await stack.call("GET", "/api/jobs/\(job)/includes", headers: [session])
            #expect(after.body == before.body)
            #expect(!after.text.contains("web07"))
        }
    }

    @Test("GET a job, edit its schedule in the JSON, PUT ?action=edit, GET shows the change")
    func editSchedule() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let job = try await Self.jobID(stack, token)
            let got = try await stack.call("GET", "/api/jobs/\(job)?format=Entity", headers: [session])
            #expect(got.status == 200)
            // Edit the JSON as it came (links, Href, UID and all), keeping its digits and booleans.
            var value = try JSONReader.parse(got.body)
            value = WriteJSON.replacing(
                in: value, at: ["JobScheduleOptions", "Standart", "RetryOptions", "RetryTimes"], with: .number("9"))
            value = WriteJSON.replacing(
                in: value, at: ["JobScheduleOptions", "Standart", "OptionsDaily", "Kind"], with: .string("SelectedDays"))
            value = WriteJSON.replacing(
                in: value, at: ["JobScheduleOptions", "Standart", "OptionsDaily", "Days"],
                with: .array([.string("Tuesday"), .string("Thursday")]))
            value = WriteJSON.replacing(
                in: value, at: ["JobScheduleOptions", "Standart", "OptionsDaily", "Time"], with: .string("21:15:00.0000000+01:00"))
            value = WriteJSON.replacing(in: value, at: ["Description"], with: .string("Edited through the gateway"))
            let put = try await stack.call(
                "PUT", "/api/jobs/\(job)?action=edit", headers: [session, Self.json], body: WriteJSON.text(value))
            #expect(put.status == 202, "\(put.text)")
            let task = try put.json()
            #expect(task["Operation"] as? String == "EditJob")
            _ = try await Self.finish(stack, token, task)
            let after = try await stack.call("GET", "/api/jobs/\(job)?format=Entity", headers: [session])
            let edited = try JSONReader.parse(after.body)
            let daily = edited["JobScheduleOptions"]?["Standart"]?["OptionsDaily"]
            #expect(daily?["Kind"] == .string("SelectedDays"))
            #expect(daily?["Days"] == .array([.string("Tuesday"), .string("Thursday")]))
            #expect(daily?["Time"] == .string("21:15:00.0000000+01:00"))
            #expect(edited["JobScheduleOptions"]?["Standart"]?["RetryOptions"]?["RetryTimes"] == .number("9"))
            #expect(edited["Description"] == .string("Edited through the gateway"))
            // Everything else is as it was.
            #expect(edited["Name"] == value["Name"])
            #expect(edited["JobInfo"] == value["JobInfo"])
        }
    }

    @Test("bad JSON bodies get 400 naming the fault, and nothing reaches EM")
    func badBodies() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let job = try await Self.jobID(stack, token)
            let cases: [(String, String)] = [
                (#"{"HierarchyObjRef": "urn:x", "HierarchyObjName": "x", "Bogus": 1}"#, "Bogus"),
                (#"{"HierarchyObjRef": "urn:x", "HierarchyObjName": "x", "Order": "first"}"#, "Order"),
                (#"{"HierarchyObjRef": "urn:x""#, "JSON"),
            ]
            for (body, fault) in cases {
                let answer = try await stack.call("POST", "/api/jobs/\(job)/includes", headers: [session, Self.json], body: body)
                #expect(answer.status == 400, "\(body)")
                let error = try answer.json()
                #expect(error["StatusCode"] as? Int == 400)
                #expect((error["Message"] as? String)?.contains(fault) == true, "\(error)")
            }
            // The gateway forwarded none of them: no task exists.
            let tasks = try await stack.call("GET", "/api/tasks", headers: [session])
            #expect(tasks.status == 200)
            #expect(!tasks.text.contains("task-"))
            // What the gateway lets through but EM refuses (a required element left out) comes
            // back as EM's 400, naming it.
            let missing = try await stack.call(
                "POST", "/api/jobs/\(job)/includes", headers: [session, Self.json], body: #"{"HierarchyObjName": "x"}"#)
            #expect(missing.status == 400)
            #expect((try missing.json()["Message"] as? String)?.contains("HierarchyObjRef") == true)
        }
    }

    @Test("DELETE answers 204 with an empty body; the resource is gone")
    func deleteIs204() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let token = try await stack.logOn()
            let session = DemoStack.session(token)
            let accounts = try await stack.call("GET", "/api/security/accounts", headers: [session])
            let refs = try #require(try accounts.json()["Refs"] as? [[String: Any]])
            let href = try #require(refs.last?["Href"] as? String)
            let deleted = try await stack.call("DELETE", href, headers: [session])
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            #expect(try await stack.call("GET", href, headers: [session]).status == 404)
        }
    }

    @Test("a tenant logs on with a LoginSpec as JSON")
    func tenantLogon() async throws {
        try await DemoStack.with(simulator: Self.simulator) { stack in
            let body = String(decoding: try Fixtures.bytes("requests/json/LoginSpec.json"), as: UTF8.self)
            let answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [Self.json], body: body)
            #expect(answer.status == 201, "\(answer.text)")
            #expect(try answer.json()["UserName"] as? String == "ABC Company")
        }
    }
}

/// Small edits of ``JSONValue`` documents for the tests (digits and booleans kept as read).
enum WriteJSON {
    /// A copy with the value at a path of property names replaced (added when absent).
    static func replacing(in value: JSONValue, at path: [String], with replacement: JSONValue) -> JSONValue {
        guard let name = path.first else { return replacement }
        guard case .object(var properties) = value else { return value }
        if let index = properties.firstIndex(where: { $0.name == name }) {
            properties[index].value = Self.replacing(in: properties[index].value, at: Array(path.dropFirst()), with: replacement)
        } else {
            properties.append(.init(name: name, value: Self.replacing(in: .object([]), at: Array(path.dropFirst()), with: replacement)))
        }
        return .object(properties)
    }

    /// The JSON text of a value.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let digits): digits
        case .string(let string): JSONStringLiteral.quoted(string)
        case .array(let items): "[" + items.map(Self.text).joined(separator: ",") + "]"
        case .object(let properties):
            "{" + properties.map { JSONStringLiteral.quoted($0.name) + ":" + Self.text($0.value) }.joined(separator: ",") + "}"
        }
    }
}
