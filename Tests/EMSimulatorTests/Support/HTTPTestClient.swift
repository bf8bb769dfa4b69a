import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP response as it came off the socket.
struct HTTPTestResponse: Sendable {
    /// The status code of the status line.
    let status: Int
    /// Header fields in order, names as sent.
    let headers: [(name: String, value: String)]
    /// The body bytes (de-chunked when the server streamed).
    let body: [UInt8]
    /// Whether the body came with `Transfer-Encoding: chunked`.
    let wasChunked: Bool

    /// The first value of a header (name case-insensitive).
    func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// All values of a header (name case-insensitive).
    func headers(named name: String) -> [String] {
        self.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: self.body, as: UTF8.self) }
}

struct HTTPTestClientError: Error, CustomStringConvertible {
    let description: String
}

/// A tiny HTTP/1.1 client over a blocking POSIX socket, for talking to the simulator on
/// loopback. One connection per request (`Connection: close`), on a thread of its own; every
/// socket operation has a 20 s timeout, so a hung server fails the test instead of hanging it.
struct HTTPTestClient: Sendable {
    /// The loopback port the simulator listens on.
    let port: Int

    /// Sends one request and reads the whole response.
    /// - Parameters:
    ///   - method: `GET`, `POST`, ...
    ///   - target: the request target, such as `/api/jobs?format=Entity`.
    ///   - headers: extra header fields, sent as given (values are raw bytes of the string).
    ///   - body: the body; `Content-Length` is added when non-empty or for POST.
    /// - Returns: the response.
    /// - Throws: `HTTPTestClientError` on socket errors, timeouts and malformed responses.
    func send(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) async throws -> HTTPTestResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(self.port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let request = Array(head.utf8) + body
        let port = self.port
        let raw: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            // A thread of its own: blocking calls on Dispatch's global queues would starve Swift
            // concurrency's pool (the same threads on Linux), and with it the server under test.
            let thread = Thread {
                continuation.resume(with: Result { try Self.exchange(request, port: port) })
            }
            thread.start()
        }
        return try Self.parse(raw)
    }

    /// `GET` with an optional session token header.
    func get(_ target: String, token: String? = nil, headers: [(String, String)] = []) async throws -> HTTPTestResponse {
        try await self.send("GET", target, headers: (token.map { [("X-RestSvcSessionId", $0)] } ?? []) + headers)
    }

    // MARK: - Socket

    private static func exchange(_ request: [UInt8], port: Int) throws -> [UInt8] {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HTTPTestClientError(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }

        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw HTTPTestClientError(description: "connect() failed: errno \(errno)") }

        var sent = 0
        while sent < request.count {
            let result = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { throw HTTPTestClientError(description: "send() failed: errno \(errno)") }
            sent += result
        }

        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw HTTPTestClientError(description: "recv() failed or timed out: errno \(errno)") }
            response += chunk[0..<count]
        }
        return response
    }

    // MARK: - Parsing

    private static func parse(_ raw: [UInt8]) throws -> HTTPTestResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = Self.find(separator, in: raw[...]) else {
            throw HTTPTestClientError(description: "no end of header in \(raw.count) bytes")
        }
        let headText = String(decoding: raw[..<headEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw HTTPTestClientError(description: "bad status line")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces)
        }
        let bodyBytes = raw[(headEnd + separator.count)...]
        let chunked = headers.contains { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked" }
        let body = chunked ? try Self.dechunk(bodyBytes) : Array(bodyBytes)
        return HTTPTestResponse(status: status, headers: headers, body: body, wasChunked: chunked)
    }

    private static func dechunk(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        var rest = bytes
        var body: [UInt8] = []
        let crlf: [UInt8] = [13, 10]
        while true {
            guard let lineEnd = Self.find(crlf, in: rest) else { throw HTTPTestClientError(description: "bad chunk") }
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else {
                throw HTTPTestClientError(description: "bad chunk size \(sizeText)")
            }
            rest = rest[(lineEnd + 2)...]
            if size == 0 { return body }
            guard rest.count >= size + 2 else { throw HTTPTestClientError(description: "short chunk") }
            body += rest[rest.startIndex..<(rest.startIndex + size)]
            rest = rest[(rest.startIndex + size + 2)...]
        }
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
