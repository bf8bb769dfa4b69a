internal import CCurl

/// Owns the one `CURLM *` of an ``UpstreamClient``: its connection pool and DNS cache.
///
/// Used only by the holder of the ``CurlLoop``'s engine lock. Every easy handle must be removed
/// before this is released.
final class CurlMultiHandle {
    /// The `CURLM *`.
    let raw: UnsafeMutableRawPointer

    /// Creates the multi handle with the client's connection limits.
    ///
    /// - Parameter maxConnectionsPerHost: `CURLMOPT_MAX_HOST_CONNECTIONS`, also used as the
    ///   pool size (`CURLMOPT_MAXCONNECTS`) so idle connections are kept for reuse.
    init(maxConnectionsPerHost: Int) {
        _ = curlGlobalInitResult
        guard let raw = curl_multi_init() else {
            preconditionFailure("curl_multi_init failed (out of memory)")
        }
        self.raw = raw
        let limit = max(1, maxConnectionsPerHost)
        _ = em_curl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, limit)
        _ = em_curl_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, limit)
    }

    deinit {
        curl_multi_cleanup(self.raw)
    }

    /// Adds an easy handle; libcurl starts it when its timer next runs (see ``socketAction(_:mask:)``).
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the handle.
    func add(_ easy: CurlEasyHandle) throws(UpstreamError) {
        let code = curl_multi_add_handle(self.raw, easy.raw)
        guard code == CURLM_OK else {
            throw UpstreamError(.other, message: "curl_multi_add_handle failed: \(String(cString: curl_multi_strerror(code)))")
        }
    }

    /// Removes an easy handle (finished or not); an unfinished transfer's connection is closed.
    func remove(_ easy: CurlEasyHandle) {
        _ = curl_multi_remove_handle(self.raw, easy.raw)
    }

    /// Installs the multi_socket callbacks: libcurl tells `engine` which sockets to watch and
    /// when its timer expires.
    ///
    /// - Parameter engine: Unretained; must outlive this handle's use (it owns the handle).
    func installCallbacks(for engine: CurlEngine) {
        let context = Unmanaged.passUnretained(engine).toOpaque()
        _ = em_curl_multi_setopt_pointer(self.raw, CURLMOPT_SOCKETDATA, context)
        _ = em_curl_multi_setopt_pointer(self.raw, CURLMOPT_TIMERDATA, context)
        _ = em_curl_multi_setopt_socket_callback(self.raw) { _, socket, what, context, assigned in
            Unmanaged<CurlEngine>.fromOpaque(context!).takeUnretainedValue().watch(socket, what, known: assigned != nil)
            return 0
        }
        _ = em_curl_multi_setopt_timer_callback(self.raw) { _, milliseconds, context in
            Unmanaged<CurlEngine>.fromOpaque(context!).takeUnretainedValue().setTimer(milliseconds: milliseconds)
            return 0
        }
    }

    /// Marks `socket` as watched: libcurl passes the mark back to the socket callback (non-nil)
    /// until the socket is removed. Callable from inside that callback.
    func markWatched(_ socket: curl_socket_t) {
        _ = curl_multi_assign(self.raw, socket, UnsafeMutableRawPointer(bitPattern: 1))
    }

    /// Tells libcurl that `socket` is ready (`mask` of `CURL_CSELECT_*`), or with
    /// ``timeoutSocket`` that its timer expired; libcurl then drives every transfer it can.
    func socketAction(_ socket: curl_socket_t, mask: Int32) {
        var running: Int32 = 0
        _ = curl_multi_socket_action(self.raw, socket, mask, &running)
    }

    /// The pseudo-socket of ``socketAction(_:mask:)`` for an expired timer.
    static let timeoutSocket = em_curl_socket_timeout()

    /// The next finished transfer: its easy handle's `CURLOPT_PRIVATE` and its result.
    ///
    /// - Returns: `nil` when no finished transfer is waiting.
    func nextCompletion() -> (privateData: UnsafeMutableRawPointer, result: CURLcode)? {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(self.raw, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else {
                continue
            }
            var privateData: UnsafeMutableRawPointer?
            _ = em_curl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &privateData)
            guard let privateData else {
                continue
            }
            return (privateData, message.pointee.data.result)
        }
        return nil
    }
}

@available(*, unavailable)
extension CurlMultiHandle: Sendable {}
