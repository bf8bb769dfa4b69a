import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One accepted connection of a ``TestHTTPServer``, used by the script on its own thread.
final class TestConnection: @unchecked Sendable {
    // Safe because a connection is used by the one thread that runs its script.
    let fd: Int32
    private let server: TestHTTPServer
    private var buffered: [UInt8] = []
    private var closed = false

    init(fd: Int32, server: TestHTTPServer) {
        self.fd = fd
        self.server = server
    }

    /// Reads one request (head, then a `Content-Length` body) and records it.
    ///
    /// - Returns: The request, or `nil` when the client closed the connection first.
    func readRequest() throws -> RecordedRequest? {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = self.buffered.firstRange(of: terminator)?.upperBound
            if headEnd == nil {
                guard try self.fill() else {
                    if self.buffered.isEmpty {
                        self.noteClientClose()
                    }
                    return nil
                }
            }
        }
        let head = Array(self.buffered[..<headEnd!])
        self.buffered.removeFirst(headEnd!)
        let partial = RecordedRequest(rawHead: head, body: [])
        let length = Int(partial.values("Content-Length").first ?? "0") ?? 0
        while self.buffered.count < length {
            guard try self.fill() else { throw TestServerError.closed }
        }
        let body = Array(self.buffered[..<length])
        self.buffered.removeFirst(length)
        let request = RecordedRequest(rawHead: head, body: body)
        self.server.record(request)
        return request
    }

    /// Sends a canned response.
    func send(_ response: TestResponse) throws {
        var head = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
        }
        guard let chunkSize = response.chunkSize else {
            head += "Content-Length: \(response.body.count)\r\n\r\n"
            try self.write(Array(head.utf8) + response.body)
            return
        }
        head += "Transfer-Encoding: chunked\r\n\r\n"
        var bytes = Array(head.utf8)
        var offset = 0
        while offset < response.body.count {
            let piece = response.body[offset..<min(offset + chunkSize, response.body.count)]
            bytes += Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
            offset += piece.count
        }
        bytes += Array("0\r\n\r\n".utf8)
        try self.write(bytes)
    }

    /// Writes raw bytes, blocking until all are sent.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else {
                if sent < 0 && errno == EINTR { continue }
                self.noteClientClose()
                throw TestServerError.closed
            }
            offset += sent
        }
    }

    /// Writes a text verbatim.
    func write(_ text: String) throws {
        try self.write(Array(text.utf8))
    }

    /// Writes `total` body bytes (the byte at offset i is `UInt8(truncatingIfNeeded: i)`) without
    /// blocking blindly: counts the bytes sent and every time the socket was full.
    func writeBody(total: Int, chunkSize: Int = 64 * 1024) throws {
        let pattern = (0..<(chunkSize + 256)).map { UInt8(truncatingIfNeeded: $0) }
        var sent = 0
        while sent < total {
            let start = sent % 256
            let count = min(chunkSize, total - sent)
            let result = pattern[start..<(start + count)].withUnsafeBytes {
                Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if result > 0 {
                sent += result
                self.server.observations.withLock { $0.bodyBytesSent += result }
                continue
            }
            guard result < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                self.noteClientClose()
                throw TestServerError.closed
            }
            if errno != EINTR {
                self.server.observations.withLock { $0.sendBlocked += 1 }
                var descriptor = pollfd(fd: self.fd, events: Int16(POLLOUT), revents: 0)
                _ = Glibc.poll(&descriptor, 1, 5000)
            }
        }
    }

    /// Waits until the client closes or resets the connection.
    ///
    /// - Returns: `true` when it did within `seconds`.
    @discardableResult
    func waitForClientClose(seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var scratch = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var descriptor = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&descriptor, 1, 50) >= 0 else { continue }
            if descriptor.revents != 0 {
                let count = scratch.withUnsafeMutableBytes { Glibc.recv(self.fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 {
                    self.noteClientClose()
                    return true
                }
            }
        }
        return false
    }

    /// Sleeps, for scripts that stall.
    func pause(_ seconds: Double) {
        Thread.sleep(forTimeInterval: seconds)
    }

    /// Closes the connection with an RST instead of a FIN.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        self.close()
    }

    /// Closes the connection (FIN); idempotent.
    func close() {
        guard !self.closed else { return }
        self.closed = true
        self.server.close(fd: self.fd)
    }

    private func noteClientClose() {
        self.server.observations.withLock { $0.clientCloses += 1 }
    }

    /// Reads more bytes into the buffer.
    ///
    /// - Returns: `false` at end of stream.
    private func fill() throws -> Bool {
        var scratch = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = scratch.withUnsafeMutableBytes { Glibc.recv(self.fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                self.buffered += scratch[..<count]
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }
}
