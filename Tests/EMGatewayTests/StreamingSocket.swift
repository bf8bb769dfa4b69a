import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A client that hangs up mid-download: plain POSIX sockets, so the test controls exactly when
/// the connection closes. Blocking calls run on a thread of their own, each with a 10 s timeout.
enum StreamingSocket {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `GET target`, reads until at least `bytes` bytes of response arrived, calls
    /// `beforeClose`, then closes.
    /// - Returns: what was read (head and the start of the body).
    static func readThenHangUp(
        port: Int, target: String, bytes: Int, beforeClose: @escaping @Sendable () -> Void
    ) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try exchange(port: port, target: target, bytes: bytes, beforeClose: beforeClose) })
            }
            thread.start()
        }
    }

    private static func exchange(
        port: Int, target: String, bytes wanted: Int, beforeClose: @Sendable () -> Void
    ) throws -> [UInt8] {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer {
            beforeClose()
            close(descriptor)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect() failed") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == request.count else { throw Failure(description: "send() failed") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while received.count < wanted {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "the gateway closed or timed out after \(received.count) bytes") }
            received += buffer[0..<count]
        }
        return received
    }
}
