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
        let lower = path.utf8.prefix(5).map { $0 | 0x20 }
        guard lower.count >= 4, lower[0] == UInt8(ascii: "/") | 0x20, Array(lower[1...3]) == Array("api".utf8) else {
            return false
        }
        return lower.count == 4 || lower[4] == UInt8(ascii: "/") | 0x20 || lower[4] == UInt8(ascii: "?") | 0x20
    }

    /// Validates a raw request target.
    /// - Parameter target: the request line's target, path and query as received.
    /// - Throws: ``GatewayError`` `.badRequest` for a target that is not origin-form or that
    ///   contains dot-segments.
    static func validate(_ target: String) throws {
        guard target.hasPrefix("/") else {
            throw GatewayError(.badRequest, status: .badRequest, message: "Only origin-form request targets (/api/...) are accepted.")
        }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if dotSegments.contains(segment.lowercased()) {
                throw GatewayError(.badRequest, status: .badRequest, message: "Dot-segments are not allowed in request paths.")
            }
        }
    }

    /// `.` and `..`, plain or percent-encoded (RFC 3986 §2.3 lets `.` be written `%2E`).
    private static let dotSegments: Set<String> = [".", "..", "%2e", "%2e%2e", ".%2e", "%2e."]
}
