import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Plain POSIX sockets on 127.0.0.1 for tests that must control the exact bytes on the wire or
/// the moment a connection closes, which no HTTP library lets a test do. Every blocking call runs
/// on a thread of its own, each read and write with a timeout (``defaultTimeout``).
public enum RawSocket {
    /// Seconds a read or write may wait by default: long, because a test run starts hundreds of
    /// tests at once on as few as two cores, and a debug build under that load can be silent for
    /// many seconds without being wrong.
    public static let defaultTimeout = 60
    /// A socket call that failed, or a peer that closed or went silent too early.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        /// - Parameter description: what failed.
        public init(description: String) { self.description = description }
    }

    /// A response read off the wire: the head as text and every byte after it.
    public struct Exchange: Sendable {
        /// The status line and header fields, up to and including the empty line.
        public let head: String
        /// Every byte after the head, as received (chunked framing included).
        public let body: [UInt8]

        /// Every byte received, head included.
        public var all: [UInt8] { Array(head.utf8) + body }

        /// The head's first line, such as `HTTP/1.1 200 OK`.
        public var statusLine: String { head.components(separatedBy: "\r\n").first ?? "" }

        /// The values of header field `name` (case-insensitive), in order.
        public func values(_ name: String) -> [String] {
            head.components(separatedBy: "\r\n").dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == name.lowercased() else { return nil }
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// Sends `method target` with `Connection: close` and reads until the server closes.
    /// - Throws: ``Failure`` when the connection fails, or the server closes before a head or
    ///   goes silent for ``defaultTimeout`` seconds.
    public static func exchange(port: Int, method: String, target: String, accept: String = "application/json") async throws -> Exchange {
        try await exchange(
            port: port, request: "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: \(accept)\r\nConnection: close\r\n\r\n"
        )
    }

    /// Sends `request` (a whole request, as written) and reads until the server closes.
    /// - Throws: ``Failure`` as ``exchange(port:method:target:accept:)``.
    public static func exchange(port: Int, request: String) async throws -> Exchange {
        try await onOwnThread {
            let descriptor = try connect(port: port)
            defer { close(descriptor) }
            sendAll(descriptor, Array(request.utf8))
            let head = try readHead(descriptor, what: "a response head")
            var body: [UInt8] = []
            while true {
                let chunk = try receive(descriptor)
                if chunk.isEmpty { break }
                body += chunk
            }
            return Exchange(head: head, body: body)
        }
    }

    /// Sends `request` (one or several, pipelined) and reads until `isComplete` says what
    /// arrived is whole, then hangs up: for answers on a connection the server keeps open.
    /// - Returns: every byte received.
    /// - Throws: ``Failure`` when the server closes or goes silent first.
    public static func exchange(
        port: Int, request: String, until isComplete: @escaping @Sendable ([UInt8]) -> Bool
    ) async throws -> [UInt8] {
        try await onOwnThread {
            let descriptor = try connect(port: port)
            defer { close(descriptor) }
            sendAll(descriptor, Array(request.utf8))
            var received: [UInt8] = []
            while !isComplete(received) {
                let chunk = try receive(descriptor)
                guard !chunk.isEmpty else { throw Failure(description: "the server closed after \(received.count) bytes") }
                received += chunk
            }
            return received
        }
    }

    /// Sends `GET target`, reads until at least `bytes` bytes of response arrived, calls
    /// `beforeClose`, then hangs up: a client that leaves mid-download.
    /// - Returns: what was read (the head and the start of the body).
    /// - Throws: ``Failure`` when the server closes or goes silent before `bytes` arrived.
    public static func readThenHangUp(
        port: Int, target: String, bytes wanted: Int, beforeClose: @escaping @Sendable () -> Void
    ) async throws -> [UInt8] {
        try await onOwnThread {
            let descriptor = try connect(port: port)
            defer {
                beforeClose()
                close(descriptor)
            }
            sendAll(descriptor, Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\n\r\n".utf8))
            var received: [UInt8] = []
            while received.count < wanted {
                let chunk = try receive(descriptor)
                guard !chunk.isEmpty else { throw Failure(description: "the server closed after \(received.count) bytes") }
                received += chunk
            }
            return received
        }
    }

    /// The IPv4 loopback address with `port`.
    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Reads up to the end of a request or response head; `nil` when the peer closed first or
    /// went silent past the socket's timeout.
    public static func readHead(_ descriptor: Int32) -> String? {
        try? readHead(descriptor, what: "a head")
    }

    /// Reads up to the end of a request or response head.
    /// - Throws: ``Failure`` naming `what` and whether the peer closed or went silent.
    static func readHead(_ descriptor: Int32, what: String) throws -> String {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !(received.count >= 4 && received[(received.count - 4)...].elementsEqual([13, 10, 13, 10])) {
            let count = recv(descriptor, &byte, 1, 0)
            guard count == 1 else { throw silenceOrClose(count: count, before: what, after: received.count) }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// The failure for a `recv` that returned `count` (0: the peer closed; -1: an error or the
    /// socket's timeout).
    static func silenceOrClose(count: Int, before what: String, after bytes: Int) -> Failure {
        if count == 0 { return Failure(description: "the peer closed after \(bytes) bytes, before \(what)") }
        let error = errno
        if error == EAGAIN || error == EWOULDBLOCK {
            return Failure(description: "the peer was silent past the socket's timeout after \(bytes) bytes, before \(what)")
        }
        return Failure(description: "recv failed (\(String(cString: strerror(error)))) after \(bytes) bytes, before \(what)")
    }

    /// Writes all of `bytes`, or stops quietly when the peer has gone.
    public static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// A socket connected to 127.0.0.1:`port`; the caller closes it.
    /// - Parameters:
    ///   - receiveBuffer: `SO_RCVBUF` in bytes, to make a client that reads slowly stall the
    ///     server's writes soon. Default: the system's.
    ///   - timeout: seconds each send and receive may wait. Default ``defaultTimeout``.
    /// - Throws: ``Failure`` when nothing accepts the connection.
    public static func connect(port: Int, receiveBuffer: Int32? = nil, timeout seconds: Int = defaultTimeout) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        if var receiveBuffer {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect() to port \(port) failed")
        }
        return descriptor
    }

    /// A loopback port nothing listens on right now (bound, read back and released).
    /// - Throws: ``Failure`` when no port can be bound.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The next bytes received; empty when the peer closed.
    /// - Throws: ``Failure`` on an error or silence past the socket's timeout.
    static func receive(_ descriptor: Int32) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw silenceOrClose(count: count, before: "the end", after: 0) }
        return Array(buffer[0..<count])
    }

    /// Runs blocking socket work on a thread of its own, off the test's executor.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}

/// An upstream that writes exactly the bytes a test gives it, which no HTTP server library would
/// (`101` without an upgrade, status `999`, a body cut short): a listener on 127.0.0.1, one
/// thread per connection. Each connection's request head goes to `respond`; its reply is
/// written, then the connection closes or, when ``Reply/holdOpen``, stays open until ``stop()``.
public final class RawSocketServer: Sendable {
    /// A request head as received.
    public struct Request: Sendable {
        /// The request line and header fields, up to and including the empty line.
        public let head: String
        /// Whether ``RawSocketServer/stop()`` has been called.
        public let stopped: @Sendable () -> Bool

        /// The request target, such as `/api/jobs?format=Entity`.
        public var target: String { head.split(separator: " ").dropFirst().first.map(String.init) ?? "/" }
    }

    /// What to write back.
    public struct Reply: Sendable {
        /// The bytes, written as they are.
        public let bytes: [UInt8]
        /// Keep the connection open after them until the server stops.
        public let holdOpen: Bool

        /// - Parameters:
        ///   - bytes: the whole answer as written on the wire.
        ///   - holdOpen: keep the connection open afterwards. Default `false`: close it.
        public init(_ bytes: [UInt8], holdOpen: Bool = false) {
            self.bytes = bytes
            self.holdOpen = holdOpen
        }
    }

    /// The port it listens on.
    public let port: Int
    private let listener: Int32
    private let state = Mutex<(stopped: Bool, accepted: Int, open: Set<Int32>)>((false, 0, []))

    /// The connections accepted so far.
    public var accepted: Int { state.withLock { $0.accepted } }

    /// Starts listening on an ephemeral port.
    /// - Parameter respond: the reply to one request head; called on the connection's thread.
    /// - Throws: ``RawSocket/Failure`` when the socket cannot be bound.
    public init(respond: @escaping @Sendable (Request) -> Reply) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawSocket.Failure(description: "socket() failed") }
        var address = RawSocket.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw RawSocket.Failure(description: "bind() or listen() failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = descriptor
        let server = self
        Thread.detachNewThread { server.acceptLoop(respond: respond) }
    }

    /// Stops accepting and closes every connection still held open.
    public func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            Glibc.shutdown(listener, Int32(SHUT_RDWR))
            for descriptor in state.open { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    deinit { stop() }

    private func acceptLoop(respond: @escaping @Sendable (Request) -> Reply) {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let admitted = state.withLock { state -> Bool in
                if state.stopped { return false }
                state.accepted += 1
                state.open.insert(connection)
                return true
            }
            guard admitted else {
                close(connection)
                return
            }
            Thread.detachNewThread { [self] in
                defer {
                    state.withLock { state in
                        state.open.remove(connection)
                        close(connection)
                    }
                }
                guard let head = RawSocket.readHead(connection) else { return }
                let reply = respond(Request(head: head, stopped: { [self] in state.withLock { $0.stopped } }))
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
