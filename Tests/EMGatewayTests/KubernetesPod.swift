import Foundation
import Testing
import Yams

/// deploy/kubernetes/em-gateway.yaml's pod as Kubernetes starts its container: the image's
/// environment, the container's `env`, its volumes mounted (ConfigMap and Secret), and the
/// service-link variables the kubelet injects for every Service of the namespace unless the pod
/// sets `enableServiceLinks: false`.
struct KubernetesPod {
    let documents: [[String: Any]]

    static func load() throws -> KubernetesPod {
        KubernetesPod(documents: try DeploymentFilesTests.documents("deploy/kubernetes/em-gateway.yaml"))
    }

    func document(_ kind: String) throws -> [String: Any] {
        try #require(documents.first { $0["kind"] as? String == kind }, "\(kind) in the manifest")
    }

    var podSpec: [String: Any] {
        get throws {
            let deployment = try #require(try document("Deployment")["spec"] as? [String: Any])
            return try #require((deployment["template"] as? [String: Any])?["spec"] as? [String: Any])
        }
    }

    var container: [String: Any] {
        get throws { try #require((try podSpec["containers"] as? [[String: Any]])?.first) }
    }

    /// Whether Kubernetes injects service-link variables into this pod (its default: yes).
    var enablesServiceLinks: Bool {
        get throws { try podSpec["enableServiceLinks"] as? Bool ?? true }
    }

    /// The variables the kubelet injects for the manifest's Services (cluster IPs 10.96.0.10, .11, …),
    /// as it names them: the Service name in upper case with `-` as `_`, then `_SERVICE_HOST`,
    /// `_SERVICE_PORT`, `_SERVICE_PORT_<port name>`, and the Docker-link forms `_PORT`,
    /// `_PORT_<port>_<PROTO>`, `…_PROTO`, `…_PORT`, `…_ADDR`.
    func serviceLinkVariables() throws -> [String: String] {
        var variables: [String: String] = [:]
        for (index, service) in documents.filter({ $0["kind"] as? String == "Service" }).enumerated() {
            let name = try #require((service["metadata"] as? [String: Any])?["name"] as? String)
                .uppercased().replacingOccurrences(of: "-", with: "_")
            let ip = "10.96.0.\(10 + index)"
            let ports = try #require((service["spec"] as? [String: Any])?["ports"] as? [[String: Any]])
            variables[name + "_SERVICE_HOST"] = ip
            for (position, port) in ports.enumerated() {
                let number = try #require(port["port"] as? Int)
                let transport = (port["protocol"] as? String ?? "TCP").uppercased()
                let url = "\(transport.lowercased())://\(ip):\(number)"
                if position == 0 {
                    variables[name + "_SERVICE_PORT"] = String(number)
                    variables[name + "_PORT"] = url
                }
                if let portName = port["name"] as? String {
                    variables[name + "_SERVICE_PORT_" + portName.uppercased().replacingOccurrences(of: "-", with: "_")] = String(number)
                }
                let prefix = "\(name)_PORT_\(number)_\(transport)"
                variables[prefix] = url
                variables[prefix + "_PROTO"] = transport.lowercased()
                variables[prefix + "_PORT"] = String(number)
                variables[prefix + "_ADDR"] = ip
            }
        }
        return variables
    }

    /// The container as Kubernetes starts it, on this machine.
    /// - Parameters:
    ///   - serviceLinks: inject service-link variables; default: as the pod says.
    ///   - secrets: files replacing the Secret's (the placeholder CA bundle by a test CA).
    func start(serviceLinks: Bool? = nil, secrets: [String: String] = [:]) throws -> ContainerEnvironment {
        var container = try ContainerEnvironment.image()
        let spec = try self.container
        let volumes = try #require(try podSpec["volumes"] as? [[String: Any]])
        let mounts = try #require(spec["volumeMounts"] as? [[String: Any]])
        let mountPaths = mounts.compactMap { $0["mountPath"] as? String }
        let root = container.root.path
        func moved(_ text: String) -> String {
            mountPaths.reduce(text) { $0.replacingOccurrences(of: $1, with: root + $1) }
        }
        for mount in mounts {
            let name = try #require(mount["name"] as? String)
            let volume = try #require(volumes.first { $0["name"] as? String == name })
            var files: [String: String] = [:]
            if let configMap = volume["configMap"] as? [String: Any] {
                let source = try #require(
                    documents.first {
                        $0["kind"] as? String == "ConfigMap"
                            && ($0["metadata"] as? [String: Any])?["name"] as? String == configMap["name"] as? String
                    })
                files = source["data"] as? [String: String] ?? [:]
            } else if let secret = volume["secret"] as? [String: Any] {
                let source = try #require(
                    documents.first {
                        $0["kind"] as? String == "Secret"
                            && ($0["metadata"] as? [String: Any])?["name"] as? String == secret["secretName"] as? String
                    })
                files = (source["stringData"] as? [String: String] ?? [:]).merging(secrets) { $1 }
            }
            try container.mount(try #require(mount["mountPath"] as? String), files: files.mapValues(moved))
        }
        for entry in spec["env"] as? [[String: Any]] ?? [] {
            let name = try #require(entry["name"] as? String)
            container.environment[name] = moved(entry["value"] as? String ?? "")
        }
        container.environment["HOSTNAME"] = "em-gateway-7d9f8c6b5-x2x4q"
        container.environment["KUBERNETES_SERVICE_HOST"] = "10.96.0.1"
        container.environment["KUBERNETES_SERVICE_PORT"] = "443"
        if try serviceLinks ?? enablesServiceLinks {
            container.environment.merge(try serviceLinkVariables()) { old, _ in old }
        }
        return container
    }
}
