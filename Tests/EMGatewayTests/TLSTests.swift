import EMGateway
import EMUpstream
import Foundation
import NIOSSL
import Testing

/// HTTPS on both sides: the gateway serving TLS, and EM behind TLS (verification on by
/// default, a CA file, a pinned public key, an explicit insecure mode).
@Suite("TLS")
struct TLSTests {
    static func fixture(_ name: String) -> String { Fixtures.directory.appendingPathComponent("tls/\(name)").path }
    static var pin: String {
        "sha256//" + (try! String(contentsOfFile: fixture("server.pin"), encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    static func serverTLS() throws -> TLSConfiguration {
        try ServerTLS.configuration(certificateFile: fixture("server.pem"), keyFile: fixture("server.key"))
    }

    @Test("the gateway serves HTTPS from PEM files; clients verify it with the CA, or pin its key")
    func gatewayServesHTTPS() async throws {
        let tls = try Self.serverTLS()
        try await DemoStack.with(configure: { $0.tls = tls }) { stack in
            #expect(stack.gatewayURL.hasPrefix("http://"))
            let url = stack.gatewayURL.replacingOccurrences(of: "http://", with: "https://") + "/healthz"
            var verified = UpstreamClient.Configuration()
            verified.tls.caFile = Self.fixture("ca.pem")
            try await withUpstreamClient(configuration: verified) { client in
                let answer = try await client.execute(UpstreamRequest(method: "GET", url: url))
                #expect(answer.status == 200)
                _ = try await answer.body.collect(upTo: 1024)
                let logon = try await client.execute(
                    UpstreamRequest(
                        method: "POST", url: url.replacingOccurrences(of: "/healthz", with: "/api/sessionMngr/?v=latest"),
                        headers: [DemoStack.basic("demo", "demo")]))
                #expect(logon.status == 201)
                #expect(logon.header("Set-Cookie")?.hasSuffix("; Secure") == true)
                #expect(logon.header("Location")?.hasPrefix("https://127.0.0.1:") == true)
            }
            var pinned = verified
            pinned.tls.pinnedPublicKey = Self.pin
            try await withUpstreamClient(configuration: pinned) { client in
                let answer = try await client.execute(UpstreamRequest(method: "GET", url: url))
                #expect(answer.status == 200)
            }
            var wrongPin = verified
            wrongPin.tls.pinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            _ = try await withUpstreamClient(configuration: wrongPin) { client in
                await #expect(throws: UpstreamError(.tls, message: "")) {
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: url))
                }
            }
            _ = try await withUpstreamClient { client in
                await #expect(throws: UpstreamError(.tls, message: "")) {
                    _ = try await client.execute(UpstreamRequest(method: "GET", url: url))
                }
            }
        }
    }

    @Test("a generated self-signed pair serves HTTPS")
    func selfSigned() async throws {
        let tls = try SelfSignedCertificate(hosts: ["127.0.0.1"]).serverConfiguration()
        try await DemoStack.with(configure: { $0.tls = tls }) { stack in
            let url = stack.gatewayURL.replacingOccurrences(of: "http://", with: "https://") + "/healthz"
            var insecure = UpstreamClient.Configuration()
            insecure.tls.verifyPeer = false
            try await withUpstreamClient(configuration: insecure) { client in
                let answer = try await client.execute(UpstreamRequest(method: "GET", url: url))
                #expect(answer.status == 200)
            }
        }
    }

    @Test("EM behind TLS: verified with --upstream-ca, refused without it (502), pinned, or explicitly insecure")
    func upstreamTLS() async throws {
        let tls = try Self.serverTLS()
        try await HostileUpstream.with(tls: tls) { port in
            let base = "https://127.0.0.1:\(port)"
            try await DemoStack.with(configure: {
                $0.upstreamBaseURL = base
                $0.upstream.tls.caFile = Self.fixture("ca.pem")
                $0.upstream.tls.pinnedPublicKey = Self.pin
            }) { stack in
                let answer = try await stack.call("GET", "/api/echo")
                #expect(answer.status == 200)
            }
            try await DemoStack.with(configure: { $0.upstreamBaseURL = base }) { stack in
                let refused = try await stack.call("GET", "/api/echo")
                #expect(refused.status == 502)
                #expect(try refused.json()["Message"] as? String == "The TLS connection to Enterprise Manager failed.")
            }
            try await DemoStack.with(configure: {
                $0.upstreamBaseURL = base
                $0.upstream.tls.caFile = Self.fixture("ca.pem")
                $0.upstream.tls.pinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            }) { stack in
                let answer = try await stack.call("GET", "/api/echo")
                #expect(answer.status == 502)
            }
            try await DemoStack.with(configure: {
                $0.upstreamBaseURL = base
                $0.upstream.tls.verifyPeer = false
            }) { stack in
                let answer = try await stack.call("GET", "/api/echo")
                #expect(answer.status == 200)
            }
        }
    }
}
