import EMSimulator
import Foundation
import Synchronization
import TestSupport
import Testing

/// The living demo world: a week of history ending at the start, jobs that keep running on the
/// world clock, bounded history; all on a manual clock.
extension DemoWorldSuites {
    @Suite struct LiveWorldTests {
        typealias H = DemoWorldHarness

        @Test func theQueryServiceFindsBackupSessionsOfTheLast24Hours() async throws {
            let clock = ManualSimulatorClock()
            try await withSimulator(H.configuration(clock), timeLimit: .seconds(120)) { sim in
                let token = try await sim.token()
                let since = H.start - 86_400
                let withZ = try await H.query(
                    "type=BackupJobSession&format=Entities&pageSize=10000&filter="
                        + H.encode("CreationTime>=\"\(H.text(since))\""), sim, token)
                let withoutZResponse = try await sim.client.get(
                    "/api/query?type=BackupJobSession&format=Refs&pageSize=10000&filter="
                        + H.encode("CreationTime>=\"\(H.text(since, zone: false))\""), token: token)
                let withoutZ = try XMLNode.parse(withoutZResponse.body).child("Refs")?.children ?? []
                let uids = withZ.compactMap { $0.attributes["UID"] }
                let uidsWithoutZ = withoutZ.compactMap { $0.attributes["UID"] }
                let times = withZ.map { H.seconds($0.text("CreationTimeUTC")) ?? 0 }
                let results = Set(withZ.compactMap { $0.text("Result") })
                let jobs = Set(withZ.compactMap { $0.text("JobName") })
                #expect(!uids.isEmpty)
                #expect(uids == uidsWithoutZ)
                // Every one is in the window, and every session of the world in it is found.
                #expect(times.allSatisfy { $0 >= since })
                // Every session of the world is in the window or before it.
                func count(_ filter: String) async throws -> Int {
                    let response = try await sim.client.get(
                        "/api/query?type=BackupJobSession&pageSize=1" + (filter.isEmpty ? "" : "&filter=" + H.encode(filter)), token: token)
                    return Int(try XMLNode.parse(response.body).child("PagingInfo")?.attributes["PagesCount"] ?? "") ?? 0
                }
                let before = try await count("CreationTime<\"\(H.text(since))\"")
                let total = try await count("")
                let retried = !(try await H.query("type=BackupJobSession&format=Entities&filter=IsRetry==true", sim, token)).isEmpty
                #expect(Set(uids).count == uids.count && before + uids.count == total)
                #expect(results.isSuperset(of: ["Failed", "Warning", "Success"]))
                // Nightly jobs ran last night, and failed runs were retried.
                #expect(jobs.isSuperset(of: ["Exchange Backup", "Web Backup", "File Server Backup", "SQL Log Backup"]))
                #expect(retried)
                // EndTime filters too (a running session has none).
                let ended = try await H.query(
                    "type=BackupJobSession&format=Entities&pageSize=10000&filter="
                        + H.encode("EndTime<\"\(H.text(since, zone: false))\";JobName==\"Web Backup\""), sim, token)
                let endedRight = ended.allSatisfy {
                    (H.seconds($0.text("EndTimeUTC")) ?? .max) < since && $0.text("JobName") == "Web Backup"
                }
                #expect(!ended.isEmpty)
                #expect(endedRight)
                // Task sessions of the window, as veeam-em asks for them (the oldest first).
                let tasks = try await H.query(
                    "type=BackupTaskSession&format=Entities&sortAsc=CreationTime&pageSize=50&filter="
                        + H.encode("CreationTime>=\"\(H.text(since))\""), sim, token)
                let taskTimes = tasks.map { H.seconds($0.text("CreationTimeUTC")) ?? 0 }
                #expect(!taskTimes.isEmpty)
                #expect(taskTimes.allSatisfy { $0 >= since })
            }
        }

        @Test func aNewSessionAppearsRunsAndFinishesWithinThreeMinutes() async throws {
            let clock = ManualSimulatorClock()
            try await withSimulator(H.configuration(clock), timeLimit: .seconds(120)) { sim in
                let token = try await sim.token()
                func ids() async throws -> Set<String> {
                    let list = try XMLNode.parse(try await sim.client.get("/api/backupSessions", token: token).body)
                    return Set(list.children.compactMap { $0.attributes["UID"] })
                }
                let before = try await ids()
                var seen: [String: [(state: String, progress: Int, result: String, tasks: [String])]] = [:]
                for _ in 0..<18 {
                    clock.advance(by: .seconds(10))
                    let recent = try await H.query(
                        "type=BackupJobSession&format=Entities&filter=" + H.encode("CreationTime>\"\(H.text(H.start))\""), sim, token)
                    for session in recent {
                        let uid = try #require(session.attributes["UID"])
                        #expect(!before.contains(uid))
                        let id = String(uid.split(separator: ":").last ?? "")
                        let tasks = try XMLNode.parse(
                            try await sim.client.get("/api/backupSessions/\(id)/taskSessions?format=Entity", token: token).body)
                        // (Every observation reads the task sessions: a finished run's must all be Completed.)
                        seen[uid, default: []].append(
                            (
                                session.text("State") ?? "", Int(session.text("Progress") ?? "") ?? -1, session.text("Result") ?? "",
                                tasks.children.compactMap { $0.text("State") }
                            ))
                    }
                }
                let after = try await ids()
                // A session that was seen running, then stopped with an outcome.
                let watched = seen.filter { $0.value.first?.state == "Working" && $0.value.last?.state == "Stopped" }
                let (uid, states) = try #require(
                    watched.first { $0.value.contains { $0.state == "Working" && $0.tasks.contains("InProgress") } })
                #expect(after.contains(uid))
                let running = states.filter { $0.state == "Working" }
                #expect(running.allSatisfy { $0.result == "None" && (0..<100).contains($0.progress) })
                #expect(running.map(\.progress) == running.map(\.progress).sorted())
                let last = try #require(states.last)
                #expect(["Success", "Warning", "Failed"].contains(last.result) && last.progress == 100)
                #expect(!last.tasks.isEmpty && last.tasks.allSatisfy { $0 == "Completed" })
            }
        }

