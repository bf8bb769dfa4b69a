import Foundation
import TestSupport
import Testing

@testable import EMSimulator

/// Writes change the simulated world: actions answer `202` with a `Task` that runs, then
/// finishes and leaves its effect; deletes remove; a tenant logs on with a `LoginSpec`.
@Suite struct WriteActionTests {
    static let ns = "xmlns=\"http://www.veeam.com/ent/v1.0\""

    static var fastTasks: SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.taskDuration = .milliseconds(300)
        return configuration
    }

    /// Polls a task until it is `Finished` (generous: the machine may be loaded).
    static func finish(_ sim: SimulatorUnderTest, _ token: String, _ task: XMLNode) async throws -> XMLNode {
        let href = try #require(task.attributes["Href"])
        let path = String(href[try #require(href.range(of: "/api/")).lowerBound...])
        for _ in 0..<200 {
            let current = try XMLNode.parse(try await sim.client.get(path, token: token).body)
            if current.text("State") == "Finished" { return current }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw XMLTreeError(description: "task \(path) did not finish")
    }

    static func send(
        _ sim: SimulatorUnderTest, _ token: String, _ method: String, _ target: String, _ body: String = ""
    ) async throws -> HTTPTestResponse {
        try await sim.client.send(
            method, target, headers: [("X-RestSvcSessionId", token), ("Content-Type", "application/xml")],
            body: Array(body.utf8))
    }

    @Test func startingAJobRunsATaskAndLeavesASession() async throws {
        try await withSimulator(Self.fastTasks) { sim in
            let token = try await sim.token()
            let job = try await WriteValidationTests.jobID(sim, token)
            let before = try XMLNode.parse(try await sim.client.get("/api/jobs/\(job)/backupSessions", token: token).body)
            let started = try await Self.send(sim, token, "POST", "/api/jobs/\(job)?action=start")
            #expect(started.status == 202)
            let task = try XMLNode.parse(started.body)
            #expect(task.name == "Task")
            #expect(task.text("TaskId") == "task-1")
            #expect(task.text("Operation") == "StartJob")
            #expect(task.links.first?.attributes["Rel"] == "Delete")
            #expect(task.links.contains { $0.attributes["Rel"] == "Related" && $0.attributes["Type"] == "Job" })
            // The new session is there at once, working.
            let during = try XMLNode.parse(
                try await sim.client.get("/api/jobs/\(job)/backupSessions?format=Entity", token: token).body)
            #expect(during.children("BackupJobSession").count == before.children("Ref").count + 1)
            let finished = try await Self.finish(sim, token, task)
            #expect(finished.child("Result")?.attributes["Success"] == "true")
            #expect(finished.child("Result")?.text("Message") == "Job \"SQL Backup\" triggered to start.")
            let after = try XMLNode.parse(
                try await sim.client.get("/api/jobs/\(job)/backupSessions?format=Entity", token: token).body)
            let newest = try #require(after.children("BackupJobSession").last)
            #expect(newest.text("State") == "Stopped")
            #expect(newest.text("Result") == "Success")
            #expect(newest.text("IsRetry") == "false")
            // The query service sees it too, and /api/tasks lists the task.
            let query = try XMLNode.parse(
                try await sim.client.get(
                    "/api/query?type=BackupJobSession&format=Entities&filter=CreationTime>=\"2025-01-01T00:00:00Z\"", token: token
                ).body)
            #expect(query.child("Entities")?.child("BackupJobSessions")?.children("BackupJobSession").count == 1)
            let tasks = try XMLNode.parse(try await sim.client.get("/api/tasks", token: token).body)
            #expect(tasks.children("Task").map { $0.text("TaskId") } == ["task-1"])
            // DELETE /api/tasks/{ID}: 204, then gone.
            let deleted = try await Self.send(sim, token, "DELETE", "/api/tasks/task-1")
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            #expect(try await sim.client.get("/api/tasks/task-1", token: token).status == 404)
        }
    }

    @Test func toggleStopAndEditChangeTheJob() async throws {
        // Tasks of 5 s: the stop must reach the job while its start task still runs, even on a
        // loaded machine.
        var configuration = SimulatorConfiguration()
        configuration.taskDuration = .seconds(5)
        try await withSimulator(configuration, timeLimit: .seconds(120)) { sim in
            let token = try await sim.token()
            let job = try await WriteValidationTests.jobID(sim, token)
            func entity() async throws -> XMLNode {
                try XMLNode.parse(try await sim.client.get("/api/jobs/\(job)?format=Entity", token: token).body)
            }
            let enabled = try await entity().text("ScheduleEnabled")
            let toggled = try await Self.send(sim, token, "POST", "/api/jobs/\(job)?action=toggleScheduleEnabled")
            #expect(toggled.status == 202)
            _ = try await Self.finish(sim, token, try XMLNode.parse(toggled.body))
            #expect(try await entity().text("ScheduleEnabled") == (enabled == "true" ? "false" : "true"))

            let started = try await Self.send(sim, token, "POST", "/api/jobs/\(job)?action=start")
            let stopped = try await Self.send(sim, token, "POST", "/api/jobs/\(job)?action=stop")
            #expect(stopped.status == 202)
            _ = try await Self.finish(sim, token, try XMLNode.parse(stopped.body))
            _ = try await Self.finish(sim, token, try XMLNode.parse(started.body))
            let sessions = try XMLNode.parse(
                try await sim.client.get("/api/jobs/\(job)/backupSessions?format=Entity", token: token).body)
            #expect(sessions.children("BackupJobSession").last?.text("Result") == "Failed")

            let edit = """
                <Job \(Self.ns)><Description>Edited</Description><JobScheduleOptions><Standart>\
                <RetryOptions><RetryTimes>7</RetryTimes><RetryTimeout>25</RetryTimeout></RetryOptions>\
                <OptionsDaily Enabled="true"><Kind>SelectedDays</Kind><Days>Monday</Days><Days>Friday</Days>\
                <Time>23:30:00.0000000+01:00</Time></OptionsDaily></Standart></JobScheduleOptions></Job>
                """
            let edited = try await Self.send(sim, token, "PUT", "/api/jobs/\(job)?action=edit", edit)
            #expect(edited.status == 202)
            #expect(try XMLNode.parse(edited.body).text("Operation") == "EditJob")
            _ = try await Self.finish(sim, token, try XMLNode.parse(edited.body))
            let after = try await entity()
            #expect(after.text("Description") == "Edited")
            let standart = try #require(after.child("JobScheduleOptions")?.child("Standart"))
            #expect(standart.child("RetryOptions")?.text("RetryTimes") == "7")
            #expect(standart.child("RetryOptions")?.text("RetryTimeout") == "25")
            let daily = try #require(standart.child("OptionsDaily"))
            #expect(daily.text("Kind") == "SelectedDays")
            #expect(daily.children("Days").map(\.text) == ["Monday", "Friday"])
            #expect(daily.text("Time") == "23:30:00.0000000+01:00")
        }
    }

    @Test func includesAreAddedAndDeleted() async throws {
        try await withSimulator(Self.fastTasks) { sim in
            let token = try await sim.token()
            let job = try await WriteValidationTests.jobID(sim, token)
            func includes() async throws -> [XMLNode] {
                try XMLNode.parse(try await sim.client.get("/api/jobs/\(job)/includes", token: token).body).children("ObjectInJob")
            }
            let before = try await includes()
            let spec = """
                <CreateObjectInJobSpec \(Self.ns)><HierarchyObjRef>urn:VMware:Vm:7f2d.vm-4242</HierarchyObjRef>\
                <HierarchyObjName>web07</HierarchyObjName></CreateObjectInJobSpec>
                """
            let added = try await Self.send(sim, token, "POST", "/api/jobs/\(job)/includes", spec)
            #expect(added.status == 202)
            _ = try await Self.finish(sim, token, try XMLNode.parse(added.body))
            let after = try await includes()
            #expect(after.count == before.count + 1)
            let object = try #require(after.last)
            #expect(object.text("Name") == "web07")
            #expect(object.text("HierarchyObjRef") == "urn:VMware:Vm:7f2d.vm-4242")
            let entity = try XMLNode.parse(try await sim.client.get("/api/jobs/\(job)?format=Entity", token: token).body)
            let inJob = entity.child("JobInfo")?.child("BackupJobInfo")?.child("Includes")?.children("ObjectInJob") ?? []
            #expect(inJob.count == before.count + 1)

            let id = try #require(object.text("ObjectInJobId"))
            let deleted = try await Self.send(sim, token, "DELETE", "/api/jobs/\(job)/includes/\(id)")
            #expect(deleted.status == 202)
            #expect(try XMLNode.parse(deleted.body).text("Operation") == "UpdateJob")
            _ = try await Self.finish(sim, token, try XMLNode.parse(deleted.body))
            #expect(try await includes().count == before.count)
            #expect(try await sim.client.get("/api/jobs/\(job)/includes/\(id)", token: token).status == 404)
        }
    }

    @Test func deleteWithoutTaskIs204Empty() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let servers = try XMLNode.parse(try await sim.client.get("/api/backupServers", token: token).body)
            let server = try #require(servers.children("Ref").first?.attributes["Href"]?.split(separator: "/").last)
            let list = try XMLNode.parse(
                try await sim.client.get("/api/backupServers/\(server)/credentials", token: token).body)
            let href = try #require(list.children.first?.attributes["Href"])
            let path = String(href[try #require(href.range(of: "/api/")).lowerBound...])
            let deleted = try await Self.send(sim, token, "DELETE", path)
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            #expect(try await sim.client.get(path, token: token).status == 404)
            #expect(try await Self.send(sim, token, "DELETE", path).status == 404)
        }
    }

    @Test func tenantLogsOnWithALoginSpec() async throws {
        try await withSimulator { sim in
            func logon(_ body: String) async throws -> HTTPTestResponse {
                try await sim.client.send(
                    "POST", "/api/sessionMngr/?v=latest", headers: [("Content-Type", "application/xml")],
                    body: Array(body.utf8))
            }
            let tenant = try await logon(
                "<LoginSpec \(Self.ns)><TenantCredentials><Username>abc company</Username><Password>secret</Password></TenantCredentials></LoginSpec>"
            )
            #expect(tenant.status == 201)
            #expect(try XMLNode.parse(tenant.body).text("UserName") == "ABC Company")
            let token = try #require(tenant.header("X-RestSvcSessionId"))
            #expect(try await sim.client.get("/api/jobs", token: token).status == 200)
            let unknown = try await logon(
                "<LoginSpec \(Self.ns)><TenantCredentials><Username>nobody</Username><Password>x</Password></TenantCredentials></LoginSpec>"
            )
            #expect(unknown.status == 401)
            #expect(try await logon("<LoginSpec \(Self.ns)/>").status == 401)
            let misordered = try await logon(
                "<LoginSpec \(Self.ns)><TenantCredentials><Password>x</Password><Username>ABC Company</Username></TenantCredentials></LoginSpec>"
            )
            #expect(misordered.status == 400)
        }
    }

    /// The task state machine on a manual clock: `Running` until its duration has passed, then
    /// `Finished`, and its effect lands exactly once.
    @Test func taskStateFollowsTheClock() throws {
        let clock = ManualClock()
        let world = WorldState(store: EntityStore(), taskDuration: .seconds(5), now: { clock.now })
        let counter = EffectCounter()
        let (task, _) = world.startTask("StartJob", related: nil, message: "Ok") { _ in counter.add() }
        #expect(task.id == "task-1")
        #expect(world.tasks.tasks[0].state(at: clock.now) == "Running")
        clock.advance(by: .seconds(4))
        _ = world.store
        #expect(counter.count == 0)
        #expect(task.state(at: clock.now) == "Running")
        clock.advance(by: .seconds(1))
        _ = world.store
        _ = world.tasks
        #expect(counter.count == 1)
        #expect(task.state(at: clock.now) == "Finished")
        #expect(world.startTask("StopJob", related: nil, message: "Ok").task.id == "task-2")
        #expect(world.makeID() != world.makeID())
    }
}

/// Counts how often an effect ran.
final class EffectCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var count: Int { self.lock.withLock { self.value } }
    func add() { self.lock.withLock { self.value += 1 } }
}
