internal import CCurl

extension UpstreamError.Code {
    /// Maps a raw `CURLcode` onto a ``UpstreamError/Code``.
    ///
    /// - Parameters:
    ///   - curlCode: The raw `CURLcode` (never `CURLE_OK`).
    ///   - connected: Whether the transfer had a connection (libcurl's pre-request callback ran);
    ///     decides between ``connectTimeout`` and ``idleTimeout`` for `CURLE_OPERATION_TIMEDOUT`.
    init(curlCode: Int32, connected: Bool) {
        switch curlCode {
        case 7:  // COULDNT_CONNECT
            self = .connectionRefused
        case 6:  // COULDNT_RESOLVE_HOST
            self = .hostNotFound
        case 28:  // OPERATION_TIMEDOUT
            self = connected ? .idleTimeout : .connectTimeout
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91:
            // SSL_CONNECT_ERROR, PEER_FAILED_VERIFICATION, SSL_ENGINE_*, SSL_CERTPROBLEM, SSL_CIPHER,
            // PEER_FAILED_VERIFICATION/CACERT, USE_SSL_FAILED, SSL_ENGINE_INITFAILED, SSL_CACERT_BADFILE,
            // SSL_SHUTDOWN_FAILED, SSL_CRL_BADFILE, SSL_ISSUER_ERROR, SSL_PINNEDPUBKEYNOTMATCH,
            // SSL_INVALIDCERTSTATUS
            self = .tls
        case 18, 52, 55, 56:
            // PARTIAL_FILE (closed before the announced end of the body), GOT_NOTHING, SEND_ERROR, RECV_ERROR
            self = .connectionReset
        case 1, 8:
            // UNSUPPORTED_PROTOCOL (also "Received HTTP/0.9 when not allowed"), WEIRD_SERVER_REPLY
            self = .badResponse
        case 42:  // ABORTED_BY_CALLBACK
            self = .cancelled
        default:
            self = .other
        }
    }
}

extension UpstreamError {
    /// Builds the error for a failed transfer from libcurl's result.
    ///
    /// - Parameters:
    ///   - curlCode: The transfer's `CURLcode`.
    ///   - detail: The text libcurl left in `CURLOPT_ERRORBUFFER`, possibly empty.
    ///   - connected: Whether the transfer had a connection when it failed.
    init(curlCode: CURLcode, detail: String, connected: Bool) {
        let raw = Int32(bitPattern: curlCode.rawValue)
        let message: String
        if detail.isEmpty, let text = curl_easy_strerror(curlCode) {
            message = String(cString: text)
        } else {
            message = detail
        }
        self.init(Code(curlCode: raw, connected: connected), message: message, curlCode: raw)
    }
}
