import HTTPTypes

/// Checks a client's request target before anything goes upstream.
///
/// Only origin-form targets (RFC 9112 §3.2.1) into `/api` are forwarded, byte for byte: EM's
/// file-path routes carry encoded characters, and its query strings (filters such as `JobName%3d%3d%22A%22`) must reach it
/// unchanged. A target with dot-segments (`.` or `..`, also percent-encoded as `%2e%2e`, also
/// between backslashes, which EM's Windows web server reads as slashes; RFC 3986 §5.2.4) is
/// refused, as are absolute-form targets.
enum RequestTarget {
    /// Whether `path` (no query) is one the gateway forwards: `/api` or below, in any letter case.
    static func isAPI(_ path: String) -> Bool {
        var bytes = path.utf8.makeIterator()
        for expected in "/api".utf8 {
            guard let byte = bytes.next(), byte == expected || (expected >= UInt8(ascii: "a") && byte | 0x20 == expected) else {
                return false
            }
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
        var target = target
        if target.withUTF8(Self.hasDotSegment) {
            throw GatewayError(.badRequest, status: .badRequest, message: "Dot-segments are not allowed in request paths.")
        }
    }

    /// Whether the path (the bytes before any `?`) has a segment of one or two dots and nothing
    /// else, reading percent-escapes decoded (`%2E` is a dot). Segments end at `/` and also at
    /// `\` (and their escapes `%2F`, `%5C`): EM runs on Windows, where HTTP.sys and IIS take a
    /// backslash for a slash, so `/api/jobs\..\x` would climb out of `/api/` there.
    private static func hasDotSegment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
        var dots = 0
        var other = false
        var index = 0
        while index <= end {
            var byte = index < end ? bytes[index] : UInt8(ascii: "/")
            var width = 1
            if byte == UInt8(ascii: "%"), index + 2 < end, let high = bytes[index + 1].hexDigitValue,
                let low = bytes[index + 2].hexDigitValue
            {
                byte = high << 4 | low
                width = 3
            }
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"):
                if !other && (dots == 1 || dots == 2) { return true }
                dots = 0
                other = false
            case UInt8(ascii: "."):
                dots += 1
            default:
                other = true
            }
            index += width
        }
        return false
    }
}

extension UInt8 {
    /// The value of this byte as a hexadecimal digit (`0`–`9`, `a`–`f`, `A`–`F`), or `nil`.
    var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension StringProtocol {
    /// Whether the text contains `needle`, compared byte for byte, ASCII letters optionally
    /// without regard to case. A plain scan of the UTF-8 bytes: the per-request checks of header
    /// values and queries use it instead of `String.contains(_:)`, which goes through
    /// `_StringProcessing`'s generic searcher and costs several times more.
    /// - Parameters:
    ///   - needle: ASCII text to find.
    ///   - ignoringASCIICase: fold `A`–`Z` to `a`–`z` on both sides first. Default `false`.
    /// - Returns: `true` when `needle` occurs (an empty needle always does).
    func containsASCII(_ needle: StaticString, ignoringASCIICase: Bool = false) -> Bool {
        needle.withUTF8Buffer { pattern in
            guard let first = pattern.first else { return true }
            @inline(__always) func fold(_ byte: UInt8) -> UInt8 {
                ignoringASCIICase && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            let start = fold(first)
            let bytes = utf8
            var index = bytes.startIndex
            while index != bytes.endIndex {
                if fold(bytes[index]) == start {
                    var candidate = bytes.index(after: index)
                    var matched = 1
                    while matched < pattern.count, candidate != bytes.endIndex, fold(bytes[candidate]) == fold(pattern[matched]) {
                        matched += 1
                        candidate = bytes.index(after: candidate)
                    }
                    if matched == pattern.count { return true }
                }
                index = bytes.index(after: index)
            }
            return false
        }
    }
}
