internal import CCurl

/// Owns the one `CURLM *` of an ``UpstreamClient``: its connection pool and DNS cache.
///
/// Used on the loop thread only, except ``wakeup`` (see ``CurlMultiWakeup``). Every easy handle
/// must be removed before this is released.
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

    /// The handle other threads use to interrupt ``poll(timeoutMilliseconds:)``.
    var wakeup: CurlMultiWakeup {
        CurlMultiWakeup(raw: self.raw)
    }

    /// Adds an easy handle; libcurl starts it on the next ``perform()``.
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

    /// Drives every transfer as far as it can go without blocking.
    func perform() {
        var running: Int32 = 0
        _ = curl_multi_perform(self.raw, &running)
    }

    /// Waits for socket activity, a libcurl timer, ``CurlMultiWakeup/wake()`` or the timeout.
    ///
    /// - Parameter timeoutMilliseconds: The longest wait; libcurl shortens it to its own timers.
    func poll(timeoutMilliseconds: Int32) {
        var ready: Int32 = 0
        _ = curl_multi_poll(self.raw, nil, 0, timeoutMilliseconds, &ready)
    }

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

/// Interrupts `curl_multi_poll` from any thread.
///
/// Safe because `curl_multi_wakeup` is the one libcurl multi call documented as callable from
/// any thread, and ``CurlLoop`` calls it only under its lock while the loop has not yet stopped;
/// the loop marks itself stopped under that same lock before the multi handle is cleaned up.
struct CurlMultiWakeup: @unchecked Sendable {
    fileprivate let raw: UnsafeMutableRawPointer

    /// Makes the current or next `curl_multi_poll` return at once.
    func wake() {
        _ = curl_multi_wakeup(self.raw)
    }
}
