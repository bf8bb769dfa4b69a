import EMGateway
import EMUpstream
import Foundation
import Logging
import TestSupport
import Testing

/// EM misbehaving: hostile XML, garbage, truncation, slowness, non-XML answers.
@Suite("Upstream faults")
struct UpstreamFaultTests {
    func withHostile<R: Sendable>(
        configure: @escaping @Sendable (inout GatewayConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (DemoStack) async throws -> R
    ) async throws -> R {
        try await HostileUpstream.with { port in
            try await DemoStack.with(
                configure: { configuration in
                    configuration.upstreamBaseURL = "http://127.0.0.1:\(port)"
                    configure(&configuration)
                }, body)
        }
    }

    @Test("billion laughs and external entities: 502 JSON, nothing expanded", arguments: ["/api/laughs", "/api/xxe"])
    func entities(path: String) async throws {
        try await withHostile { stack in
            let answer = try await stack.call("GET", path)
            #expect(answer.status == 502)
            let error = try answer.json()
            #expect(error["Status"] as? String == "BadGateway")
            #expect((error["Message"] as? String)?.contains("DOCTYPE") == true)
            #expect(!answer.text.contains("lol"))
            #expect(!answer.text.contains("root:"))
        }
    }

    @Test("garbage and too-deep XML: 502 with a clear JSON error")
    func garbage() async throws {
        try await withHostile { stack in
            let garbage = try await stack.call("GET", "/api/garbage")
            #expect(garbage.status == 502)
            #expect(try garbage.json()["Message"] as? String == "Enterprise Manager's answer is not well-formed XML.")
            let deep = try await stack.call("GET", "/api/deep")
            #expect(deep.status == 502)
            #expect(
                try deep.json()["Message"] as? String == "Enterprise Manager's answer exceeds the gateway's limit on element nesting depth."
            )
        }
    }

    @Test(
        "each class of bad answer has its own 502 message (README, Errors)",
        arguments: [
            ("garbage", "is not well-formed XML"),
            ("dtd", "carries a DOCTYPE or an entity, which the gateway refuses"),
            ("encoding", "is not valid in its character encoding, or names one the gateway cannot read"),
            ("after", "has content after its root element"),
            ("attributes", "exceeds the gateway's limit on attributes per element"),
            ("schema", "is well-formed XML that does not fit the gateway's contract"),
        ])
    func faultClasses(kind: String, fault: String) async throws {
        try await withHostile { stack in
            let answer = try await stack.call("GET", "/api/fault/\(kind)")
            #expect(answer.status == 502)
            #expect(try answer.json()["Message"] as? String == "Enterprise Manager's answer \(fault).")
        }
    }

    @Test(
        "UTF-16 (LE and BE, with BOM, white space after the root) and ISO-8859-1 answers: JSON converts; XML is sent as UTF-8 with links rewritten"
    )
    func encodings() async throws {
        try await withHostile { stack in
            for kind in ["utf16le", "utf16be", "latin1"] {
                let json = try await stack.call("GET", "/api/fault/\(kind)")
                #expect(json.status == 200, "\(kind)")
                let object = try json.json()
                #expect(object["Name"] as? String == "caf\u{E9}", "\(kind)")
                #expect(object["Href"] as? String == stack.gatewayURL + "/api/jobs/1", "\(kind)")
                let xml = try await stack.call("GET", "/api/fault/\(kind)", headers: [.init(name: "Accept", value: "application/xml")])
                #expect(xml.status == 200, "\(kind)")
                #expect(xml.header("Content-Type")?.hasSuffix("; charset=utf-8") == true, "\(kind)")
                let text = String(decoding: xml.body, as: UTF8.self)
                #expect(text.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#), "\(kind)")
                #expect(text.contains("Href=\"\(stack.gatewayURL)/api/jobs/1\""), "\(kind)")
                #expect(text.contains("Name=\"caf\u{E9}\""), "\(kind)")
            }
            // Another encoding passes as EM wrote it.
            let other = try await stack.call("GET", "/api/fault/cp1252", headers: [.init(name: "Accept", value: "application/xml")])
            #expect(other.status == 200)
            #expect(other.header("Content-Type") == "application/xml")
            #expect(other.body.contains(0xE9))
        }
    }

    @Test("non-XML answers pass through untouched")
    func download() async throws {
        try await withHostile { stack in
            let answer = try await stack.call("GET", "/api/download")
            #expect(answer.status == 200)
            #expect(answer.body == [0, 1, 2, 0xFF, 0x3C, 0x3F])
            #expect(answer.header("Content-Type") == "application/octet-stream")
            #expect(answer.header("Content-Disposition") == "attachment; filename=\"vm.vbk\"")
            let empty = try await stack.call("DELETE", "/api/empty")
            #expect(empty.status == 204)
            #expect(empty.body.isEmpty)
            // An XML content type with nothing in it: EM did the change; no 502.
            let accepted = try await stack.call("POST", "/api/emptyxml")
            #expect(accepted.status == 202)
            #expect(accepted.body.isEmpty)
        }
    }

