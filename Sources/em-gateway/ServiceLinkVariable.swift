import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The environment variables Kubernetes injects into every pod for each Service of its
/// namespace ("service links", unless the pod sets `enableServiceLinks: false`), as far as they
/// start with the gateway's own prefix: those of Services whose name starts with `em-gateway`.
///
/// For a Service `em-gateway` with cluster IP `10.96.0.7` and a TCP port 80 named `http`,
/// Kubernetes sets `EM_GATEWAY_SERVICE_HOST=10.96.0.7`, `EM_GATEWAY_SERVICE_PORT=80`,
/// `EM_GATEWAY_SERVICE_PORT_HTTP=80`, `EM_GATEWAY_PORT=tcp://10.96.0.7:80`,
/// `EM_GATEWAY_PORT_80_TCP=tcp://10.96.0.7:80`, `EM_GATEWAY_PORT_80_TCP_PROTO=tcp`,
/// `EM_GATEWAY_PORT_80_TCP_PORT=80` and `EM_GATEWAY_PORT_80_TCP_ADDR=10.96.0.7`. A variable is
/// one of them only when both its name and its value have that shape, so that a plausible
/// mistake such as `EM_GATEWAY_PORT=9090` is still reported as an unknown setting.
enum ServiceLinkVariable {
    /// The value shapes of service-link variables.
    private enum Shape {
        /// An IPv4 or IPv6 address.
        case address
        /// A port number.
        case port
        /// `tcp|udp|sctp://ADDRESS:PORT` (IPv6 addresses in brackets).
        case url
        /// `tcp`, `udp` or `sctp`.
        case transport
    }

    /// The service name in variable form: `EM_GATEWAY`, or `EM_GATEWAY_` and more of a longer
    /// name (`em-gateway-metrics` → `EM_GATEWAY_METRICS`).
    private static let service = #"EM_GATEWAY(?:_[A-Z0-9_]+)?"#
    private static let portAndTransport = #"_PORT_[0-9]+_(?:TCP|UDP|SCTP)"#

    /// The names (regular expressions matching the whole name), and their values' shapes.
    private static let patterns: [(name: String, shape: Shape)] = [
        (#"\#(service)_SERVICE_HOST"#, .address),
        (#"\#(service)_SERVICE_PORT"#, .port),
        (#"\#(service)_SERVICE_PORT_[A-Z0-9_]+"#, .port),
        (#"\#(service)_PORT"#, .url),
        (#"\#(service)\#(portAndTransport)"#, .url),
        (#"\#(service)\#(portAndTransport)_PROTO"#, .transport),
        (#"\#(service)\#(portAndTransport)_PORT"#, .port),
        (#"\#(service)\#(portAndTransport)_ADDR"#, .address),
    ]

    /// Whether `name=value` is a Kubernetes service-link variable of a Service whose name starts
    /// with `em-gateway`.
    /// - Parameters:
    ///   - name: the variable's name.
    ///   - value: its value.
    /// - Returns: `true` when one of the service-link names matches `name` and `value` has the
    ///   shape Kubernetes gives that variable.
    static func matches(name: String, value: String) -> Bool {
        patterns.contains { pattern in
            guard let regex = try? Regex(pattern.name), (try? regex.wholeMatch(in: name)) != nil else { return false }
            return has(pattern.shape, value)
        }
    }

    private static func has(_ shape: Shape, _ value: String) -> Bool {
        switch shape {
        case .address: return isAddress(value)
        case .port: return isPort(value)
        case .transport: return ["tcp", "udp", "sctp"].contains(value)
        case .url:
            guard let separator = value.range(of: "://"), ["tcp", "udp", "sctp"].contains(value[..<separator.lowerBound]),
                let colon = value.lastIndex(of: ":"), colon > separator.lowerBound
            else { return false }
            var host = value[separator.upperBound..<colon]
            if host.hasPrefix("[") && host.hasSuffix("]") {
                host = host.dropFirst().dropLast()
                guard host.contains(":") else { return false }
            } else if host.contains(":") {
                return false
            }
            return isAddress(String(host)) && isPort(String(value[value.index(after: colon)...]))
        }
    }

    private static func isPort(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
            && Int(text).map { $0 <= 65535 } == true
    }

    private static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
