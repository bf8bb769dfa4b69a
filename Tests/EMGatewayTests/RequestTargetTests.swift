import Testing

@testable import EMGateway

/// The byte scanners on the request path: which targets go up, which media types are XML.
@Suite("Request targets and media types")
struct RequestTargetTests {
    @Test func apiPathsInAnyLetterCase() {
        for path in ["/api", "/api/", "/API/jobs", "/Api?x", "/api/x/y"] {
            #expect(RequestTarget.isAPI(path), "\(path)")
        }
        for path in ["", "/", "/ap", "/apix", "/api-docs", "api/x", "/healthz", "\u{0F}api"] {
            #expect(!RequestTarget.isAPI(path), "\(path)")
        }
    }

    @Test func dotSegmentsPlainOrPercentEncodedAreRefused() {
        for target in [
            "/api/..", "/api/../x", "/api/./x", "/api/%2e%2e/x", "/api/%2E%2E", "/api/.%2e/x", "/api/%2E./x", "/api/%2e?q",
            // Windows' separators, which HTTP.sys and IIS in front of EM honour (black-box trial).
            #"/api/jobs\..\x"#, "/api/..%5cx", "/api/..%5Cx", "/api/x%2f..%2fy", #"/api\.\x"#,
        ] {
            #expect(throws: GatewayError.self, "\(target)") { try RequestTarget.validate(target) }
        }
        #expect(throws: GatewayError.self) { try RequestTarget.validate("api/x") }
        #expect(throws: GatewayError.self) { try RequestTarget.validate("http://em/api/x") }
    }

    @Test func segmentsThatOnlyContainDotsAreFine() throws {
        for target in [
            "/api", "/api/...", "/api/a.b", "/api/.x", "/api/%2e%2e%2e", "/api/%2", "/api/%2f", "/api/%.", "/api/x?path=../..",
            "/api/x?.", "/api/query?filter=name==a.b", #"/api/a\..b"#, "/api/..%", "/api/%zz..", "/api/x?q=%5c..%5c",
        ] {
            try RequestTarget.validate(target)
        }
    }

    @Test func xmlMediaTypes() {
        for type in [
            "application/xml", "Application/XML; charset=utf-8", " text/xml ;q=1", "application/atom+xml", "application/vnd.veeam+XML",
        ] {
            #expect(MediaNegotiation.isXML(type), "\(type)")
        }
        for type in [nil, "", "application/json", "application/xmlx", "xml", "text/html", "application/xml-dtd", "+xm"] as [String?] {
            #expect(!MediaNegotiation.isXML(type), "\(type ?? "nil")")
        }
    }

    @Test func containsASCIIMatchesBytesWithOptionalCaseFolding() {
        #expect("format=Entity&action=start".containsASCII("action="))
        #expect(!"format=Entity&actio=start".containsASCII("action="))
        #expect("aaction=".containsASCII("action="))
        #expect(!"actio".containsASCII("action="))
        #expect(!"Accept-Encoding".containsASCII("accept"))
        #expect("Origin, Accept-Encoding".containsASCII("accept", ignoringASCIICase: true))
        #expect("NO-CACHE".containsASCII("no-cache", ignoringASCIICase: true))
        #expect("caf\u{E9} public".containsASCII("public"))
        #expect("x".containsASCII(""))
        #expect(!"".containsASCII("x"))
        #expect("ab/action=1"[...].dropFirst(3).containsASCII("action="))
    }
}
