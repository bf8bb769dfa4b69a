import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The binary run as docker/Dockerfile's image, docker/compose.yaml's services and
/// deploy/kubernetes's pod would run it: with the environment, files and volumes they give it.
@Suite("Containers and pods")
struct ContainerRunTests {
    /// `config check`'s lines by key: the value and its source.
    static func settings(_ out: String) -> [String: (value: String, source: String)] {
        var settings: [String: (String, String)] = [:]
        for line in out.split(separator: "\n") {
            guard let space = line.firstIndex(of: " "), let open = line.range(of: "  (", options: .backwards) else { continue }
            let value = line[space..<open.lowerBound].trimmingCharacters(in: .whitespaces)
            settings[String(line[..<space])] = (value, String(line[open.upperBound...].dropLast()))
        }
        return settings
    }

    static var testCA: String {
        get throws { try String(contentsOfFile: TLSTests.fixture("ca.pem"), encoding: .utf8) }
    }

    static func seconds(_ text: String?) throws -> Double { try #require(text.flatMap { Double($0) }) }

    @Test("the Kubernetes pod as shipped: no service links, the ConfigMap's settings (listen too), the CA the Secret holds")
    func kubernetesPod() throws {
        let pod = try KubernetesPod.load()
        let enablesServiceLinks = try pod.enablesServiceLinks
        #expect(enablesServiceLinks == false, "enableServiceLinks: false")
        let container = try pod.start(secrets: ["em-ca.pem": try Self.testCA])
        defer { container.remove() }
        #expect(!container.environment.keys.contains { $0.hasPrefix("EM_GATEWAY_SERVICE") })
        let check = try container.run(["config", "check"])
        #expect(check.status == 0, "\(check.err)")
        let settings = Self.settings(check.out)
        let configFile = container.path("/etc/em-gateway/config.yaml")
        #expect(settings["listen"]?.value == "0.0.0.0:8080")
        #expect(settings["listen"]?.source == "\(configFile): listen", "the ConfigMap's listen, not the image's")
        #expect(settings["upstream.ca"]?.value == container.path("/run/secrets/em-gateway/em-ca.pem"))

        // terminationGracePeriodSeconds covers the drain, the shutdown limit and the 3 s after it.
        let grace = try #require(try pod.podSpec["terminationGracePeriodSeconds"] as? Int)
        let drain = try Self.seconds(settings["shutdown-drain-delay"]?.value)
        let limit = try Self.seconds(settings["shutdown-timeout"]?.value)
        #expect(Double(grace) > drain + limit + 3, "grace \(grace) s, drain \(drain) s, limit \(limit) s")
        let lifecycle = try pod.container["lifecycle"] as? [String: Any]
        #expect(lifecycle?["preStop"] == nil, "no preStop sleep on top of the drain")

        // The Secret's placeholder is no CA: refused at start rather than a 502 on every request.
        let placeholder = try pod.start()
        defer { placeholder.remove() }
        let refused = try placeholder.run(["config", "check"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("--upstream-ca") && refused.err.contains("holds no PEM certificate"), "\(refused.err)")
    }

    @Test("with service links (a pod without enableServiceLinks: false) the gateway starts; EM_GATEWAY_PORT=9090 is still an error")
    func serviceLinks() throws {
        let pod = try KubernetesPod.load()
        let container = try pod.start(serviceLinks: true, secrets: ["em-ca.pem": try Self.testCA])
        defer { container.remove() }
        let links = try pod.serviceLinkVariables()
        for name in [
            "EM_GATEWAY_SERVICE_HOST", "EM_GATEWAY_SERVICE_PORT", "EM_GATEWAY_SERVICE_PORT_HTTP", "EM_GATEWAY_PORT",
            "EM_GATEWAY_PORT_80_TCP_ADDR",
        ] {
            #expect(links[name] != nil && container.environment[name] == links[name], "\(name) injected")
        }
        let check = try container.run(["config", "check"])
        #expect(check.status == 0, "\(check.err)")
        #expect(Self.settings(check.out)["listen"]?.value == "0.0.0.0:8080")

        // A setting's mistake shaped like no service link is reported, naming a close setting.
        let port = try container.run(["config", "check"], extra: ["EM_GATEWAY_PORT": "9090"])
        #expect(port.status == 64)
        #expect(port.err.contains("unknown environment variable EM_GATEWAY_PORT "), "\(port.err)")
        let typo = try container.run(["config", "check"], extra: ["EM_GATEWAY_UPSTREAM_UR": "https://em:9398"])
        #expect(typo.status == 64)
        #expect(typo.err.contains("EM_GATEWAY_UPSTREAM_UR (did you mean EM_GATEWAY_UPSTREAM_URL?"), "\(typo.err)")
        let wrongShape = try container.run(["config", "check"], extra: ["EM_GATEWAY_SERVICE_HOST": "em-gateway.default.svc"])
        #expect(wrongShape.status == 64)
    }

    @Test("the image's listen address yields to a mounted config file, and its HEALTHCHECK follows the file's port and TLS")
    func imageHealthcheck() async throws {
        var container = try ContainerEnvironment.image()
        defer { container.remove() }
        #expect(
            container.environment.keys.allSatisfy { $0 == "EM_GATEWAY_CONFIG" },
            "the image's defaults are its config file: \(container.environment)")
        let defaults = try container.run(["config", "check", "--demo"])
        #expect(defaults.status == 0, "\(defaults.err)")
        #expect(Self.settings(defaults.out)["listen"]?.value == "0.0.0.0:8080")
        let dockerfile = try String(
            contentsOf: ContainerEnvironment.repository.appendingPathComponent("docker/Dockerfile"), encoding: .utf8)
        #expect(!dockerfile.contains(" curl"), "curl is not in the image")

        for (index, tls) in [false, true].enumerated() {
            let port = try ContainerEnvironment.freePort()
            try container.mount(
                "/etc/em-gateway",
                files: ["config.yaml": "listen: 127.0.0.1:\(port)\nshutdown-drain-delay: 0\n" + (tls ? "tls:\n  self-signed: true\n" : "")])
            // The image's CMD: serve --demo.
            let (process, first, _) = try await container.start(["serve", "--demo"])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            #expect(first == "em-gateway listening on \(tls ? "https" : "http")://127.0.0.1:\(port)", "run \(index)")
            let healthy = try container.runHealthcheck()
            #expect(healthy.status == 0, "\(healthy.err)")
            #expect(healthy.out.contains("/healthz answered 200"))
            process.terminate()
            try await withTimeout(60) { process.waitUntilExit() }
            #expect(process.terminationStatus == 0)
            let gone = try container.runHealthcheck()
            #expect(gone.status == 1)
            #expect(gone.err.contains("em-gateway: error: health:"))
        }
    }

    @Test("compose: both services start from the image's config file and stop within their grace period")
    func composeServices() throws {
        let compose = try #require(try DeploymentFilesTests.documents("docker/compose.yaml").first)
        let services = try #require(compose["services"] as? [String: Any])
        for name in ["demo", "gateway"] {
            let service = try #require(services[name] as? [String: Any])
            var container = try ContainerEnvironment.image()
            defer { container.remove() }
            for (key, value) in service["environment"] as? [String: Any] ?? [:] {
                let raw = value as? String ?? ""
                // ${NAME:-default} as compose fills it from an empty shell; required ones get an example.
                let fallback = raw.range(of: ":-").map { String(raw[$0.upperBound..<raw.index(before: raw.endIndex)]) } ?? raw
                container.environment[key] = key == "EM_GATEWAY_UPSTREAM_URL" ? "https://em.example.local:9398" : fallback
            }
            let command = try #require(service["command"] as? [String])
            let check = try container.run(["config", "check"] + command.dropFirst())
            #expect(check.status == 0, "\(name): \(check.err)")
            #expect(Self.settings(check.out)["listen"]?.value == "0.0.0.0:8080", "\(name)")
            let grace = try #require(service["stop_grace_period"] as? String, "\(name): stop_grace_period")
            #expect(try Self.seconds(String(grace.dropLast())) >= 5 + 25 + 3, "\(name): drain + shutdown limit + 3 s")
        }
    }

    @Test("the manifest's image is tagged with VERSION, under a registry to push it to")
    func imageTag() throws {
        let version = try String(contentsOf: ContainerEnvironment.repository.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let image = try #require(try KubernetesPod.load().container["image"] as? String)
        #expect(image.hasSuffix("/em-gateway:\(version)"), "\(image)")
        let registry = image.split(separator: "/").first.map(String.init) ?? ""
        #expect(registry.contains("."), "a registry host prefix: \(image)")
        let manifest = try String(
            contentsOf: ContainerEnvironment.repository.appendingPathComponent("deploy/kubernetes/em-gateway.yaml"), encoding: .utf8)
        #expect(manifest.contains("docker push \(image)"), "the manifest says where to push the image")
    }
}
