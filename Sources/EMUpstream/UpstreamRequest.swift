public import NIOCore

/// One request to the upstream, sent exactly as described.
///
/// ```swift
/// let request = UpstreamRequest(
///     method: "POST",
///     url: "https://em.example:9398/api/sessionMngr/?v=latest",
///     headers: [UpstreamHeader(name: "Authorization", value: "Basic …")]
/// )
/// let response = try await client.execute(request)
/// ```
///
/// Framing is the client's job: `Content-Length` is computed from ``body``, and any
/// `Content-Length`, `Transfer-Encoding` or `Expect` header given here is dropped.
public struct UpstreamRequest: Sendable {
    /// The method, any RFC 9110 token: `GET`, `POST`, `PUT`, `DELETE`, `HEAD`, `OPTIONS`, `PATCH`…
    public var method: String
    /// The absolute `http://` or `https://` URL. Sent byte for byte: path and query are never
    /// re-encoded or normalised (`CURLOPT_PATH_AS_IS`), so `%2F` and `..` reach the upstream as given.
    public var url: String
    /// Header fields in order. A field with an empty value is sent as `Name:` with no value.
    public var headers: [UpstreamHeader]
    /// The body, or `nil` for none; sent with a `Content-Length`, never chunked. `POST`, `PUT` and
    /// `PATCH` without a body send `Content-Length: 0` (RFC 9110, section 8.6). Ignored for `HEAD`.
    public var body: ByteBuffer?

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The method token, such as `GET`.
    ///   - url: The absolute URL, sent byte for byte.
    ///   - headers: Header fields in order; empty by default.
    ///   - body: The body; `nil` (no body) by default.
    public init(method: String, url: String, headers: [UpstreamHeader] = [], body: ByteBuffer? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

extension UpstreamRequest {
    /// Rejects what must never reach the wire: a method that is not a token, a header name that
    /// is not a token, a value with CR/LF/NUL (header injection), a URL that is not http(s).
    ///
    /// - Throws: `UpstreamError(.other)` describing the first problem found.
    func validate() throws(UpstreamError) {
        guard !self.method.isEmpty, self.method.utf8.allSatisfy(isTokenByte) else {
            throw UpstreamError(.other, message: "invalid method \(self.method.debugDescription)")
        }
        guard hasPrefixIgnoringCase(self.url, "http://") || hasPrefixIgnoringCase(self.url, "https://") else {
            throw UpstreamError(.other, message: "not an http(s) URL: \(self.url.debugDescription)")
        }
        guard !self.url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw UpstreamError(.other, message: "URL contains whitespace or control bytes")
        }
        for header in self.headers {
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
                throw UpstreamError(.other, message: "invalid header name \(header.name.debugDescription)")
            }
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw UpstreamError(.other, message: "header \(header.name) has CR, LF or NUL in its value")
            }
        }
    }
}

/// Whether `text` starts with `prefix` (lower-case ASCII), in any letter case.
private func hasPrefixIgnoringCase(_ text: String, _ prefix: StaticString) -> Bool {
    var bytes = text.utf8.makeIterator()
    for expected in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
        guard let byte = bytes.next(), byte == expected || (expected >= UInt8(ascii: "a") && byte | 0x20 == expected) else { return false }
    }
    return true
}

/// RFC 9110 `tchar`: ALPHA, DIGIT and ``!#$%&'*+-.^_`|~``.
private func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
        UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}

extension UpstreamRequest {
    /// `url` as it may appear in logs: the ID after `/logonSessions/` (any letter case) is
    /// replaced by `{ID}`, because EM's session token is the Base64 of that ID,
    /// and the query string is dropped.
    /// - Parameter url: an absolute URL.
    /// - Returns: the URL without secrets.
    static func redactedForLogs(_ url: String) -> String {
        let withoutQuery = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices.dropLast() where parts[index].lowercased() == "logonsessions" {
            if !parts[index + 1].isEmpty { parts[index + 1] = "{ID}" }
        }
        return parts.joined(separator: "/")
    }
}
