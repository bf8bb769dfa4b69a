import EMSimulator
import Foundation
import TestSupport
import Testing

@Suite struct CrawlTests {
    static let base = "https://localhost:9398"

    /// Relations that name operations (POSTs, or GETs with side effects), never followed.
    static let actionRelations: Set<String> = [
        "Start", "Stop", "Retry", "ToggleScheduleEnabled", "Restore", "Failover", "Undo", "Test", "Browse",
        "Intervals", "Disable", "Enable", "Clone", "VeeamZip", "QuickBackup", "ToggleRestoreScopesEnabled", "Sync",
    ]

    /// Whether a link names an operation rather than a resource: an `?action=` query, an action
    /// relation, or logon (`sessionMngr`, POST only).
    static func isAction(href: String, rel: String?) -> Bool {
        href.lowercased().contains("action=") || rel.map { Self.actionRelations.contains($0) } == true
            || href.lowercased().contains("/sessionmngr")
    }

    /// Every `Href` in a document with the `Rel` of its element, if it has one.
    static func links(in node: XMLNode) -> [(href: String, rel: String?)] {
        (node.attributes["Href"].map { [($0, node.attributes["Rel"])] } ?? []) + node.children.flatMap { Self.links(in: $0) }
    }

    @Test func everyHrefReachableFromTheRootAndTheLogonSessionAnswers() async throws {
        try await withSimulator(timeLimit: .seconds(300)) { sim in
            let logon = try await sim.logon()
            let token = try #require(logon.header("X-RestSvcSessionId"))
            var queue = ["/api/"]
            var seen: Set<String> = ["/api/"]
            var outside: [String] = []
            var failures: [String] = []
            var roots: [String: Int] = [:]
            let logonLinks = Self.links(in: try XMLNode.parse(logon.body))
            for (href, rel) in logonLinks where !Self.isAction(href: href, rel: rel) {
                let target = String(href.dropFirst(Self.base.count))
                if seen.insert(target).inserted { queue.append(target) }
            }
            var index = 0
            while index < queue.count {
                let target = queue[index]
                index += 1
                let response = try await sim.client.get(target, token: token)
                guard response.status == 200 else {
                    failures.append("\(response.status) \(target)")
                    continue
                }
                let root = try XMLNode.parse(response.body)
                #expect(root.attributes["xmlns"] == "http://www.veeam.com/ent/v1.0", "\(target)")
                roots[root.name, default: 0] += 1
                for (href, rel) in Self.links(in: root) where !Self.isAction(href: href, rel: rel) {
                    guard href.hasPrefix(Self.base + "/api/") else {
                        outside.append(href)
                        continue
                    }
                    let next = String(href.dropFirst(Self.base.count))
                    if seen.insert(next).inserted { queue.append(next) }
                }
            }
            #expect(failures.isEmpty, "not answered with 200: \(failures)")
            #expect(outside.isEmpty, "Hrefs off the advertised base: \(outside)")
            // The crawl reaches the corners of the world, not just the collections.
            for element in [
                "QueryResult", "SummaryReport", "OverviewReportFrame", "RepositoryReportFrame", "ProcessedVmsReportFrame",
                "HierarchyItems", "FileSystemEntries", "FileSystemEntry", "ObjectsInJob", "CredentialsInfoList",
                "CloudTenantResources", "EnterpriseAccountInRoleList", "Agents", "NASService",
                "EnterpriseSecuritySettings", "VmRestorePoint", "CloudTenant", "NASJob",
            ] {
                #expect(roots[element] != nil, "never reached a \(element)")
            }
            #expect(queue.count > 300)
            print("simulator: crawled \(queue.count) resources, all well-formed")
        }
    }
}
