/// Collects the header lines libcurl hands to `CURLOPT_HEADERFUNCTION` into the final response
/// head, dropping interim `1xx` heads (RFC 9110, section 15.2).
///
/// libcurl calls the header callback once per complete line, status line and blank line
/// included, for every response it reads on the transfer (interim ones too).
struct ResponseHeadParser {
    /// What one line meant.
    enum Event: Equatable {
        /// The head is not complete yet.
        case needMore
        /// The final head is complete.
        case head(status: Int, headers: [UpstreamHeader])
    }

    private var status: Int?
    private var headers: [UpstreamHeader] = []

    /// Consumes one header line, CR/LF included.
    ///
    /// - Parameter line: The bytes of the line.
    /// - Returns: ``Event/head(status:headers:)`` once the blank line ends a final (non-1xx) head.
    mutating func consume(_ line: UnsafeRawBufferPointer) -> Event {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        let content = UnsafeRawBufferPointer(rebasing: line[0..<end])

        if content.isEmpty {
            guard let status = self.status else {
                return .needMore
            }
            let headers = self.headers
            self.status = nil
            self.headers = []
            if (100..<200).contains(status) && status != 101 {
                return .needMore  // interim head: forget it, the final one follows
            }
            return .head(status: status, headers: headers)
        }

        if content.starts(with: "HTTP/".utf8) {
            self.status = Self.parseStatus(content)
            self.headers = []
            return .needMore
        }

        if content[0] == UInt8(ascii: " ") || content[0] == UInt8(ascii: "\t") {
            // obs-fold (RFC 9112, section 5.2): a continuation of the previous value.
            if !self.headers.isEmpty {
                let more = Self.trimmed(content)
                self.headers[self.headers.count - 1].value += " " + String(decoding: more, as: UTF8.self)
            }
            return .needMore
        }

        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else {
            return .needMore  // not a field line; libcurl has already judged the response
        }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: content[0..<colon]), as: UTF8.self)
        let value = Self.trimmed(UnsafeRawBufferPointer(rebasing: content[(colon + 1)...]))
        self.headers.append(UpstreamHeader(name: name, value: String(decoding: value, as: UTF8.self)))
        return .needMore
    }

    /// The status code of a status line such as `HTTP/1.1 204 No Content`, or 0 when unreadable.
    private static func parseStatus(_ line: UnsafeRawBufferPointer) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else {
            return 0
        }
        var status = 0
        var digits = 0
        for byte in line[(space + 1)...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 3 else {
                break
            }
            status = status * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 3 ? status : 0
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") {
            start += 1
        }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") {
            end -= 1
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}
