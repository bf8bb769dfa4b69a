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
        #expect(Route(path: "/api/") == .root)
        #expect(Route(path: "/api") == .root)
        #expect(Route(path: "/API/SessionMngr/") == .sessionManager)
        #expect(Route(path: "/api/logonSessions/AbC") == .logonSession(id: "AbC"))
        #expect(Route(path: "/api/BACKUPSERVERS") == .collection(.backupServer))
        #expect(Route(path: "/api/repicaTaskSessions/x") == .resource(.replicaTaskSession, id: "x"))
        #expect(Route(path: "/api/replicaSessions/x/repicaTaskSessions") == .children(parent: .replicaJobSession, id: "x", child: .replicaTaskSession))
        #expect(Route(path: "/api/backupSessions/x/taskSessions") == .children(parent: .backupJobSession, id: "x", child: .backupTaskSession))
        #expect(Route(path: "/api/backupServers/x/repositories") == .unknown)
        #expect(Route(path: "/") == .unknown)
        #expect(Route(path: "/other/api") == .unknown)
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
