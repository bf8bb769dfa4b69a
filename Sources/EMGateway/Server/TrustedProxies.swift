import HTTPTypes

/// The peers whose forwarding header fields the gateway believes: `--trusted-proxy CIDR`.
///
/// Only a request whose peer is in one of these ranges has its client address taken from
/// `Forwarded` (RFC 7239; it wins when both are present) or `X-Forwarded-For`, and its public
/// host and scheme from `Forwarded`'s `host=`/`proto=` or `X-Forwarded-Host`/`X-Forwarded-Proto`.
/// The forwarding list is walked from the right, skipping trusted addresses: the first untrusted
/// one is the client, so a client cannot choose its own address by sending the field itself.
/// IPv4-mapped IPv6 peers (`::ffff:10.0.0.1`) match IPv4 ranges.
///
/// ```swift
/// let proxies = try TrustedProxies(["10.0.0.0/8", "fd00::/8"])
/// proxies.contains("10.1.2.3")   // true
/// ```
public struct TrustedProxies: Sendable {
    /// One address range.
    struct Range: Sendable {
        let bytes: [UInt8]
        let prefixLength: Int
    }

    let ranges: [Range]
    /// The ranges as configured.
    public let cidrs: [String]

    /// No trusted proxies: every request's client is its peer.
    public static let none = TrustedProxies(ranges: [], cidrs: [])

    private init(ranges: [Range], cidrs: [String]) {
        self.ranges = ranges
        self.cidrs = cidrs
    }

