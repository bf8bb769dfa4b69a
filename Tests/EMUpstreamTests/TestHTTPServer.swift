import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A scriptable HTTP/1.1 server on 127.0.0.1 (port 0) for tests: plain POSIX sockets, one
/// thread per connection. Each test gives the connection script; the server records the raw
/// requests it read, counts connections, and notices clients that go away.
final class TestHTTPServer: Sendable {
    /// What the server observed, for assertions.
    struct Observations {
        var acceptedConnections = 0
        var requests: [RecordedRequest] = []
        /// Connections on which a script saw the client close or reset.
        var clientCloses = 0
        /// Body bytes written by ``TestConnection/writeBody(total:chunkSize:)``.
        var bodyBytesSent = 0
        /// Times such a write found the socket full (the client was not reading).
        var sendBlocked = 0
        var openFDs: Set<Int32> = []
        var stopped = false
        var listenerClosed = false
    }

    let port: Int
    private let listenFD: Int32
    let observations = Mutex(Observations())

    var baseURL: String { "http://127.0.0.1:\(self.port)" }

    /// Starts listening and accepting.
    ///
    /// - Parameter script: Runs on its own thread for each accepted connection.
    init(script: @escaping @Sendable (TestConnection) throws -> Void) throws {
        let (fd, port) = try Self.listen(backlog: 128)
        self.listenFD = fd
        self.port = port
        let server = self
        Thread.detachNewThread {
            server.acceptLoop(script: script)
        }
    }

    /// A server that answers every request on every connection with `respond`.
    convenience init(respond: @escaping @Sendable (RecordedRequest) -> TestResponse) throws {
        try self.init { connection in
            while let request = try connection.readRequest() {
                try connection.send(respond(request))
            }
        }
    }

    deinit {
        self.stop()
    }

    /// Stops accepting and unblocks every connection thread.
    func stop() {
        // Under the lock: a descriptor is closed only under it too (see `close(fd:)`), so its
        // number cannot be reused by another server between the lookup and the shutdown.
        self.observations.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            if !state.listenerClosed {
                Glibc.shutdown(self.listenFD, Int32(SHUT_RDWR))
            }
            for fd in state.openFDs {
                Glibc.shutdown(fd, Int32(SHUT_RDWR))
            }
        }
    }

    var acceptedConnections: Int { self.observations.withLock { $0.acceptedConnections } }
    var requests: [RecordedRequest] { self.observations.withLock { $0.requests } }
    var clientCloses: Int { self.observations.withLock { $0.clientCloses } }

    private func acceptLoop(script: @escaping @Sendable (TestConnection) throws -> Void) {
        defer {
            self.observations.withLock { state in
                state.listenerClosed = true
                Glibc.close(self.listenFD)
            }
        }
        while true {
            let fd = Glibc.accept(self.listenFD, nil, nil)
            guard fd >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let accepted = self.observations.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.acceptedConnections += 1
                state.openFDs.insert(fd)
                return true
            }
            guard accepted else {
                Glibc.close(fd)
                return
            }
            let connection = TestConnection(fd: fd, server: self)
            Thread.detachNewThread {
                try? script(connection)
                connection.close()
            }
        }
    }

    func record(_ request: RecordedRequest) {
        self.observations.withLock { $0.requests.append(request) }
    }

    /// Closes a connection's descriptor and forgets it.
    func close(fd: Int32) {
        self.observations.withLock { state in
            state.openFDs.remove(fd)
            Glibc.close(fd)
        }
    }

    /// Binds 127.0.0.1:0 and listens.
    static func listen(backlog: Int32) throws -> (fd: Int32, port: Int) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerError.socket(errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            Glibc.close(fd)
            throw TestServerError.socket(errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on 127.0.0.1 where nothing listens: bound but not listening, so connecting is
    /// refused and no other test can get the port until `fd` is closed.
    static func refusingPort() throws -> (fd: Int32, port: Int) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

enum TestServerError: Error {
    case socket(Int32)
    case closed
}
