import EMSimulator
import Foundation
import TestSupport
import Testing

@Suite struct RoutingTests {
    @Test func pathsAreCaseInsensitive() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let upper = try await sim.client.get("/API/REPLICASESSIONS/0BCF5A1E-866C-4B40-8BC3-CE64753B9A6B?FORMAT=ENTITY", token: token)
            #expect(upper.status == 200)
            let lower = try await sim.client.get("/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity", token: token)
            #expect(upper.body == lower.body)
            #expect(try XMLNode.parse(upper.body).name == "ReplicaJobSession")
            #expect(try await sim.client.get("/api/backupservers", token: token).status == 200)
            #expect(try await sim.logon(target: "/API/SESSIONMNGR/?v=latest").status == 201)
        }
    }

    @Test func unknownIDsAndPathsAre404WithEMError() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let missingJob = try await sim.client.get("/api/jobs/9be68a1c-7893-4c92-93e9-045be7533759", token: token)
            #expect(missingJob.status == 404)
            #expect(missingJob.header("Content-Type") == "application/xml; charset=utf-8")
            let error = try XMLNode.parse(missingJob.body)
            #expect(error.name == "Error")
            #expect(error.attributes["xmlns"] == "http://www.veeam.com/ent/v1.0")
            #expect(error.attributes["StatusCode"] == "404")
            #expect(error.attributes["Message"] == "Cannot find job [9be68a1c-7893-4c92-93e9-045be7533759]")
            #expect(error.attributes["Status"] == nil)

            for target in ["/api/nothing", "/api/jobs/9be68a1c-7893-4c92-93e9-045be7533759/backupSessions", "/api/jobs/x/y/z", "/"] {
                let response = try await sim.client.get(target, token: token)
                #expect(response.status == 404, "\(target)")
                #expect(try XMLNode.parse(response.body).attributes["StatusCode"] == "404")
            }
            // An ID that is no GUID is a 400, as in EM.
            let invalid = try await sim.client.get("/api/jobs/99999", token: token)
            #expect(invalid.status == 400)
            #expect(try XMLNode.parse(invalid.body).attributes["Message"] == " ID 99999 is invalid. Type: Job")
            // An unknown format is refused.
            #expect(try await sim.client.get("/api/jobs?format=Xml", token: token).status == 400)
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await withSimulator { sim in
            let token = try await sim.token()
            let put = try await sim.client.send("PUT", "/api/jobs", headers: [("X-RestSvcSessionId", token)])
            #expect(put.status == 405)
            #expect(put.header("Allow") == "GET")
            #expect(try XMLNode.parse(put.body).attributes["StatusCode"] == "405")
            let getLogon = try await sim.client.get("/api/sessionMngr/")
            #expect(getLogon.status == 405)
            #expect(getLogon.header("Allow") == "POST")
            #expect(try await sim.client.send("POST", "/api/").status == 405)
        }
    }

    @Test func everyBodyIsWellFormedEMXML() async throws {
        try await withSimulator { sim in
            let logon = try await sim.logon()
            let token = try #require(logon.header("X-RestSvcSessionId"))
            var bodies: [(String, HTTPTestResponse)] = [("logon", logon)]
            var targets = [
                "/api/", "/api/logonSessions", "/api/nothing", "/api/jobs/99999", "/api/jobs/9be68a1c-7893-4c92-93e9-045be7533759",
            ]
            for collection in ["backupServers", "jobs", "backupSessions", "replicaSessions", "backupTaskSessions", "replicaTaskSessions"] {
                targets += ["/api/\(collection)", "/api/\(collection)?format=Entity"]
                let refs = try XMLNode.parse(try await sim.client.get("/api/\(collection)", token: token).body)
                for ref in refs.children("Ref") {
                    let href = try #require(ref.attributes["Href"])
                    let path = try #require(URL(string: href))
                    targets += [path.path, path.path + "?format=Entity"]
                    // Every Down link that the simulator serves must answer too.
                    for link in ref.links where link.attributes["Rel"] == "Down" {
                        let href = try #require(link.attributes["Href"])
                        if href.hasSuffix("Sessions") || href.hasSuffix("/jobs") { targets.append(URL(string: href)!.path) }
                    }
                }
            }
            for target in targets {
                bodies.append((target, try await sim.client.get(target, token: token)))
            }
            bodies.append(("401", try await sim.client.get("/api/jobs")))
            for (target, response) in bodies {
                #expect(response.header("Content-Type") == "application/xml; charset=utf-8", "\(target)")
                #expect(response.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<"), "\(target)")
                let root = try XMLNode.parse(response.body)
                #expect(root.attributes["xmlns"] == "http://www.veeam.com/ent/v1.0", "\(target)")
                if (200..<300).contains(response.status), target != "/api/jobs/99999" {
                    // Every Href anywhere is absolute on the advertised base.
                    #expect(Self.hrefs(in: root).allSatisfy { $0.hasPrefix("https://localhost:9398/api/") }, "\(target)")
                }
            }
            #expect(bodies.filter { $0.1.status == 200 }.count > 30)
        }
    }

    @Test func advertisedBaseURLPrefixesEveryHref() async throws {
        var configuration = SimulatorConfiguration()
        configuration.advertisedBaseURL = "http://em01.example.local:9399/"
        try await withSimulator(configuration) { sim in
            let logon = try await sim.logon()
            #expect(logon.header("Location")?.hasPrefix("http://em01.example.local:9399/api/logonSessions/") == true)
            let token = try #require(logon.header("X-RestSvcSessionId"))
            let jobs = try XMLNode.parse(try await sim.client.get("/api/jobs?format=Entity", token: token).body)
            let hrefs = Self.hrefs(in: jobs)
            #expect(hrefs.count > 20)
            #expect(hrefs.allSatisfy { $0.hasPrefix("http://em01.example.local:9399/api/") })
        }
    }

    static func hrefs(in node: XMLNode) -> [String] {
        (node.attributes["Href"].map { [$0] } ?? []) + node.children.flatMap { Self.hrefs(in: $0) }
    }
}