        @Test func historyIsBoundedAndRestorePointsAndFreeSpaceFollow() async throws {
            let clock = ManualSimulatorClock()
            try await withSimulator(H.configuration(clock), timeLimit: .seconds(120)) { sim in
                let token = try await sim.token()
                /// How many demo sessions there are (`PagesCount` at one a page; the seed's are from 2014),
                /// and whether any is older than `limit`.
                func sessions(olderThan limit: Int64) async throws -> (count: Int, older: Bool) {
                    func get(_ filter: String) async throws -> XMLNode {
                        try XMLNode.parse(
                            try await sim.client.get(
                                "/api/query?type=BackupJobSession&format=Entities&pageSize=1&filter=" + H.encode(filter), token: token
                            ).body)
                    }
                    let all = try await get("CreationTime>=\"2020-01-01\"")
                    let older = try await get("CreationTime>=\"2020-01-01\";CreationTime<=\"\(H.text(limit))\"")
                    let count = Int(all.child("PagingInfo")?.attributes["PagesCount"] ?? "") ?? 0
                    return (count, !(older.child("Entities")?.children.first?.children.isEmpty ?? true))
                }
                func repository() async throws -> (free: Int64, capacity: Int64) {
                    let all = try XMLNode.parse(try await sim.client.get("/api/repositories?format=Entity", token: token).body).children
                    let demo = try #require(all.first { $0.attributes["Name"] == "Demo Backup Repository" })
                    return (Int64(demo.text("FreeSpace") ?? "") ?? 0, Int64(demo.text("Capacity") ?? "") ?? 0)
                }
                func storedBytes() async throws -> Int64 {
                    let files = try await H.query("type=BackupFile&format=Entities&pageSize=100000", sim, token)
                    return files.filter { $0.text("FilePath")?.hasPrefix("E:\\Demo\\") == true }
                        .reduce(0) { $0 + (Int64($1.text("BackupSize") ?? "") ?? 0) }
                }
                let first = try await sessions(olderThan: H.start - 7 * 86_400)
                let space = try await repository()
                #expect(space.free == space.capacity - (400 << 30) - (try await storedBytes()))
                clock.advance(by: .seconds(8 * 86_400))
                let now = H.start + 8 * 86_400
                let later = try await sessions(olderThan: now - 7 * 86_400)
                #expect(!first.older && !later.older)
                #expect(first.count > 5000 && abs(later.count - first.count) < first.count / 50)
                let moved = try await repository()
                #expect(moved.free == moved.capacity - (400 << 30) - (try await storedBytes()))
                #expect(moved.free != space.free)
                // The periodic job keeps its 14 newest restore points (RetainCycles).
                let points = try await H.query(
                    "type=RestorePoint&format=Entities&pageSize=100000&filter=" + H.encode("BackupName==\"SQL Log Backup\""), sim, token)
                #expect(points.count == 14)
                // The documented seed entities keep their values.
                let seed = try XMLNode.parse(
                    try await sim.client.get("/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity", token: token).body)
                #expect(seed.text("CreationTimeUTC") == "2014-10-19T06:46:31Z")
            }
        }

        @Test func theSameSeedAndStartGiveTheSameWorld() async throws {
            func sessions(seed: UInt64) async throws -> [UInt8] {
                let clock = ManualSimulatorClock()
                let body = Mutex<[UInt8]>([])
                try await withSimulator(H.configuration(clock, seed: seed), timeLimit: .seconds(120)) { sim in
                    let token = try await sim.token()
                    clock.advance(by: .seconds(3600))
                    let window = H.encode("CreationTime>=\"\(H.text(H.start - 6 * 3600))\"")
                    let response = try await sim.client.get(
                        "/api/query?type=BackupJobSession&format=Entities&pageSize=100000&sortAsc=CreationTime&filter=" + window,
                        token: token)
                    body.withLock { $0 = response.body }
                }
                return body.withLock { $0 }
            }
            let one = try await sessions(seed: 7)
            #expect(one.count > 50_000)
            #expect(try await sessions(seed: 7) == one)
            #expect(try await sessions(seed: 8) != one)
        }
    }
}
