/// Rewrites EM's absolute links so that they point at the gateway.
///
/// EM writes every `Href` with its own idea of its base URL (`https://localhost:9398`, its FQDN,
/// sometimes `http://…:9399`), not the URL the gateway uses to reach it. So any
/// `scheme://authority` in front of a path that starts with `/api` is replaced by the gateway's
/// public base; path and query bytes stay exactly as EM wrote them (`filter=A%3d%3d%22B%22`
/// keeps its lower-case escapes). Anything else (relative links, other paths) is left alone.
///
/// ```swift
/// let rewriter = LinkRewriter(publicBaseURL: "http://127.0.0.1:8080")
/// rewriter.rewrite("https://em01:9398/api/jobs?format=Entity")  // "http://127.0.0.1:8080/api/jobs?format=Entity"
/// ```
public struct LinkRewriter: Sendable {
    /// The gateway's public base URL without a trailing slash (`http://127.0.0.1:8080`, or with a
    /// path prefix such as `https://gw.example.com/em`).
    public let publicBaseURL: String
    let baseBytes: [UInt8]

    /// Creates a rewriter.
    /// - Parameter publicBaseURL: the gateway's public base URL; a trailing `/` is dropped.
    public init(publicBaseURL: String) {
        var base = publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.publicBaseURL = base
        self.baseBytes = Array(base.utf8)
    }

    /// Rewrites one link.
    /// - Parameter link: a URL as EM wrote it.
    /// - Returns: the link on the gateway, or `link` unchanged when it does not point into an `/api` path.
    public func rewrite(_ link: String) -> String {
        var link = link
        return link.withUTF8 { bytes in
            guard let pathStart = Self.apiPathStart(bytes) else { return String(decoding: bytes, as: UTF8.self) }
            return publicBaseURL + String(decoding: UnsafeBufferPointer(rebasing: bytes[pathStart...]), as: UTF8.self)
        }
    }

    /// Where the `/api` path of an absolute http(s) URL starts, or `nil` when `url` is not one.
    ///
    /// Accepts `http://` or `https://` (any letter case), a non-empty authority, then `/api`
    /// (any letter case) followed by `/`, `?`, `#` or the end.
    static func apiPathStart(_ url: UnsafeBufferPointer<UInt8>) -> Int? {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }
        let count = url.count
        guard count >= 12, lower(url[0]) == UInt8(ascii: "h"), lower(url[1]) == UInt8(ascii: "t"),
            lower(url[2]) == UInt8(ascii: "t"), lower(url[3]) == UInt8(ascii: "p")
        else { return nil }
        var index = 4
        if lower(url[index]) == UInt8(ascii: "s") { index += 1 }
        guard index + 3 <= count, url[index] == UInt8(ascii: ":"), url[index + 1] == UInt8(ascii: "/"),
            url[index + 2] == UInt8(ascii: "/")
        else { return nil }
        index += 3
        let authorityStart = index
        while index < count, url[index] != UInt8(ascii: "/") {
            let byte = url[index]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte <= 0x20 { return nil }
            index += 1
        }
        guard index > authorityStart, index + 4 <= count, lower(url[index + 1]) == UInt8(ascii: "a"),
            lower(url[index + 2]) == UInt8(ascii: "p"), lower(url[index + 3]) == UInt8(ascii: "i")
        else { return nil }
        let after = index + 4
        if after == count { return index }
        switch url[after] {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return index
        default: return nil
        }
    }

    /// Writes the rewritten form of `url` (or `url` itself) as JSON string content.
    func appendRewritten(_ url: UnsafeBufferPointer<UInt8>, to writer: JSONWriter) {
        if let pathStart = Self.apiPathStart(url) {
            writer.appendStringContent(baseBytes)
            writer.appendStringContent(UnsafeBufferPointer(rebasing: url[pathStart...]))
        } else {
            writer.appendStringContent(url)
        }
    }
}
