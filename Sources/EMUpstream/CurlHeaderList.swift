internal import CCurl

/// Owns one `curl_slist` of request header lines; frees it on deinit.
///
/// Must outlive every easy handle it is set on (``CurlEasyHandle`` keeps a reference).
final class CurlHeaderList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init() {
        self.raw = nil
    }

    deinit {
        if let raw = self.raw {
            curl_slist_free_all(raw)
        }
    }

    /// Appends one raw header line, such as `Accept: application/xml` or `Expect:`.
    ///
    /// - Parameter line: The line, without CR/LF.
    /// - Throws: `UpstreamError(.other)` when libcurl cannot allocate the entry.
    func append(_ line: String) throws(UpstreamError) {
        guard let newHead = curl_slist_append(self.raw, line) else {
            throw UpstreamError(.other, message: "curl_slist_append failed")
        }
        self.raw = newHead
    }
}

@available(*, unavailable)
extension CurlHeaderList: Sendable {}