    /// Parses CIDR ranges (`10.0.0.0/8`, `192.168.1.10`, `fd00::/8`; an address alone is one host).
    /// - Parameter cidrs: the ranges as configured.
    /// - Throws: ``GatewayError`` `.badRequest` naming the first range that is not CIDR notation.
    public init(_ cidrs: [String]) throws {
        var ranges: [Range] = []
        for cidr in cidrs {
            let parts = cidr.split(separator: "/", maxSplits: 1)
            guard let first = parts.first, let bytes = Self.addressBytes(String(first)) else {
                throw GatewayError(.badRequest, status: .badRequest, message: "\(cidr) is not an IP address range in CIDR notation.")
            }
            let bits = bytes.count * 8
            var prefix = bits
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...bits).contains(value) else {
                    throw GatewayError(.badRequest, status: .badRequest, message: "\(cidr) has an invalid prefix length.")
                }
                prefix = value
            }
            ranges.append(Range(bytes: bytes, prefixLength: prefix))
        }
        self.ranges = ranges
        self.cidrs = cidrs
    }

    /// Whether no range is configured.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `address` (an IP address as text) lies in a trusted range.
    /// - Parameter address: IPv4 or IPv6 text, with or without brackets.
    /// - Returns: `true` when it is in one of the ranges.
    public func contains(_ address: String) -> Bool {
        guard !ranges.isEmpty, var bytes = Self.addressBytes(address) else { return false }
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            bytes = Array(bytes[12...])  // IPv4-mapped IPv6
        }
        return ranges.contains { range in
            guard range.bytes.count == bytes.count else { return false }
            var remaining = range.prefixLength
            for index in 0..<bytes.count where remaining > 0 {
                let take = min(8, remaining)
                let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
                if bytes[index] & mask != range.bytes[index] & mask { return false }
                remaining -= take
            }
            return true
        }
    }

    /// The request's client address: `peer`, or when `peer` is trusted, the first untrusted
    /// address from the right of `Forwarded`'s `for=` list (else `X-Forwarded-For`'s).
    /// - Parameters:
    ///   - peer: the socket peer's address.
    ///   - fields: the request's header fields.
    /// - Returns: the client address as text.
    func clientAddress(peer: String, fields: HTTPFields) -> String {
        guard contains(peer) else { return peer }
        let hops = Self.forwardedFor(fields)
        guard !hops.isEmpty else { return peer }
        for hop in hops.reversed() where !contains(hop) { return hop }
        return hops[0]
    }

    /// The public host and scheme a trusted proxy says the client used: `Forwarded`'s last
    /// `host=`/`proto=`, else `X-Forwarded-Host`/`X-Forwarded-Proto`'s last value.
    /// - Parameters:
    ///   - peer: the socket peer's address.
    ///   - fields: the request's header fields.
    /// - Returns: host and scheme, each `nil` when not given or the peer is not trusted.
    func forwardedOrigin(peer: String, fields: HTTPFields) -> (host: String?, scheme: String?) {
        guard contains(peer) else { return (nil, nil) }
        let forwarded = Self.forwardedElements(fields)
        if !forwarded.isEmpty {
            let host = forwarded.last { $0["host"] != nil }?["host"]
            let scheme = forwarded.last { $0["proto"] != nil }?["proto"]
            return (host, scheme?.lowercased())
        }
        let host = Self.lastListValue(fields[values: HTTPField.Name("X-Forwarded-Host")!])
        let scheme = Self.lastListValue(fields[values: HTTPField.Name("X-Forwarded-Proto")!])
        return (host, scheme?.lowercased())
    }

    static let forwardedField = HTTPField.Name("Forwarded")!
    static let forwardedForField = HTTPField.Name("X-Forwarded-For")!

    /// The `for=` addresses of `Forwarded` (RFC 7239 §5.2), else of `X-Forwarded-For`, left to
    /// right, without quotes, brackets or ports.
    static func forwardedFor(_ fields: HTTPFields) -> [String] {
        let elements = forwardedElements(fields)
        if !elements.isEmpty {
            return elements.compactMap { $0["for"].map(nodeAddress) }
        }
        return fields[values: forwardedForField].flatMap { $0.split(separator: ",") }.map { nodeAddress(String($0.trimmingSpaces)) }
    }

    /// The elements of every `Forwarded` field, each as its lower-cased parameter names and values.
    static func forwardedElements(_ fields: HTTPFields) -> [[String: String]] {
        var elements: [[String: String]] = []
        for value in fields[values: forwardedField] {
            for element in value.split(separator: ",") {
                var pairs: [String: String] = [:]
                for pair in element.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    var text = parts[1].trimmingSpaces
                    if text.first == "\"", text.last == "\"", text.count >= 2 { text = text.dropFirst().dropLast() }
                    pairs[parts[0].trimmingSpaces.lowercased()] = String(text)
                }
                if !pairs.isEmpty { elements.append(pairs) }
            }
        }
        return elements
    }

    private static func lastListValue(_ values: [String]) -> String? {
        values.flatMap { $0.split(separator: ",") }.last.map { String($0.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A node name without brackets and port (`[2001:db8::1]:4711` → `2001:db8::1`,
    /// `192.0.2.1:80` → `192.0.2.1`); obfuscated or `unknown` names stay as they are.
    static func nodeAddress(_ node: String) -> String {
        if node.hasPrefix("["), let close = node.firstIndex(of: "]") {
            return String(node[node.index(after: node.startIndex)..<close])
        }
        let colons = node.filter { $0 == ":" }.count
        if colons == 1, let colon = node.firstIndex(of: ":") { return String(node[..<colon]) }
        return node
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address in text, or `nil`.
    static func addressBytes(_ text: String) -> [UInt8]? {
        var text = Substring(text)
        if text.first == "[", text.last == "]" { text = text.dropFirst().dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // IPv6 zone
        if !text.contains(":") { return ipv4(text) }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var tailIPv4: [UInt8]?
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            if piece.isEmpty {
                if index == 0 || index == pieces.count - 1 {
                    index += 1
                    continue
                }
                guard !sawGap else { return nil }
                sawGap = true
            } else if index == pieces.count - 1, piece.contains(".") {
                guard let v4 = ipv4(piece) else { return nil }
                tailIPv4 = v4
            } else {
                guard piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                if sawGap { tail.append(value) } else { head.append(value) }
            }
            index += 1
        }
        if text.hasPrefix("::") || text.hasSuffix("::") { sawGap = true }
        let v4Words = tailIPv4 == nil ? 0 : 2
        let used = head.count + tail.count + v4Words
        guard used <= 8, sawGap || used == 8 else { return nil }
        let words = head + Array(repeating: 0, count: 8 - used) + tail
        var bytes = words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if let tailIPv4 { bytes += tailIPv4 }
        return bytes.count == 16 ? bytes : nil
    }

    private static func ipv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
