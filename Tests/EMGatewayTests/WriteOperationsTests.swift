import EMSchema
import EMSimulator
import EMUpstream
import Foundation
import Testing

/// Every documented POST, PUT and DELETE of the contract (each `action`
/// variant on its own) is callable with JSON through the gateway against the simulator, and
/// answers one of its documented success statuses. Path IDs are real ones found by following the
/// gateway's Hrefs; bodies are the JSON fixtures in `Tests/Fixtures/requests/json` (one per
/// request type, trimmed from the reference's samples). Creates and actions run first, deletes
/// after (children before parents), the logoff last.
@Suite("Every write operation")
struct WriteOperationsTests {
    @Test("every documented POST, PUT and DELETE answers a documented success status")
    func everyWriteIsCallable() async throws {
        var simulator = SimulatorConfiguration()
        simulator.taskDuration = .milliseconds(100)
        try await DemoStack.with(simulator: simulator) { stack in
            let writes = SchemaModel.builtIn.operations.filter { ["POST", "PUT", "DELETE"].contains($0.method) }
            let ordered =
                writes.filter { $0.method != "DELETE" }
                + writes.filter { $0.method == "DELETE" && !$0.pathTemplate.hasPrefix("/api/logonSessions") }
                .sorted { $0.pathTemplate.count > $1.pathTemplate.count }
                + writes.filter { $0.pathTemplate.hasPrefix("/api/logonSessions") }
            let token = try await stack.logOn()
            var callable = 0
            var failures: [String] = []
            var unreached: [String] = []
            for operation in ordered {
                let label = "\(operation.method) \(operation.pathTemplate)" + (operation.action.map { "?action=\($0)" } ?? "")
                let answer: DemoStack.Answer
                if operation.pathTemplate == "/api/sessionMngr/" {
                    // The logon: Basic credentials (a tenant's LoginSpec has its own test).
                    answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
                } else {
                    // A fresh resolver each time: deletes change the lists it reads.
                    let resolver = SpecConformancePathResolver(stack: stack, token: token)
                    guard let path = try await resolver.resolve(operation.pathTemplate) else {
                        unreached.append(label)
                        continue
                    }
                    var headers = [DemoStack.session(token)]
                    var body: String?
                    if let root = operation.requestRootElement {
                        body = String(decoding: try Fixtures.bytes("requests/json/\(root).json"), as: UTF8.self)
                        headers.append(UpstreamHeader(name: "Content-Type", value: "application/json"))
                    }
                    let target = path + (operation.action.map { (path.contains("?") ? "&" : "?") + "action=\($0)" } ?? "")
                    answer = try await stack.call(operation.method, target, headers: headers, body: body)
                }
                if operation.successStatuses.contains(answer.status) {
                    callable += 1
                    // A task must run to `Finished` (and its effect land before the next call).
                    if answer.status == 202 || answer.status == 201, let task = try? answer.json(), task["TaskId"] != nil {
                        _ = try await WriteEndToEndTests.finish(stack, token, task)
                    }
                } else {
                    failures.append("\(label): \(answer.status) \(answer.text.prefix(300))")
                }
            }
            print("write operations: \(callable)/\(writes.count) callable")
            for label in unreached { print("  not reached (no such resource in the demo world): \(label)") }
            for failure in failures { print("  not callable: \(failure)") }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // The demo world has something for every operation to act on (the backup copy job's
            // links included): every operation was called and succeeded.
            #expect(unreached.isEmpty, "no such resource in the demo world: \(unreached)")
            #expect(callable == writes.count)
            #expect(writes.count >= 110)
        }
    }
}
