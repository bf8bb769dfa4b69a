import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An upstream that writes exactly the bytes a test gives it, which no HTTP server library
/// would (`101` without an upgrade, status `999`): plain POSIX sockets on 127.0.0.1, one thread
/// per connection. It reads one request head, writes the answer for its target, then either
/// closes or, when `holdOpen`, keeps the connection open until ``stop()``.
final class RawSocketUpstream: Sendable {
    struct Answer: Sendable {
        let bytes: [UInt8]
        let holdOpen: Bool
    }

    let port: Int
    private let listener: Int32
    private let open = Mutex<(stopped: Bool, descriptors: Set<Int32>)>((false, []))

    /// Starts listening; `answer` maps a request target to what is written back.
    init(answer: @escaping @Sendable (String) -> Answer) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawSocket.Failure(description: "socket() failed") }
        var address = RawSocket.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw RawSocket.Failure(description: "bind() or listen() failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = descriptor
        let server = self
        Thread.detachNewThread { server.acceptLoop(answer: answer) }
    }

    /// Stops accepting and closes every connection still held open.
    func stop() {
        open.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            Glibc.shutdown(listener, Int32(SHUT_RDWR))
            for descriptor in state.descriptors { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    deinit { stop() }

    private func acceptLoop(answer: @escaping @Sendable (String) -> Answer) {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let admitted = open.withLock { state -> Bool in
                if state.stopped { return false }
                state.descriptors.insert(connection)
                return true
            }
            guard admitted else {
                close(connection)
                return
            }
            Thread.detachNewThread { [self] in
                defer {
                    open.withLock { state in
                        state.descriptors.remove(connection)
                        close(connection)
                    }
                }
                guard let head = RawSocket.readHead(connection) else { return }
                let target = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
                let reply = answer(target)
                RawSocket.sendAll(connection, reply.bytes)
                if reply.holdOpen {
                    // Until the test stops the server (shutdown makes recv return 0).
                    var buffer = [UInt8](repeating: 0, count: 1024)
                    while recv(connection, &buffer, buffer.count, 0) > 0 {}
                }
            }
        }
    }
}

/// Plain-socket helpers for tests that must see the exact bytes on the wire.
enum RawSocket {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Reads up to the end of a request or response head; `nil` when the peer closed first.
    static func readHead(_ descriptor: Int32) -> String? {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !received.ends(with: [13, 10, 13, 10]) {
            guard recv(descriptor, &byte, 1, 0) == 1 else { return nil }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }

    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// A response read off the wire: the head as text and every byte after it.
    struct Exchange {
        let head: String
        let body: [UInt8]

        var statusLine: String { head.components(separatedBy: "\r\n").first ?? "" }

        /// The values of header field `name` (case-insensitive), in order.
        func values(_ name: String) -> [String] {
            head.components(separatedBy: "\r\n").dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == name.lowercased() else { return nil }
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// Sends `method target` with `Connection: close` and reads until the server closes (10 s
    /// receive timeout per read), on a thread of its own.
    static func exchange(port: Int, method: String, target: String, accept: String = "application/json") async throws -> Exchange {
        try await exchange(
            port: port, request: "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: \(accept)\r\nConnection: close\r\n\r\n"
        )
    }

    /// Sends `request` (a whole request head, as written) and reads until the server closes.
    static func exchange(port: Int, request: String) async throws -> Exchange {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try blockingExchange(port: port, request: request) })
            }
        }
    }

    private static func blockingExchange(port: Int, request: String) throws -> Exchange {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect() failed") }
        sendAll(descriptor, Array(request.utf8))
        guard let head = readHead(descriptor) else { throw Failure(description: "the gateway closed before a response head") }
        var body: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw Failure(description: "read failed or timed out after \(body.count) body bytes") }
            body += buffer[0..<count]
        }
        return Exchange(head: head, body: body)
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
