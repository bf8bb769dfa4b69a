import HTTPTypes

/// The gateway's public base URL for one request: configured, or built from the request.
///
/// With `--public-url` that URL is used for every request. Without it, the base is built per
/// request from `Host` (RFC 9110 §7.2), and from trusted proxies only, their `Forwarded`
/// `host=`/`proto=` or `X-Forwarded-Host`/`X-Forwarded-Proto` (see ``TrustedProxies``); the
/// scheme is `https` when the gateway serves TLS, else `http`. A request without `Host` (an
/// HTTP/1.0 client) gets the base derived from the listen address. A `Host` that is not a
/// reg-name or IP literal with an optional port is refused (`400`): it would end up in every link.
struct PublicBase: Sendable {
    /// The configured public base URL, if any.
    let configured: String?
    /// `http` or `https`: what the gateway itself serves.
    let scheme: String
    /// The proxies whose forwarding fields are believed.
    let trustedProxies: TrustedProxies

    /// The base URL for a request.
    /// - Parameters:
    ///   - fields: the request's header fields.
    ///   - authority: the request's `Host` (HTTPTypes keeps it as the request's authority).
    ///   - peer: the socket peer's address.
    ///   - fallback: the base derived from the listen address and bound port.
    /// - Returns: the base URL, or the reason the request's host is refused.
    func resolve(fields: HTTPFields, authority: String?, peer: String, fallback: String) -> Result<String, HostFault> {
        if let configured { return .success(configured) }
        let forwarded = trustedProxies.forwardedOrigin(peer: peer, fields: fields)
        guard let host = forwarded.host ?? authority, !host.isEmpty else { return .success(fallback) }
        guard Self.isValidHost(host) else { return .failure(HostFault(host: host)) }
        let scheme = forwarded.scheme.flatMap { $0 == "http" || $0 == "https" ? $0 : nil } ?? self.scheme
        return .success("\(scheme)://\(host)")
    }

    /// A `Host` (or forwarded host) that cannot be a URL authority.
    struct HostFault: Error, Sendable {
        let host: String
    }

    /// Whether `host` is `reg-name` (letters, digits, `-`, `.`, `_`, `~`) or a bracketed IPv6
    /// literal, either with an optional `:port` (1–65535).
    static func isValidHost(_ host: String) -> Bool {
        var name = Substring(host)
        var port: Substring?
        if name.first == "[" {
            guard let close = name.firstIndex(of: "]") else { return false }
            let literal = name[name.index(after: name.startIndex)..<close]
            guard TrustedProxies.addressBytes(String(literal))?.count == 16 else { return false }
            let rest = name[name.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { return false }
                port = rest.dropFirst()
            }
            name = "x"
        } else if let colon = name.lastIndex(of: ":") {
            port = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        if let port {
            guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let value = Int(port),
                (1...65535).contains(value)
            else { return false }
        }
        guard !name.isEmpty, name.utf8.count <= 255 else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }
    }
}
