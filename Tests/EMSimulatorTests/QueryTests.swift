import EMSimulator
import Foundation
import TestSupport
import Testing

/// The query service against an oracle: the same resources fetched as a collection
/// (`?format=Entity`) and filtered, sorted and paged in the test.
@Suite struct QueryTests {
    /// A filter value encoded for a query string (everything but letters and digits escaped).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The entities of a collection, by `Name`.
    static func collection(_ path: String, _ sim: SimulatorUnderTest, _ token: String) async throws -> [XMLNode] {
        try XMLNode.parse(try await sim.client.get(path + "?format=Entity", token: token).body).children
    }

    /// Runs a query and returns the result document.
    static func query(_ parameters: String, _ sim: SimulatorUnderTest, _ token: String) async throws -> XMLNode {
        let response = try await sim.client.get("/api/query?" + parameters, token: token)
        try #require(response.status == 200, "\(parameters): \(response.text)")
        return try XMLNode.parse(response.body)
    }

    /// The names of a `format=Entities` result.
    static func names(_ result: XMLNode) -> [String] {
        (result.child("Entities")?.children.first?.children ?? []).compactMap { $0.attributes["Name"] }
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    @Test func filterGrammarMatchesTheOracle() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let tasks = try await Self.collection("/api/backupTaskSessions", sim, token)
            #expect(tasks.count >= 6)
            let cutoff = try #require(Self.date("2014-10-19T00:00:00Z"))
            let severity = ["None": 0, "Success": 1, "Warning": 2, "Failed": 3]
            let cases: [(String, (XMLNode) -> Bool)] = [
                ("Result==Warning", { $0.text("Result") == "Warning" }),
                // Field names and enum values in any case.
                ("result==success;VMDISPLAYNAME==sql01", { $0.text("Result") == "Success" && $0.attributes["VmDisplayName"] == "sql01" }),
                ("Result==Warning,VmDisplayName==sql01", { $0.text("Result") == "Warning" || $0.attributes["VmDisplayName"] == "sql01" }),
                // AND binds tighter than OR; parentheses regroup.
                (
                    "VmDisplayName==sql02;Result==Success,Result==Warning",
                    { ($0.attributes["VmDisplayName"] == "sql02" && $0.text("Result") == "Success") || $0.text("Result") == "Warning" }
                ),
                (
                    "VmDisplayName==sql02;(Result==Success,Result==Warning)",
                    { $0.attributes["VmDisplayName"] == "sql02" && ["Success", "Warning"].contains($0.text("Result")) }
                ),
                // Enums compare by their documented order: Success < Warning < Failed.
                ("Result>Success", { (severity[$0.text("Result") ?? ""] ?? 0) > 1 }),
                ("Result<=Warning", { (severity[$0.text("Result") ?? ""] ?? 0) <= 2 }),
                ("TotalSize>=100000000000", { (Int64($0.text("TotalSize") ?? "") ?? 0) >= 100_000_000_000 }),
                // Dates, quoted or not, with or without a zone.
                ("CreationTime>\"2014-10-19T00:00:00Z\"", { (Self.date($0.text("CreationTimeUTC")) ?? .distantPast) > cutoff }),
                ("CreationTime<2014-10-19", { (Self.date($0.text("CreationTimeUTC")) ?? .distantFuture) < cutoff }),
                // A running task has no end: only `!=` holds for it.
                ("EndTime!=2000-01-01T00:00:00Z", { _ in true }),
                ("EndTime>2000-01-01T00:00:00Z", { $0.child("EndTimeUTC") != nil }),
                // Quoted values keep their spaces.
                ("Name==\"sql01@2014-10-19 05:30:40\"", { $0.attributes["Name"] == "sql01@2014-10-19 05:30:40" }),
                (" ( Result == Failed ) , ( Result == None ) ", { ["Failed", "None"].contains($0.text("Result")) }),
            ]
            for (filter, predicate) in cases {
                let result = try await Self.query("type=BackupTaskSession&format=Entities&filter=\(Self.encode(filter))", sim, token)
                #expect(Self.names(result).sorted() == tasks.filter(predicate).compactMap { $0.attributes["Name"] }.sorted(), "\(filter)")
            }
            // Doubled quotes stand for one, and the value may hold `&` and `<` once escaped.
            let servers = try await Self.query(
                "type=BackupServer&format=Entities&filter=" + Self.encode(#"Description=="Branch office ""West"" & DR <lab>""#), sim, token)
            #expect(Self.names(servers) == ["srv03.tech.local"])
            // Spaces in an unquoted value are ignored, as EM documents.
            let unquoted = try await Self.query("type=Job&filter=" + Self.encode("Name==SQL Backup"), sim, token)
            #expect(unquoted.child("Refs")?.children.isEmpty == true)
            let quoted = try await Self.query("type=Job&filter=" + Self.encode("Name==\"SQL Backup\""), sim, token)
            #expect(quoted.child("Refs")?.children("Ref").map { $0.attributes["Name"] } == ["SQL Backup"])
            // UIDs match as URNs and as bare GUIDs.
            let job = try #require(quoted.child("Refs")?.children.first?.attributes["UID"])
            let bare = String(job.split(separator: ":").last!)
            let runs = try XMLNode.parse(try await sim.client.get("/api/jobs/\(bare)/backupSessions", token: token).body)
            #expect(runs.children.count >= 2)
            for value in [job, bare.uppercased()] {
                let sessions = try await Self.query("type=BackupJobSession&filter=JobUid==\(Self.encode(value))", sim, token)
                #expect(sessions.child("Refs")?.children.map(\.attributes) == runs.children.map(\.attributes), "\(value)")
            }
        }
    }

    @Test func sortingAndPagingFollowTheLinks() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let tasks = try await Self.collection("/api/backupTaskSessions", sim, token)
            let expected = tasks.sorted {
                (Self.date($0.text("CreationTimeUTC")) ?? .distantPast) > (Self.date($1.text("CreationTimeUTC")) ?? .distantPast)
            }.compactMap { $0.attributes["Name"] }
            // veeam-em's paging: pageSize and page first, sortDesc, then follow Next until the last page.
            var target: String? = "/api/query?type=BackupTaskSession&format=Entities&pageSize=2&sortDesc=CreationTime&page=1"
            var pages: [[String]] = []
            while let next = target {
                let page = try XMLNode.parse(try await sim.client.get(next, token: token).body)
                let paging = try #require(page.child("PagingInfo"))
                #expect(paging.attributes["PageNum"] == String(pages.count + 1))
                #expect(paging.attributes["PageSize"] == "2")
                #expect(paging.attributes["PagesCount"] == String((expected.count + 1) / 2))
                pages.append(Self.names(page))
                target = paging.links.first { $0.attributes["Rel"] == "Next" }?.attributes["Href"]
                    .map { String($0.dropFirst(sim.baseURL.count)) }
                #expect(pages.count <= 10)
            }
            #expect(pages.flatMap { $0 } == expected)
            #expect(pages.dropLast().allSatisfy { $0.count == 2 })
            let ascending = try await Self.query("type=BackupTaskSession&format=Entities&sortAsc=name", sim, token)
            #expect(Self.names(ascending) == expected.sorted { $0.lowercased() < $1.lowercased() })
        }
    }

    @Test func pagingLinksRepeatTheRequestAsEMWritesThem() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let api = sim.baseURL + "/api/"
            func links(_ parameters: String) async throws -> (info: [String: String], links: [String: String]) {
                let paging = try #require(try await Self.query(parameters, sim, token).child("PagingInfo"))
                let links = Dictionary(
                    uniqueKeysWithValues: paging.links.map {
                        ($0.attributes["Rel"] ?? "", $0.attributes["Href"] ?? "")
                    })
                return (paging.attributes, links)
            }
            // The help page's example: page 1 of 2, no Previous, the type's case kept.
            let first = try await links("type=backupServer&pageSize=1")
            #expect(first.info == ["PageNum": "1", "PageSize": "1", "PagesCount": "2"])
            #expect(
                first.links == [
                    "First": api + "query?type=backupServer&pageSize=1&page=1",
                    "Next": api + "query?type=backupServer&pageSize=1&page=2",
                    "Last": api + "query?type=backupServer&pageSize=1&page=2",
                ])
            let second = try await links("type=backupServer&pageSize=1&page=2")
            #expect(
                second.links == [
                    "First": api + "query?type=backupServer&pageSize=1&page=1",
                    "Previous": api + "query?type=backupServer&pageSize=1&page=1",
                    "Last": api + "query?type=backupServer&pageSize=1&page=2",
                ])
            // Parameters in the order sent, pageSize and page replaced where they stand or appended,
            // the filter re-encoded lower-case with `+` for spaces and parentheses kept (EM 9.5–12).
            let filtered = try await links(
                "type=job&filter=" + Self.encode(#"(Name=="SQL Backup")"#) + "&format=Entities")
            #expect(filtered.info == ["PageNum": "1", "PageSize": "100", "PagesCount": "1"])
            let href = api + "query?type=job&filter=(Name%3d%3d%22SQL+Backup%22)&format=Entities&pageSize=100&page=1"
            #expect(filtered.links == ["First": href, "Last": href])
            let middle = try await links("type=BackupTaskSession&sortAsc=name&pageSize=2&page=2&filter=Result%3D%3DSuccess;State!=Pending")
            #expect(
                middle.links["Previous"]
                    == api + "query?type=BackupTaskSession&sortAsc=name&pageSize=2&page=1&filter=Result%3d%3dSuccess%3bState!%3dPending")
            #expect(middle.links["Next"] == nil || middle.links["Next"]?.contains("page=3") == true)
        }
    }

    @Test func emptyResultsHaveOnePage() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let refs = try await Self.query("type=BackupJobSession&filter=JobName==nothing", sim, token)
            #expect(refs.childNames == ["Refs", "PagingInfo"])
            #expect(refs.child("Refs")?.children.isEmpty == true)
            let paging = try #require(refs.child("PagingInfo"))
            #expect(paging.attributes == ["PageNum": "1", "PageSize": "100", "PagesCount": "1"])
            #expect(paging.links.map { $0.attributes["Rel"] } == ["First", "Last"])
            #expect(paging.links.allSatisfy { $0.attributes["Href"]?.hasSuffix("&pageSize=100&page=1") == true })
            let entities = try await Self.query("type=BackupJobSession&format=entities&filter=JobName==nothing", sim, token)
            #expect(entities.child("Entities")?.childNames == ["BackupJobSessions"])
            #expect(entities.child("Entities")?.child("BackupJobSessions")?.children.isEmpty == true)
        }
    }

    @Test func badQueriesAre400WithEMError() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            for parameters in [
                "", "type=", "type=Nothing", "type=Job&format=Xml", "type=Job&filter=Name=", "type=Job&filter=Name=%22x%22",
                "type=Job&filter=(Name==x", "type=Job&filter=Name==x)", "type=Job&filter=Nothing==x", "type=Job&filter=JobType==Tape",
                "type=BackupJobSession&filter=CreationTime>yesterday", "type=Job&filter=ScheduleEnabled==maybe",
                "type=Job&filter=Name==%22unterminated", "type=Job&pageSize=0", "type=Job&pageSize=x", "type=Job&page=-1",
                "type=Job&sortAsc=Nothing", "type=Repository&filter=Capacity>big",
            ] {
                let response = try await sim.client.get("/api/query?" + parameters, token: token)
                #expect(response.status == 400, "\(parameters)")
                let error = try XMLNode.parse(response.body)
                #expect(error.name == "Error", "\(parameters)")
                #expect(error.attributes["StatusCode"] == "400")
            }
            #expect(try await sim.client.get("/api/query?type=Job").status == 401)
        }
    }

    @Test func everyDocumentedTypeAnswersInItsContainer() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let service = try XMLNode.parse(try await sim.client.get("/api/querySvc", token: token).body)
            #expect(service.name == "QuerySvc")
            #expect(service.attributes["Type"] == "QueryService")
            let types = service.links.compactMap { $0.attributes["Name"] }
            #expect(types.count == 49)
            var withData = 0
            for type in types {
                let refs = try await Self.query("type=\(type)", sim, token)
                let entities = try await Self.query("type=\(type)&format=Entities", sim, token)
                let container = try #require(entities.children.first)
                #expect(["Entities", "Resources"].contains(container.name), "\(type)")
                #expect(container.children.count == 1, "\(type)")
                let items = container.children.first?.children ?? []
                if container.name == "Entities" {
                    #expect(refs.children.first?.name == "Refs", "\(type)")
                    #expect(refs.child("Refs")?.children.count == items.count, "\(type)")
                } else {
                    #expect(refs.children.first?.name == "Resources", "\(type)")
                }
                if !items.isEmpty { withData += 1 }
            }
            // Types of empty parts of the world: tasks (none until an action runs) and vApp points.
            #expect(withData >= 45)
            let credentials = try await Self.query("type=Credentials&filter=Username==root", sim, token)
            #expect(credentials.child("Resources")?.child("CredentialsList")?.children("CredentialsInfo").count == 1)
            let tasks = try await Self.query("type=Task", sim, token)
            #expect(tasks.child("Resources")?.childNames == ["Tasks"])
        }
    }
}
