import EMGateway
import EMUpstream
import Foundation
import Testing

/// `--default-representation`, q-values, `406` and the gateway's own errors in XML, through
/// the gateway and the simulator.
@Suite("Representation negotiation, end to end")
struct NegotiationEndToEndTests {
    @Test("with default xml, a client sending Accept: */* logs on and reads <SessionId> from the XML body, as from EM")
    func bashClientReadsSessionIdFromXML() async throws {
        try await DemoStack.with(configure: { $0.defaultRepresentation = .xml }) { stack in
            let logon = try await stack.call(
                "POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo"), .init(name: "Accept", value: "*/*")])
            #expect(logon.status == 201)
            #expect(logon.header("Content-Type")?.contains("xml") == true)
            let text = logon.text
            let start = try #require(text.range(of: "<SessionId>"))
            let end = try #require(text.range(of: "</SessionId>"))
            let sessionID = String(text[start.upperBound..<end.lowerBound])
            #expect(!sessionID.isEmpty)
            #expect(logon.header("Vary")?.contains("Accept") == true)
            let json = try await stack.call(
                "GET", "/api/logonSessions/\(sessionID)",
                headers: [
                    DemoStack.session(try #require(logon.header("X-RestSvcSessionId"))), .init(name: "Accept", value: "application/json"),
                ])
            #expect(try json.json()["SessionId"] as? String == sessionID)
        }
    }

    @Test("with default json, a browser's Accept gets JSON and application/xml alone gets XML")
    func jsonDefault() async throws {
        try await DemoStack.with { stack in
            let browser = try await stack.call(
                "GET", "/api/", headers: [.init(name: "Accept", value: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")])
            #expect(browser.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(browser.header("Vary")?.contains("Accept") == true)
            let xml = try await stack.call("GET", "/api/", headers: [.init(name: "Accept", value: "application/xml")])
            #expect(xml.text.contains("<EnterpriseManager"))
        }
    }

    @Test("the gateway's own errors follow the negotiated representation; an unknown dialect alone is 406")
    func errorsFollowRepresentation() async throws {
        try await DemoStack.with { stack in
            let notAcceptable = try await stack.call(
                "GET", "/api/", headers: [.init(name: "Accept", value: "application/json; dialect=fancy")])
            #expect(notAcceptable.status == 406)
            #expect(try notAcceptable.json()["Status"] as? String == "NotAcceptable")
            let xmlError = try await stack.call(
                "POST", "/api/jobs?x",
                headers: [.init(name: "Accept", value: "application/xml"), .init(name: "Content-Type", value: "application/json")],
                body: "{")
            #expect(xmlError.status == 400)
            #expect(xmlError.header("Content-Type")?.hasPrefix("application/xml") == true)
            #expect(xmlError.text.contains("<Error Message=\""))
            #expect(xmlError.text.contains("StatusCode=\"400\""))
        }
    }
}