    @Test("EM silent past the idle timeout: 504")
    func slow() async throws {
        try await withHostile(configure: { $0.upstream.idleTimeout = .milliseconds(500) }) { stack in
            let answer = try await stack.call("GET", "/api/slow")
            #expect(answer.status == 504)
            #expect(try answer.json()["Status"] as? String == "GatewayTimeout")
        }
    }

    @Test("EM breaking off a small answer: 502")
    func truncatedSmall() async throws {
        try await withHostile { stack in
            let answer = try await stack.call("GET", "/api/truncated")
            #expect(answer.status == 502)
        }
    }

    @Test(
        "EM breaking off a large answer after streaming began: the client's response is aborted, never complete-looking; logged and counted"
    )
    func truncatedLarge() async throws {
        let capture = LogCapture()
        try await HostileUpstream.with { port in
            try await DemoStack.with(
                configure: {
                    $0.upstreamBaseURL = "http://127.0.0.1:\(port)"
                    $0.contentLengthThreshold = 4096
                }, gatewayLogger: capture.logger()
            ) { stack in
                await #expect(throws: UpstreamError.self) {
                    _ = try await stack.call("GET", "/api/truncated?large=1")
                }
                // The abort is reported after the client saw the connection close: poll for it.
                var metrics = ""
                for _ in 0..<100 {
                    metrics = try await stack.call("GET", "/metrics").text
                    if metrics.contains(#"outcome="upstream_cut""#) { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(metrics.contains(#"em_gateway_upstream_errors_total{code="connectionReset"} 1"#), "\(metrics)")
                #expect(capture.all.contains { $0.contains("response aborted mid-body") && $0.contains("connectionReset") })
                // The status line said 200; the count and the access line say how it ended.
                #expect(
                    metrics.contains(
                        #"em_gateway_requests_total{route="/api/{undocumented}",method="GET",status="200",outcome="upstream_cut"} 1"#))
                #expect(capture.all.contains { $0.contains("GET /api/{undocumented} 200") && $0.contains(#""outcome": upstream_cut"#) })
            }
        }
    }

    @Test("/readyz checks EM again when its last result is stale, not only on the background interval")
    func freshReadiness() async throws {
        let probe = try await HostileUpstream.with { port in
            try await withUpstreamClient { client in
                let probe = UpstreamProbe(
                    upstreamBaseURL: "http://127.0.0.1:\(port)", client: client, interval: .seconds(3600), logger: .init(label: "t"))
                #expect(probe.state == .unknown)
                #expect(await probe.freshState() == .ready)
                return probe
            }
        }
        // The upstream and its client are gone: a cached answer stays until it is stale.
        #expect(await probe.freshState(maxAge: .seconds(3600)) == .ready)
        #expect(await probe.freshState(maxAge: .zero) == .unreachable)
    }

    @Test("past the upstream cap: 503 with Retry-After, nothing forwarded")
    func concurrencyCap() async throws {
        try await HostileUpstream.withArrivals { port, arrivals, gate in
            try await DemoStack.with(configure: {
                $0.upstreamBaseURL = "http://127.0.0.1:\(port)"
                $0.maxConcurrentUpstreamRequests = 1
            }) { stack in
                // The slow request holds the only permit until the gate opens (30 s at most).
                let slow = Task { try await stack.call("GET", "/api/slow?seconds=30") }
                // Wait until the slow request is in flight at the upstream (it holds the only permit).
                _ = try await withTimeout { await arrivals.first { _ in true } }
                let refused = try await stack.call("GET", "/api/echo")
                #expect(refused.status == 503)
                #expect(refused.header("Retry-After") == "1")
                #expect(try refused.json()["Status"] as? String == "ServiceUnavailable")
                await gate.open()
                #expect(try await slow.value.status == 200)
                #expect(try await stack.call("GET", "/api/echo").status == 200)
            }
        }
    }

    @Test("request headers: hop-by-hop, Host, Accept, cookies and Forwarded never go up; the token goes up once, as a header")
    func headerPolicy() async throws {
        try await withHostile { stack in
            let answer = try await stack.call(
                "GET", "/api/echo?filter=JobName%3d%3d%22A%22&B=c%2Fd",
                headers: [
                    .init(name: "Cookie", value: "X-RestSvcSessionId=from-cookie; other=1"),
                    .init(name: "Connection", value: "X-Custom"),
                    .init(name: "X-Custom", value: "secret"),
                    .init(name: "X-Forwarded-For", value: "10.0.0.1"),
                    .init(name: "Accept", value: "application/json"),
                    .init(name: "X-Other", value: "kept"),
                ])
            #expect(answer.status == 200)
            let echo = try answer.json()
            #expect(echo["Target"] as? String == "/api/echo?filter=JobName%3d%3d%22A%22&B=c%2Fd")
            let headers = Dictionary(
                ((echo["Header"] as? [[String: Any]]) ?? []).map { (($0["Name"] as? String) ?? "", ($0["Value"] as? String) ?? "") },
                uniquingKeysWith: { a, b in a + "," + b })
            #expect(headers["accept"] == "application/xml")
            #expect(headers["cookie"] == nil)
            #expect(headers["x-custom"] == nil)
            #expect(headers["x-forwarded-for"] == nil)
            #expect(headers["x-other"] == "kept")
            #expect(headers["x-restsvcsessionid"] == "from-cookie")
            #expect(
                echo["Authority"] as? String != URL(string: stack.gatewayURL)?.host.map { "\($0):\(URL(string: stack.gatewayURL)!.port!)" })
            #expect((echo["Authority"] as? String)?.hasPrefix("127.0.0.1:") == true)

            let both = try await stack.call(
                "GET", "/api/echo",
                headers: [.init(name: "Cookie", value: "X-RestSvcSessionId=stale"), .init(name: "X-RestSvcSessionId", value: "fresh")])
            let bothHeaders = ((try both.json()["Header"] as? [[String: Any]]) ?? []).filter {
                $0["Name"] as? String == "x-restsvcsessionid"
            }
            #expect(bothHeaders.count == 1)
            #expect(bothHeaders.first?["Value"] as? String == "fresh")
        }
    }

    @Test("a form-encoded POST with an empty body goes up bodyless; an XML body passes through unchanged")
    func bodies() async throws {
        try await withHostile { stack in
            let form = try await stack.call(
                "POST", "/api/echo", headers: [.init(name: "Content-Type", value: "application/x-www-form-urlencoded")])
            let formHeaders = (try form.json()["Header"] as? [[String: Any]]) ?? []
            #expect(!formHeaders.contains { $0["Name"] as? String == "content-type" })
            #expect(formHeaders.contains { $0["Name"] as? String == "content-length" && $0["Value"] as? String == "0" })
            let xml = #"<JobCloneSpec xmlns="http://www.veeam.com/ent/v1.0"><JobName>copy &amp; paste</JobName></JobCloneSpec>"#
            let echoed = try await stack.call(
                "POST", "/api/echo",
                headers: [.init(name: "Content-Type", value: "application/xml"), .init(name: "Accept", value: "application/json")],
                body: xml)
            #expect(try echoed.json()["Body"] as? String == xml)
        }
    }

    @Test("an upstream that answers but is not EM is detected; /readyz reports an unreachable one")
    func probe() async throws {
        try await HostileUpstream.with(notEM: true) { port in
            try await withUpstreamClient { client in
                let probe = UpstreamProbe(
                    upstreamBaseURL: "http://127.0.0.1:\(port)", client: client, timeout: .seconds(60), logger: .init(label: "t"))
                #expect(await probe.check() == .notEnterpriseManager)
            }
        }
        try await HostileUpstream.with { port in
            try await withUpstreamClient { client in
                // A generous timeout: this one must not depend on the machine's load.
                let probe = UpstreamProbe(
                    upstreamBaseURL: "http://127.0.0.1:\(port)", client: client, timeout: .seconds(60), logger: .init(label: "t"))
                #expect(await probe.check() == .ready)
            }
        }
        // A frozen EM (accepts, reads, never answers): unreachable after the probe's timeout,
        // well before the upstream idle timeout (60 s) would end the transfer.
        let frozen = try RawSocketServer { _ in .init([], holdOpen: true) }
        defer { frozen.stop() }
        try await withTimeout(60) {
            try await withUpstreamClient { client in
                let probe = UpstreamProbe(
                    upstreamBaseURL: "http://127.0.0.1:\(frozen.port)", client: client, timeout: .milliseconds(500),
                    logger: .init(label: "t"))
                #expect(await probe.check() == .unreachable)
            }
        }
        try await DemoStack.with(configure: { $0.upstreamBaseURL = "http://127.0.0.1:1" }) { stack in
            let ready = try await stack.readiness()
            #expect(ready.status == 503)
            #expect(ready.text == #"{"status":"unreachable"}"#)
        }
        try await DemoStack.with { stack in
            let ready = try await stack.readiness()
            #expect(ready.status == 200)
            #expect(ready.text == #"{"status":"ready"}"#)
        }
    }
}
