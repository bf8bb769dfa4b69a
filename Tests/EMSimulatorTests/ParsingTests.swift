import Foundation
import Testing

@testable import EMSimulator

@Suite struct ParsingTests {
    @Test func base64MatchesFoundationAndIsStrict() {
        for text in ["", "a", "ab", "abc", "abcd", "44cfbdbe-5a95-4156-8867-91f069b7c2cc", "w\u{F6}rd \u{20AC}"] {
            let encoded = Base64.encode(Array(text.utf8))
            #expect(encoded == Data(text.utf8).base64EncodedString())
            #expect(Base64.decode(encoded) == Array(text.utf8))
        }
        // The token of EM's documentation samples.
        #expect(Base64.encode(Array("44cfbdbe-5a95-4156-8867-91f069b7c2cc".utf8)) == "NDRjZmJkYmUtNWE5NS00MTU2LTg4NjctOTFmMDY5YjdjMmNj")
        for bad in ["abc", "ab=c", "a===", "ab-_", "ab c", "=abc"] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }

    @Test func basicCredentialsSplitAtTheFirstColon() throws {
        func header(_ text: String) -> String { "Basic " + Data(text.utf8).base64EncodedString() }
        let parsed = try #require(BasicCredentials(authorization: header("EXAMPLE\\Administrator:p:a@s\\s \u{20AC}")))
        #expect(parsed.user == "EXAMPLE\\Administrator")
        #expect(parsed.password == "p:a@s\\s \u{20AC}")
        #expect(BasicCredentials(authorization: "basic " + Data("u:".utf8).base64EncodedString())?.password == "")
        #expect(BasicCredentials(authorization: header("no colon")) == nil)
        #expect(BasicCredentials(authorization: "Bearer abc") == nil)
        #expect(BasicCredentials(authorization: "Basic " + Base64.encode([0x75, 0x3A, 0xFF])) == nil)  // not UTF-8
        #expect(parsed.matchingAccount(in: ["example\\administrator": "p:a@s\\s \u{20AC}"]) == "example\\administrator")
        #expect(parsed.matchingAccount(in: ["EXAMPLE\\Administrator": "other"]) == nil)
    }

    @Test func guidsNormaliseLikeDotNet() {
        let id = "0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"
        #expect(GUID.normalize(id) == id)
        #expect(GUID.normalize(id.uppercased()) == id)
        #expect(GUID.normalize("{\(id)}") == id)
        #expect(GUID.normalize(id.replacingOccurrences(of: "-", with: "")) == id)
        #expect(GUID.normalize("99999") == nil)
        #expect(GUID.normalize("0bcf5a1e-866c-4b40-8bc3-ce64753b9a6g") == nil)
        #expect(GUID.normalize("0bcf5a1e0866c-4b40-8bc3-ce64753b9a6b") == nil)
    }

    @Test func routesFromPaths() {
        #expect(Route(path: "/api/").endpoint == .root)
        #expect(Route(path: "/api").endpoint == .root)
        #expect(Route(path: "/API/SessionMngr/").endpoint == .sessionManager)
        let logon = Route(path: "/api/logonSessions/AbC")
        #expect(logon.endpoint == .logonSession)
        #expect(logon.captures.map(\.id) == ["AbC"])
        #expect(Route(path: "/api/BACKUPSERVERS").endpoint == .collection(.backupServer, .references))
        let task = Route(path: "/api/repicaTaskSessions/x")
        #expect(task.endpoint == .item(.replicaTaskSession, parentSegment: nil))
        #expect(task.captures == [Route.Capture(kind: .replicaTaskSession, id: "x")])
        #expect(task.logName == "repicatasksessions/{ID}")
        #expect(
            Route(path: "/api/replicaSessions/x/repicaTaskSessions").endpoint
                == .children(parent: .replicaJobSession, segment: "replicaTaskSessions", child: .replicaTaskSession, .references))
        #expect(
            Route(path: "/api/backupSessions/x/taskSessions").endpoint
                == .children(parent: .backupJobSession, segment: "taskSessions", child: .backupTaskSession, .references))
        #expect(
            Route(path: "/api/backupServers/x/repositories").endpoint
                == .children(parent: .backupServer, segment: "repositories", child: .repository, .references))
        let include = Route(path: "/api/Cloud/Tenants/A/Resources/B")
        #expect(include.endpoint == .item(.cloudTenantResource, parentSegment: "resources"))
        #expect(include.captures.map(\.id) == ["A", "B"])
        let guest = Route(path: "/api/catalog/vms/sql01/vmRestorePoints/X/guestfs/C:/Users")
        #expect(guest.endpoint == .guestFileSystem)
        #expect(guest.rest == ["C:", "Users"])
        #expect(Route(path: "/api/reports/summary/processed_vms").endpoint == .report(.processedVms))
        #expect(Route(path: "/api/query").endpoint == .query)
        #expect(Route(path: "/api/backupServers/x/nothing").endpoint == nil)
        #expect(Route(path: "/").endpoint == nil)
        #expect(Route(path: "/other/api").endpoint == nil)
    }

    @Test func queryParametersDecodeAndFoldNames() {
        let query = QueryParameters("FORMAT=Entity&filter=Name%3D%3D%22A+B%22&v=&flag&bad=%ZZ")
        #expect(query["format"] == "Entity")
        #expect(query["Filter"] == "Name==\"A B\"")
        #expect(query["v"] == "")
        #expect(query["flag"] == "")
        #expect(query["bad"] == "%ZZ")
        #expect(query["missing"] == nil)
        #expect(QueryParameters(nil)["v"] == nil)
    }
}
