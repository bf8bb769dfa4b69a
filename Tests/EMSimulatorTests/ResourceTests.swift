import EMSimulator
import Foundation
import TestSupport
import Testing

@Suite struct ResourceTests {
    static let sessionID = "0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"
    static let sessionHref = "https://localhost:9398/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"
    static let sessionName = "Fileserver02 Replication@2014-10-19 06:46:31"

    /// The path and query of an absolute `Href`, to follow it on the simulator.
    static func target(of href: String) throws -> String {
        let url = try #require(URL(string: href))
        return url.path + (url.query.map { "?\($0)" } ?? "")
    }

    @Test func seedSessionReference() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let response = try await sim.client.get("/api/replicaSessions/\(Self.sessionID)", token: token)
            #expect(response.status == 200)
            let root = try XMLNode.parse(response.body)
            #expect(root.name == "EntityRef")
            #expect(
                root.attributes == [
                    "xmlns": "http://www.veeam.com/ent/v1.0",
                    "Type": "ReplicaJobSessionReference",
                    "Href": Self.sessionHref,
                    "Name": Self.sessionName,
                    "UID": "urn:veeam:ReplicaJobSession:\(Self.sessionID)",
                ])
            #expect(root.childNames == ["Links"])
            let alternate = root.links.first { $0.attributes["Rel"] == "Alternate" }
            #expect(alternate?.attributes["Type"] == "ReplicaJobSession")
            #expect(alternate?.attributes["Href"] == Self.sessionHref + "?format=Entity")
        }
    }

    @Test func seedSessionEntity() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let response = try await sim.client.get("/api/replicaSessions/\(Self.sessionID)?format=Entity", token: token)
            #expect(response.status == 200)
            let root = try XMLNode.parse(response.body)
            #expect(root.name == "ReplicaJobSession")
            #expect(root.attributes["Type"] == "ReplicaJobSession")
            #expect(root.attributes["Href"] == Self.sessionHref + "?format=Entity")
            #expect(root.attributes["Name"] == Self.sessionName)
            #expect(root.attributes["UID"] == "urn:veeam:ReplicaJobSession:\(Self.sessionID)")
            #expect(
                root.childNames == [
                    "Links", "JobUid", "JobName", "JobType", "CreationTimeUTC", "EndTimeUTC", "State", "Result", "Progress", "IsRetry",
                ])
            let links = root.links.map {
                [$0.attributes["Rel"], $0.attributes["Type"], $0.attributes["Href"], $0.attributes["Name"]]
            }
            #expect(
                links == [
                    [
                        "Up", "BackupServerReference", "https://localhost:9398/api/backupServers/ce15a8c7-aa49-495e-b05b-ee3398c91018",
                        "srv02.tech.local",
                    ],
                    [
                        "Up", "JobReference", "https://localhost:9398/api/jobs/2c49a44e-1e59-4527-a6bc-6b2f9b579ee1",
                        "Fileserver02 Replication",
                    ],
                    ["Alternate", "ReplicaJobSessionReference", Self.sessionHref, Self.sessionName],
                    ["Down", "ReplicaTaskSessionReferenceList", Self.sessionHref + "/repicaTaskSessions", nil],
                ])
            #expect(root.text("JobUid") == "urn:veeam:Job:2c49a44e-1e59-4527-a6bc-6b2f9b579ee1")
            #expect(root.text("JobName") == "Fileserver02 Replication")
            #expect(root.text("JobType") == "Replica")
            #expect(root.text("CreationTimeUTC") == "2014-10-19T06:46:31Z")
            #expect(root.text("EndTimeUTC") == "2014-10-19T07:02:35Z")
            #expect(root.text("State") == "Stopped")
            #expect(root.text("Result") == "Success")
            #expect(root.text("Progress") == "100")
            #expect(root.text("IsRetry") == "false")
        }
    }

    @Test func followingLinksReachesServerAndTaskSessions() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let entity = try XMLNode.parse(
                try await sim.client.get("/api/replicaSessions/\(Self.sessionID)?format=Entity", token: token).body)
            let up = try #require(entity.links.first { $0.attributes["Type"] == "BackupServerReference" })
            let server = try await sim.client.get(try Self.target(of: try #require(up.attributes["Href"])), token: token)
            #expect(server.status == 200)
            let serverRef = try XMLNode.parse(server.body)
            #expect(serverRef.name == "EntityRef")
            #expect(serverRef.attributes["Name"] == "srv02.tech.local")
            #expect(serverRef.attributes["Type"] == "BackupServerReference")

            // The Down link, typo and all, leads to the two task sessions.
            let down = try #require(entity.links.first { $0.attributes["Rel"] == "Down" })
            let tasks = try XMLNode.parse(
                try await sim.client.get(try Self.target(of: try #require(down.attributes["Href"])), token: token).body)
            #expect(tasks.name == "EntityReferences")
            let refs = tasks.children("Ref")
            #expect(refs.count == 2)
            #expect(refs.allSatisfy { $0.attributes["Type"] == "ReplicaTaskSessionReference" })
            // The correct spelling answers the same.
            let correct = try await sim.client.get("/api/replicaSessions/\(Self.sessionID)/replicaTaskSessions", token: token)
            #expect(correct.body == (try await sim.client.get(try Self.target(of: down.attributes["Href"]!), token: token)).body)

            // Each task session's own Href (with EM's typo segment) answers its entity.
            let taskHref = try #require(refs.first?.attributes["Href"])
            #expect(taskHref.contains("/api/repicaTaskSessions/"))
            let task = try XMLNode.parse(
                try await sim.client.get(try Self.target(of: taskHref) + "?format=Entity", token: token).body)
            #expect(task.name == "ReplicaTaskSession")
            #expect(task.attributes["VmDisplayName"] == "srv04")
            #expect(
                task.childNames == [
                    "Links", "JobSessionUid", "CreationTimeUTC", "EndTimeUTC", "State", "Result", "Reason", "TotalSize",
                ])
            #expect(task.text("TotalSize") == "64424509440")
        }
    }

    @Test func collectionsAsReferencesAndEntities() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let cases: [(path: String, refType: String, listRoot: String, entity: String, count: Int)] = [
                ("/api/backupServers", "BackupServerReference", "BackupServers", "BackupServer", 2),
                ("/api/jobs", "JobReference", "Jobs", "Job", 4),
                ("/api/replicaSessions", "ReplicaJobSessionReference", "ReplicaJobSessions", "ReplicaJobSession", 2),
                // VM, agent and file share backup sessions.
                ("/api/backupSessions", "BackupJobSessionReference", "BackupJobSessions", "BackupJobSession", 8),
                ("/api/backupTaskSessions", "BackupTaskSessionReference", "BackupTaskSessions", "BackupTaskSession", 8),
                ("/api/replicaTaskSessions", "ReplicaTaskSessionReference", "ReplicaTaskSessions", "ReplicaTaskSession", 4),
            ]
            for item in cases {
                let refs = try XMLNode.parse(try await sim.client.get(item.path, token: token).body)
                #expect(refs.name == "EntityReferences", "\(item.path)")
                #expect(refs.children("Ref").count == item.count, "\(item.path)")
                for ref in refs.children("Ref") {
                    #expect(ref.attributes["Type"] == item.refType)
                    #expect(Set(ref.attributes.keys) == ["Type", "Href", "Name", "UID"])
                    #expect(!ref.links.isEmpty)
                }
                let entities = try XMLNode.parse(try await sim.client.get(item.path + "?format=Entity", token: token).body)
                #expect(entities.name == item.listRoot, "\(item.path)")
                #expect(entities.children(item.entity).count == item.count, "\(item.path)")
                #expect(entities.children.allSatisfy { $0.attributes["Href"]?.hasSuffix("?format=Entity") == true })
            }
        }
    }

    @Test func backupServerEntityAndItsJobs() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let server = try XMLNode.parse(
                try await sim.client.get("/api/backupServers/ce15a8c7-aa49-495e-b05b-ee3398c91018?format=Entity", token: token).body)
            #expect(server.name == "BackupServer")
            #expect(server.childNames == ["Links", "Description", "Port", "Version"])
            #expect(server.text("Description") == "")
            #expect(server.text("Port") == "9392")
            let jobs = try XMLNode.parse(
                try await sim.client.get("/api/backupServers/ce15a8c7-aa49-495e-b05b-ee3398c91018/jobs", token: token).body)
            #expect(jobs.children("Ref").map { $0.attributes["Name"] } == ["Fileserver02 Replication", "SQL Backup", "SQL Backup Copy"])
            // Text that needs escaping survives the round trip.
            let branch = try XMLNode.parse(
                try await sim.client.get("/api/backupServers/5d0b7f3a-91c2-4e6d-8b1f-2a7c9e4d6f10?format=Entity", token: token).body)
            #expect(branch.text("Description") == "Branch office \"West\" & DR <lab>")
        }
    }

    @Test func jobEntityFollowsSchemaOrder() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let job = try XMLNode.parse(
                try await sim.client.get("/api/jobs/2c49a44e-1e59-4527-a6bc-6b2f9b579ee1?format=Entity", token: token).body)
            #expect(job.name == "Job")
            #expect(job.attributes["Name"] == "Fileserver02 Replication")
            #expect(
                job.childNames == [
                    "Links", "JobType", "Platform", "Description", "ScheduleConfigured", "ScheduleEnabled", "NextRun",
                    "JobScheduleOptions", "JobInfo",
                ])
            #expect(job.text("JobType") == "Replica")
            #expect(job.text("Description") == "Created by SRV02\\Administrator at 10/7/2014 6:02 AM.")
            let standart = try #require(job.child("JobScheduleOptions")?.child("Standart"))
            #expect(
                standart.childNames == [
                    "RetryOptions", "WaitForBackupCompletion", "BackupCompetitionWaitingPeriodMin", "OptionsDaily",
                    "OptionsMonthly", "OptionsPeriodically", "OptionsContinuous", "OptionsBackupWindow", "OptionsDaisyChaining",
                ])
            #expect(standart.child("OptionsDaily")?.children("Days").count == 7)
            #expect(standart.child("OptionsDaily")?.text("Time") == "06:45:00.0000000+02:00")
            let info = try #require(job.child("JobInfo")?.child("ReplicaJobInfo"))
            #expect(info.child("Includes")?.children("ObjectInJob").map { $0.text("Name") } == ["fileserver02", "srv04"])
            #expect(job.links.map { $0.attributes["Rel"] }.contains("Start"))
            // The disabled backup job has no NextRun and a BackupJobInfo.
            let branch = try XMLNode.parse(
                try await sim.client.get("/api/jobs/b8e2a6d1-4c7f-4e39-9a15-0f6d2c8e7b43?format=Entity", token: token).body)
            #expect(branch.child("NextRun") == nil)
            #expect(branch.text("ScheduleEnabled") == "false")
            #expect(branch.child("JobInfo")?.child("BackupJobInfo") != nil)
        }
    }

    @Test func runningAndFailedSessions() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let running = try XMLNode.parse(
                try await sim.client.get("/api/backupSessions/f0c4b2e8-7a39-4d15-86c2-3e9b1d5a7c84?format=Entity", token: token).body)
            #expect(running.child("EndTimeUTC") == nil)
            #expect(running.text("State") == "Working")
            #expect(running.links.last?.attributes["Rel"] == "Stop")
            let failed = try XMLNode.parse(
                try await sim.client.get("/api/replicaSessions/3f8b7e21-6c4d-4a90-b2f5-8e1d0c9a7b36?format=Entity", token: token).body)
            #expect(failed.childNames.suffix(3) == ["Progress", "FailureMessage", "IsRetry"])
            #expect(failed.text("Result") == "Failed")
        }
    }
}
