internal import CCurl

/// Owns one `CURLSH *` that lets the easy handles of a client share TLS sessions, so a new
/// connection to the upstream can resume a session instead of a full handshake; frees it on deinit.
///
/// Used by the engine lock holder only (so it needs no lock callbacks: one thread at a time). Every easy handle using it must
/// be cleaned up before it is released.
final class CurlShareHandle {
    /// The `CURLSH *`.
    let raw: UnsafeMutableRawPointer

    init() {
        _ = curlGlobalInitResult
        guard let raw = curl_share_init() else {
            preconditionFailure("curl_share_init failed (out of memory)")
        }
        self.raw = raw
        _ = em_curl_share_setopt_long(raw, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue))
    }

    deinit {
        curl_share_cleanup(self.raw)
    }
}

@available(*, unavailable)
extension CurlShareHandle: Sendable {}
