import Foundation
import Testing
import Yams

@testable import EMGateway
@testable import em_gateway

/// `deploy/kubernetes/em-gateway.yaml` and `docker/compose.yaml`: the structure
/// `kubectl apply --dry-run=client` and `docker compose config` require, and settings the gateway accepts.
@Suite("Deployment files")
struct DeploymentFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func documents(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try Yams.load_all(yaml: text).map { try #require($0 as? [String: Any]) }
    }

    /// The manifest's documents by kind, each checked for its API version and a DNS-1123 name.
    static func kubernetesDocuments() throws -> [String: [String: Any]] {
        let apiVersions = ["Deployment": "apps/v1", "Ingress": "networking.k8s.io/v1"]
        var byKind: [String: [String: Any]] = [:]
        for document in try Self.documents("deploy/kubernetes/em-gateway.yaml") {
            let kind = try #require(document["kind"] as? String)
            #expect(document["apiVersion"] as? String == apiVersions[kind, default: "v1"])
            let metadata = try #require(document["metadata"] as? [String: Any])
            let name = try #require(metadata["name"] as? String)
            #expect(name.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) != nil, "DNS-1123 name \(name)")
            byKind[kind] = document
        }
        return byKind
    }

    @Test("the Kubernetes manifest: ConfigMap, Secret, Deployment with probes, Service, Ingress, all cross-references resolving")
    func kubernetesManifest() async throws {
        let byKind = try Self.kubernetesDocuments()
        #expect(Set(byKind.keys) == ["ConfigMap", "Secret", "Deployment", "Service", "Ingress"])
        func name(_ kind: String) throws -> String { try #require((byKind[kind]?["metadata"] as? [String: Any])?["name"] as? String) }

        let deployment = try #require(byKind["Deployment"]?["spec"] as? [String: Any])
        #expect((deployment["replicas"] as? Int ?? 0) >= 2)
        let selector = try #require((deployment["selector"] as? [String: Any])?["matchLabels"] as? [String: String])
        let template = try #require(deployment["template"] as? [String: Any])
        let labels = try #require((template["metadata"] as? [String: Any])?["labels"] as? [String: String])
        #expect(!selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }, "selector matches the pod labels")
        let pod = try #require(template["spec"] as? [String: Any])
        let containers = try #require(pod["containers"] as? [[String: Any]])
        let container = try #require(containers.first)
        #expect(container["image"] is String && container["name"] is String)
        let ports = try #require(container["ports"] as? [[String: Any]])
        let portNames = Set(ports.compactMap { $0["name"] as? String })
        let portNumbers = Set(ports.compactMap { $0["containerPort"] as? Int })
        for (probe, path) in [("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")] {
            let get = try #require((container[probe] as? [String: Any])?["httpGet"] as? [String: Any], "\(probe)")
            #expect(get["path"] as? String == path)
            if let port = get["port"] as? String {
                #expect(portNames.contains(port))
            } else {
                let port = try #require(get["port"] as? Int)
                #expect(portNumbers.contains(port))
            }
        }
        // Volumes refer to the ConfigMap and the Secret; mounts refer to the volumes.
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        let configMapNames = volumes.compactMap { ($0["configMap"] as? [String: Any])?["name"] as? String }
        let secretNames = volumes.compactMap { ($0["secret"] as? [String: Any])?["secretName"] as? String }
        let configMapName = try name("ConfigMap")
        let secretName = try name("Secret")
        #expect(configMapNames == [configMapName])
        #expect(secretNames == [secretName])
        let volumeNames = Set(volumes.compactMap { $0["name"] as? String })
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        #expect(mounts.allSatisfy { volumeNames.contains($0["name"] as? String ?? "") })

        let service = try #require(byKind["Service"]?["spec"] as? [String: Any])
        let serviceSelector = try #require(service["selector"] as? [String: String])
        #expect(serviceSelector.allSatisfy { labels[$0.key] == $0.value })
        for port in try #require(service["ports"] as? [[String: Any]]) {
            if let target = port["targetPort"] as? String {
                #expect(portNames.contains(target))
            } else {
                let target = try #require(port["targetPort"] as? Int)
                #expect(portNumbers.contains(target))
            }
        }

        // The config file in the ConfigMap is one the gateway accepts, at the path EM_GATEWAY_CONFIG names.
        let environment = Dictionary(
            uniqueKeysWithValues: (container["env"] as? [[String: Any]] ?? []).compactMap { entry in
                (entry["name"] as? String).map { ($0, entry["value"] as? String ?? "") }
            })
        let configPath = try #require(environment["EM_GATEWAY_CONFIG"])
        let configVolume = try #require(volumes.first { volume in volume["configMap"] != nil }?["name"] as? String)
        let configMount = try #require(mounts.first { mount in (mount["name"] as? String) == configVolume })
        let mountPath = try #require(configMount["mountPath"] as? String)
        #expect(configPath.hasPrefix(mountPath + "/"))
        let data = try #require(byKind["ConfigMap"]?["data"] as? [String: String])
        let fileName = String(configPath.dropFirst(mountPath.count + 1))
        let config = try #require(data[fileName], "ConfigMap holds \(fileName)")
        try await ConfigurationTests.withFile(fileName, config) { path in
            var env = environment
            env["EM_GATEWAY_CONFIG"] = path
            let resolved = try await SettingSources(arguments: [], environment: env).resolve()
            #expect(resolved.configuration.listen.port == portNumbers.first)
            #expect(resolved.configuration.logFormat == .json)
        }
    }

    /// A Kubernetes memory quantity in bytes (`256Mi`, `300M`, `134217728`), or `nil` when it is none.
    static func bytes(ofQuantity quantity: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [
            ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000),
        ]
        for unit in units where quantity.hasSuffix(unit.suffix) {
            return Int(quantity.dropLast(unit.suffix.count)).map { $0 * unit.factor }
        }
        return Int(quantity)
    }

    @Test(
        "the Kubernetes manifest keeps a token on one replica (ingress-nginx hashes on the token header, the cookie field, Authorization) and its memory limit holds cache.max-bytes + 64 MB"
    )
    func kubernetesReplicasAndCache() async throws {
        let byKind = try Self.kubernetesDocuments()
        let ingress = try #require(byKind["Ingress"])
        let annotations = try #require((ingress["metadata"] as? [String: Any])?["annotations"] as? [String: String])
        let hashBy = try #require(annotations["nginx.ingress.kubernetes.io/upstream-hash-by"])
        // nginx names a request header field `$http_` + its name lower-cased, hyphens as underscores;
        // `$cookie_` variables cannot name a cookie with hyphens, so the whole Cookie field is hashed.
        let header = "$http_" + SessionToken.name.lowercased().replacingOccurrences(of: "-", with: "_")
        for variable in [header, "$http_cookie", "$http_authorization"] {
            #expect(hashBy.contains(variable), "upstream-hash-by \(hashBy) lacks \(variable)")
        }
        #expect(!hashBy.contains("$cookie_"), "upstream-hash-by \(hashBy): $cookie_ cannot name \(SessionToken.name)")

        // The Ingress sends its paths to the Service, on a port the Service names.
        let service = try #require(byKind["Service"])
        let serviceName = try #require((service["metadata"] as? [String: Any])?["name"] as? String)
        let servicePorts = Set(
            ((service["spec"] as? [String: Any])?["ports"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        let rules = try #require((ingress["spec"] as? [String: Any])?["rules"] as? [[String: Any]])
        let paths = rules.flatMap { (($0["http"] as? [String: Any])?["paths"] as? [[String: Any]]) ?? [] }
        #expect(!paths.isEmpty)
        for path in paths {
            let backend = try #require((path["backend"] as? [String: Any])?["service"] as? [String: Any])
            #expect(backend["name"] as? String == serviceName)
            #expect(servicePorts.contains((backend["port"] as? [String: Any])?["name"] as? String ?? ""))
        }

        // The config file sets cache.max-bytes itself, and the memory limit leaves room for it + 64 MB.
        let data = try #require(byKind["ConfigMap"]?["data"] as? [String: String])
        #expect(data.count == 1)
        let (fileName, config) = try #require(data.first)
        let file = try #require(try Yams.load(yaml: config) as? [String: Any])
        #expect((file["cache"] as? [String: Any])?["max-bytes"] != nil, "the config file sets cache.max-bytes")
        let maxBytes = try await ConfigurationTests.withFile(fileName, config) { path in
            try await SettingSources(arguments: [], environment: ["EM_GATEWAY_CONFIG": path]).resolve().configuration.gateway.cache.maxBytes
        }
        let pod = try #require(
            ((byKind["Deployment"]?["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let limits = try #require((container["resources"] as? [String: Any])?["limits"] as? [String: Any])
        let limit = try #require((limits["memory"] as? String).flatMap(Self.bytes(ofQuantity:)) ?? limits["memory"] as? Int)
        #expect(limit >= maxBytes + 64_000_000, "memory limit \(limit) B < cache.max-bytes \(maxBytes) B + 64 MB")
    }

    @Test("compose.yaml: a demo service, a real-EM profile, and only EM_GATEWAY_* names the gateway knows")
    func compose() async throws {
        let compose = try #require(try Self.documents("docker/compose.yaml").first)
        let services = try #require(compose["services"] as? [String: Any])
        let demo = try #require(services["demo"] as? [String: Any])
        #expect(demo["command"] as? [String] == ["serve", "--demo"])
        let gateway = try #require(services["gateway"] as? [String: Any])
        #expect(gateway["profiles"] as? [String] == ["em"])
        for service in [demo, gateway] {
            let build = try #require(service["build"] as? [String: Any])
            #expect(build["dockerfile"] as? String == "docker/Dockerfile")
            let environment = try #require(service["environment"] as? [String: Any])
            // Every variable set to a sample value is accepted (unknown names would be errors).
            let examples = [
                "EM_GATEWAY_UPSTREAM_URL": "https://em.example.local:9398", "EM_GATEWAY_UPSTREAM_CA": "/run/ca.pem",
                "EM_GATEWAY_ALLOWED_ORIGINS": "https://portal.example.com",
            ]
            var sample: [String: String] = [:]
            for (name, value) in environment {
                let raw = value as? String ?? ""
                // `${NAME:-default}` takes its default; the required ones get an example.
                if let example = examples[name] {
                    sample[name] = example
                } else if let range = raw.range(of: ":-"), raw.hasSuffix("}") {
                    sample[name] = String(raw[range.upperBound..<raw.index(before: raw.endIndex)])
                } else {
                    sample[name] = raw
                }
            }
            if (service["command"] as? [String]) == ["serve", "--demo"] { sample["EM_GATEWAY_DEMO"] = "true" }
            _ = try await SettingSources(arguments: [], environment: sample).resolve()
        }
    }

    @Test("the scripts and CI read or set only EM_GATEWAY_* names the gateway knows (it inherits their environment and refuses others)")
    func scriptVariables() throws {
        let known = Set(
            GatewaySetting.all.flatMap { setting in
                [setting.environmentName] + (setting.fileKey.map { [GatewaySetting.environmentName(forKey: $0)] } ?? [])
            })
        let pattern = try NSRegularExpression(pattern: "EM_GATEWAY_[A-Z0-9_]+")
        var files = ["scripts/load-test", "scripts/real-clients", ".ci/run"]
        files += try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("scripts/real-clients.d").path)
            .map { "scripts/real-clients.d/" + $0 }
        for file in files {
            var isDirectory: ObjCBool = false
            let url = Self.root.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range, in: text)!])
                #expect(known.contains(name), "\(file) uses \(name), which em-gateway refuses as an unknown variable")
            }
        }
        let ci = try String(contentsOf: Self.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("GATEWAY_BINARY=") && ci.contains("DURATION=2 scripts/load-test"))
    }

    @Test("the Dockerfile keeps its images, packages and paths in ARGs, used by its steps")
    func dockerfile() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docker/Dockerfile"), encoding: .utf8)
        for name in ["BUILD_IMAGE", "RUNTIME_IMAGE", "BUILD_PACKAGES", "RUNTIME_PACKAGES", "BIN_DIR", "APP_USER"] {
            #expect(text.contains("ARG \(name)="))
            #expect(text.contains("${\(name)}"))
        }
        #expect(text.contains("HEALTHCHECK"))
        #expect(text.contains("USER ${APP_USER}"))
        #expect(!text.contains("libcurl4 libxml2 ca-certificates curl\n    &&"), "package lists appear once, in ARGs")
    }
}
