import HTTPTypes

/// Checks a client's request target before anything goes upstream.
///
/// Only origin-form targets (RFC 9112 §3.2.1) into `/api` are forwarded, byte for byte: EM's
/// file-path routes carry encoded characters, and its query strings (filters, F14) must reach it
/// unchanged. A target whose dot-segments (`..`, also percent-encoded as `%2e%2e`) would climb
/// out of `/api/` is refused, as are absolute-form targets.
enum RequestTarget {
    /// Whether `path` (no query) is one the gateway forwards: `/api` or below, in any letter case.
    static func isAPI(_ path: String) -> Bool {
        var bytes = path.utf8.makeIterator()
        for expected in "/api".utf8 {
            guard let byte = bytes.next(), byte == expected || (expected >= UInt8(ascii: "a") && byte | 0x20 == expected) else { return false }
        }
        guard let next = bytes.next() else { return true }
        return next == UInt8(ascii: "/") || next == UInt8(ascii: "?")
    }

    /// Validates a raw request target.
    /// - Parameter target: the request line's target, path and query as received.
    /// - Throws: ``GatewayError`` `.badRequest` for a target that is not origin-form or that
    ///   contains dot-segments.
    static func validate(_ target: String) throws {
        guard target.utf8.first == UInt8(ascii: "/") else {
            throw GatewayError(.badRequest, status: .badRequest, message: "Only origin-form request targets (/api/...) are accepted.")
        }
        // One pass over the path's bytes, counting each segment's dots (`.` or `%2E`) and whether
        // anything else is in it; a segment of one or two dots and nothing else is a dot-segment.
        var dots = 0
        var other = false
        var bytes = target.utf8.makeIterator()
        var percent = 0  // 1 after `%`, 2 after `%2`
        while true {
            let byte = bytes.next()
            if byte == nil || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") {
                if percent != 0 { other = true }
                if !other && (dots == 1 || dots == 2) {
                    throw GatewayError(.badRequest, status: .badRequest, message: "Dot-segments are not allowed in request paths.")
                }
                if byte != UInt8(ascii: "/") { return }
                dots = 0
                other = false
                percent = 0
                continue
            }
            switch (percent, byte!) {
            case (0, UInt8(ascii: ".")): dots += 1
            case (0, UInt8(ascii: "%")): percent = 1
            case (1, UInt8(ascii: "2")): percent = 2
            case (2, UInt8(ascii: "e")), (2, UInt8(ascii: "E")):
                percent = 0
                dots += 1
            default:
                percent = 0
                other = true
            }
        }
    }
}
