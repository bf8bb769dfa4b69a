import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Testing

/// The page at `/`: the mode, version and readiness, and a first curl session that works in that
/// mode (the tests run the session the page shows with bash and curl against the live stack).
@Suite("Home page")
struct HomePageTests {
    /// The shell session shown in the page's `<pre id="session">`, with HTML references undone.
    static func session(_ page: String) throws -> String {
        let start = try #require(page.range(of: "<pre id=\"session\">\n"))
        let end = try #require(page.range(of: "</pre>", range: start.upperBound..<page.endIndex))
        return String(page[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Runs `script` with bash on a thread of its own (not the test's executor), with
    /// `environment` added; returns its exit status and standard output.
    static func bash(_ script: String, environment: [String: String] = [:]) async throws -> (status: Int32, out: String) {
        try await onThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-euo", "pipefail", "-c", script]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let bytes = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The sessions the simulator holds, asked of it directly by a new logon as demo (counted).
    static func sessionCount(_ stack: DemoStack) async throws -> Int {
        let logon = try await stack.call(
            "POST", stack.simulatorURL + "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
        let token = try #require(logon.header("X-RestSvcSessionId"))
        let list = try await stack.call("GET", stack.simulatorURL + "/api/logonSessions", headers: [DemoStack.session(token)])
        return list.text.components(separatedBy: "<LogonSession ").count - 1
    }

    @Test("pass-through: the mode, version and readiness; no demo credentials; the session shown logs on, lists jobs and logs off")
    func passThrough() async throws {
        try await DemoStack.with { stack in
            // The page shows the last check of EM, the one /readyz just made.
            let readiness = try #require(try await stack.readiness().json()["status"] as? String)
            let page = try await stack.call("GET", "/")
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.text.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(page.text.contains(#"<dd id="mode">pass-through"#))
            #expect(page.text.contains(#"<dd id="version">\#(Gateway.version)</dd>"#))
            #expect(page.text.contains(#"<a href="/readyz">\#(readiness)</a>"#))
            #expect(page.text.contains(#"href="/openapi-3.1.json""#))
            #expect(!page.text.contains("demo:demo") && !page.text.contains("0bcf5a1e"), "the demo's parts stay in --demo")
            let session = try Self.session(page.text)
            #expect(session.contains("'\(stack.gatewayURL)/api/jobs'"))
            let before = try await Self.sessionCount(stack)
            let run = try await Self.bash(session, environment: ["EM_USER": "demo", "EM_PASSWORD": "demo"])
            #expect(run.status == 0)
            let jobs = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any], "\(run.out)")
            #expect(jobs["Refs"] != nil, "\(jobs.keys)")
            // Counting logs on once more; the shown session left none of its own behind.
            #expect(try await Self.sessionCount(stack) == before + 1, "the session logged off what it logged on")
        }
    }

    @Test("demo: the demo's accounts and seed resource, and its session works as shown")
    func demo() async throws {
        try await DemoStack.with(configure: { $0.demo = true }) { stack in
            let page = try await stack.call("GET", "/")
            #expect(page.text.contains(#"<dd id="mode">demo"#))
            let session = try Self.session(page.text)
            #expect(session.contains("-u demo:demo '\(stack.gatewayURL)/api/sessionMngr/?v=latest'"))
            #expect(session.contains("viewer/viewer"))
            let run = try await Self.bash(session)
            #expect(run.status == 0)
            #expect(run.out.contains(#""ReplicaSessions"#) || run.out.contains(#""Refs""#), "\(run.out.prefix(300))")
            #expect(run.out.contains("0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b"))
        }
    }

    @Test("service account: no logon step (it answers 403 there); the bearer call shown works with the token set")
    func serviceAccount() async throws {
        try await DemoStack.with(
            configure: { ServiceAccountTests.serviceMode(&$0) }, simulator: ServiceAccountTests.simulator()
        ) { stack in
            let page = try await stack.call("GET", "/")
            #expect(page.text.contains(#"<dd id="mode">service account"#))
            let session = try Self.session(page.text)
            #expect(!session.contains("sessionMngr") && !session.contains("demo"))
            #expect(session.contains("Authorization: Bearer $TOKEN"))
            let run = try await Self.bash(session, environment: ["TOKEN": ServiceAccountTests.token])
            #expect(run.status == 0)
            let jobs = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any], "\(run.out)")
            #expect(jobs["Refs"] != nil)
        }
    }

    @Test("what comes from the configuration or the request is HTML-escaped")
    func escaping() async throws {
        try await DemoStack.with(configure: { $0.publicBaseURL = "https://gw.example/a<b>&\"'" }) { stack in
            let page = try await stack.call("GET", "/").text
            #expect(!page.contains("<b>") && !page.contains("a<b"))
            #expect(page.contains("https://gw.example/a&lt;b&gt;&amp;&quot;&#39;/api/jobs"))
        }
    }

    @Test("README's curl session runs as written against the demo, the gateway's URL in place of 127.0.0.1:8080")
    func readmeSession() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## A session with curl\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        try await DemoStack.with(configure: { $0.demo = true }) { stack in
            let run = try await Self.bash(block.replacingOccurrences(of: "http://127.0.0.1:8080", with: stack.gatewayURL))
            #expect(run.status == 0)
            #expect(run.out.contains(#""Type":"ReplicaJobSession""#), "\(run.out.prefix(300))")
            #expect(run.out.contains(#""Type":"BackupServer""#), "the followed link answered")
        }
    }
}
