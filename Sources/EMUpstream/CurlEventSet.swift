internal import CCurl
internal import CCurlEvents

/// The readiness set the upstream loop waits on: the sockets libcurl asks to watch
/// (`CURLMOPT_SOCKETFUNCTION`) and a wake-up source for other threads.
///
/// An epoll instance and an eventfd on Linux, a kqueue elsewhere. Every operation is one system
/// call on descriptors fixed at creation, so any thread may use it: the loop thread waits while
/// a thread that sends a request itself (see ``CurlLoop/submit(_:)``) adds that request's socket.
final class CurlEventSet: Sendable {
    private let queue: Int32
    private let wakeDescriptor: Int32
    /// The most sockets reported by one ``wait(timeoutMilliseconds:)``.
    static let batchSize = 64

    /// Opens the set.
    ///
    /// - Throws: `UpstreamError(.other)` when the system refuses the descriptors (out of files).
    init() throws(UpstreamError) {
        var queue: Int32 = -1
        var wake: Int32 = -1
        guard em_events_open(&queue, &wake) == 0 else {
            throw UpstreamError(.other, message: "cannot create the upstream loop's readiness set")
        }
        self.queue = queue
        self.wakeDescriptor = wake
    }

    deinit {
        em_events_close(self.queue, self.wakeDescriptor)
    }

    /// Makes the current or next ``wait(timeoutMilliseconds:)`` return at once.
    func wake() {
        em_events_wake(self.queue, self.wakeDescriptor)
    }

    /// Follows a `CURLMOPT_SOCKETFUNCTION` call: watch `socket` for `what` (`CURL_POLL_IN`,
    /// `CURL_POLL_OUT`, `CURL_POLL_INOUT`) or forget it (`CURL_POLL_REMOVE`).
    ///
    /// - Parameter known: The set already watches `socket` (a change, not an addition).
    func watch(_ socket: curl_socket_t, _ what: Int32, known: Bool) {
        em_events_watch(self.queue, socket, what, known ? 1 : 0)
    }

    /// Waits for readiness, a wake-up or the timeout.
    ///
    /// - Parameters:
    ///   - timeoutMilliseconds: The longest wait.
    ///   - ready: Filled with the ready sockets and their `CURL_CSELECT_*` masks (emptied first).
    func wait(timeoutMilliseconds: Int32, into ready: inout [(socket: curl_socket_t, mask: Int32)]) {
        ready.removeAll(keepingCapacity: true)
        var sockets = [curl_socket_t](repeating: 0, count: Self.batchSize)
        var masks = [Int32](repeating: 0, count: Self.batchSize)
        let count = em_events_wait(self.queue, self.wakeDescriptor, timeoutMilliseconds, &sockets, &masks, Int32(Self.batchSize))
        for index in 0..<Int(max(0, count)) {
            ready.append((sockets[index], masks[index]))
        }
    }
}
