import EMGateway
import EMUpstream
import Foundation
import NIOCore
import TestSupport
import Testing

/// `/metrics` as an operator reads it: every family explained, the process and the build
/// described, the upstream cap visible, and streamed answers counted by how they ended.
@Suite("Metrics exposition")
struct MetricsExpositionTests {
    /// The families of a Prometheus text exposition: those with `# HELP`, those with `# TYPE`,
    /// and the families of the samples (histogram series folded into their family).
    struct Exposition {
        var helped: Set<String> = []
        var typed: Set<String> = []
        var sampled: Set<String> = []
        var values: [String: Double] = [:]

        init(_ text: String) {
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if line.hasPrefix("# HELP "), words.count > 3 {
                    helped.insert(String(words[2]))
                } else if line.hasPrefix("# TYPE "), words.count == 4 {
                    typed.insert(String(words[2]))
                } else if !line.hasPrefix("#"), let series = words.first {
                    let name = String(series.prefix { $0 != "{" })
                    sampled.insert(name)
                    if let last = words.last, let value = Double(last) { values[String(series)] = value }
                }
            }
        }

        /// The family a sample belongs to: histogram series end in `_bucket`, `_sum`, `_count`.
        func family(of sample: String) -> String {
            for suffix in ["_bucket", "_sum", "_count"] where sample.hasSuffix(suffix) {
                let base = String(sample.dropLast(suffix.count))
                if typed.contains(base) { return base }
            }
            return sample
        }
    }

    static func metrics(_ gatewayURL: String) async throws -> String {
        try await withUpstreamClient { client in
            try await withTimeout {
                let response = try await client.execute(UpstreamRequest(method: "GET", url: gatewayURL + "/metrics"))
                return String(buffer: try await response.body.collect(upTo: 4 << 20))
            }
        }
    }

    @Test("every family has # HELP and # TYPE; process metrics, the build's version and the upstream cap are shown")
    func familiesExplained() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let version = try String(contentsOf: root.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try await DemoStack.with(configure: { $0.maxConcurrentUpstreamRequests = 7 }) { stack in
            let token = try await stack.logOn()
            _ = try await stack.call("GET", "/api/jobs", headers: [DemoStack.session(token)])
            let text = try await stack.call("GET", "/metrics").text
            let exposition = Exposition(text)
            #expect(exposition.typed.count > 10)
            #expect(exposition.helped == exposition.typed, "families without # HELP: \(exposition.typed.subtracting(exposition.helped))")
            for sample in exposition.sampled {
                #expect(exposition.typed.contains(exposition.family(of: sample)), "\(sample) has no # TYPE")
            }
            #expect(exposition.values["em_gateway_build_info{version=\"\(version)\"}"] == 1, "\(text)")
            #expect(exposition.values["em_gateway_upstream_requests_limit"] == 7)
            #expect(exposition.values["em_gateway_upstream_requests_in_flight"] == 0)
            #if os(Linux)
                #expect((exposition.values["process_resident_memory_bytes"] ?? 0) > Double(1 << 20))
                #expect((exposition.values["process_open_fds"] ?? 0) > 3)
                #expect((exposition.values["process_cpu_seconds_total"] ?? -1) >= 0)
                let now = Date().timeIntervalSince1970
                let start = try #require(exposition.values["process_start_time_seconds"])
                #expect(start <= now + 1 && start > now - 86_400, "started \(start), now \(now)")
            #endif
        }
    }

    @Test("a streaming answer holds a share of the upstream cap until its end, and is counted complete then")
    func inFlightWhileStreaming() async throws {
        let events = StreamingEvents()
        try await StreamingUpstream.withGateway(events: events, configure: { $0.maxConcurrentUpstreamRequests = 3 }) { gatewayURL in
            try await withUpstreamClient { client in
                try await withTimeout {
                    let response = try await client.execute(UpstreamRequest(method: "GET", url: gatewayURL + "/api/pausing"))
                    var iterator = response.body.makeAsyncIterator()
                    _ = try await iterator.next()
                    // EM waits mid-body: the request is in flight, its outcome not known yet.
                    let during = Exposition(try await Self.metrics(gatewayURL))
                    #expect(during.values["em_gateway_upstream_requests_in_flight"] == 1)
                    #expect(during.values["em_gateway_upstream_requests_limit"] == 3)
                    #expect(!during.sampled.contains("em_gateway_requests_total"))
                    events.record("resume upstream")
                    while try await iterator.next() != nil {}
                }
            }
            let after = try await Self.metrics(gatewayURL)
            #expect(
                after.contains(#"em_gateway_requests_total{route="/api/{undocumented}",method="GET",status="200",outcome="complete"} 1"#))
            #expect(Exposition(after).values["em_gateway_upstream_requests_in_flight"] == 0)
        }
    }

    @Test("a download the client abandons keeps its status and is counted and logged as client_closed")
    func abandonedDownload() async throws {
        let events = StreamingEvents()
        let capture = LogCapture()
        try await StreamingUpstream.withGateway(events: events, gatewayLogger: capture.logger()) { gatewayURL in
            let port = try #require(URL(string: gatewayURL)?.port)
            let received = try await RawSocket.readThenHangUp(port: port, target: "/api/endless", bytes: 5 << 18) {
                events.record("client hung up")
            }
            #expect(String(decoding: received.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
            let access = try await withTimeout {
                while true {
                    if let line = capture.all.first(where: { $0.contains("GET /api/{undocumented} 200") }) { return line }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            #expect(access.contains(#""outcome": client_closed"#), "\(access)")
            let text = try await Self.metrics(gatewayURL)
            #expect(
                text.contains(
                    #"em_gateway_requests_total{route="/api/{undocumented}",method="GET",status="200",outcome="client_closed"} 1"#),
                "\(text)")
            #expect(!text.contains(#"route="/api/{undocumented}",method="GET",status="200",outcome="complete""#))
        }
    }
}
