import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import Logging
import NIOSSL
import Testing

/// The simulator serving HTTPS, as EM does, with the gateway verifying it (CA file, pin).
@Suite("Simulator over HTTPS")
struct SimulatorTLSTests {
    static func simulator() throws -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.tls = try TLSTests.serverTLS()
        return configuration
    }

    @Test("gateway → simulator over HTTPS, verified with --upstream-ca, and with a pinned key")
    func verified() async throws {
        for pin in [nil, TLSTests.pin] {
            try await DemoStack.with(
                configure: {
                    $0.upstream.tls.caFile = TLSTests.fixture("ca.pem")
                    $0.upstream.tls.pinnedPublicKey = pin
                }, simulator: try Self.simulator()
            ) { stack in
                #expect(stack.simulatorURL.hasPrefix("https://"))
                #expect(try await stack.readiness().status == 200)
                let token = try await stack.logOn()
                let answer = try await stack.call("GET", "/api/backupServers", headers: [DemoStack.session(token)])
                #expect(answer.status == 200)
                #expect(answer.text.contains(stack.gatewayURL))
            }
        }
    }

    @Test("without the CA, or with a wrong pin, the gateway refuses the simulator's certificate: 502")
    func refused() async throws {
        let configurations: [@Sendable (inout GatewayConfiguration) -> Void] = [
            { _ in },
            {
                $0.upstream.tls.caFile = TLSTests.fixture("ca.pem")
                $0.upstream.tls.pinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            },
        ]
        for configure in configurations {
            try await DemoStack.with(configure: configure, simulator: try Self.simulator()) { stack in
                let answer = try await stack.call("POST", "/api/sessionMngr/?v=latest", headers: [DemoStack.basic("demo", "demo")])
                #expect(answer.status == 502)
                #expect(try answer.json()["StatusCode"] as? Int == 502)
            }
        }
    }

    @Test("a certificate that cannot be used is reported when the simulator is made, not at run time")
    func badConfiguration() throws {
        var configuration = SimulatorConfiguration()
        // The fixture's certificate with some other key.
        let otherKey = try SelfSignedCertificate().privateKeyPEM
        configuration.tls = .makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(TLSTests.fixture("server.pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(otherKey.utf8), format: .pem)))
        #expect(throws: (any Error).self) {
            _ = try Simulator.makeApplication(configuration: configuration, host: "127.0.0.1", port: 0, logger: .init(label: "x")) { _ in }
        }
    }
}
