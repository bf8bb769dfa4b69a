internal import CCurl
internal import NIOCore

extension Transfer {
    /// Methods whose requests carry content (RFC 9110, section 9.3): sent with `Content-Length: 0`
    /// when the caller gives no body, since some servers answer 411 otherwise.
    private static let methodsWithContent: Set<String> = ["POST", "PUT", "PATCH"]

    /// Request headers the client owns: framing follows ``UpstreamRequest/body``, and
    /// `Expect: 100-continue` is never sent.
    private static let ownedHeaders = ["Content-Length", "Transfer-Encoding", "Expect"]

    /// Sets every libcurl option for `request`.
    ///
    /// - Parameters:
    ///   - request: The request to send.
    ///   - configuration: The client's configuration.
    ///   - share: The client's share handle (TLS sessions).
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses an option.
    func configure(request: UpstreamRequest, configuration: UpstreamClient.Configuration, share: CurlShareHandle) throws(UpstreamError) {
        let easy = self.easy
        try easy.set(CURLOPT_SHARE, pointer: share.raw)  // TLS session resumption across connections
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_PATH_AS_IS, 1)  // send the path byte for byte, no dot-segment removal
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)  // redirects are the caller's business
        try easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_PROXY, "")  // libraries never read the environment (http_proxy…)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)  // notice pooled connections that died quietly
        try easy.set(CURLOPT_BUFFERSIZE, Transfer.receiveBufferSize)

        if configuration.decompress {
            try easy.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl can decode
            try easy.set(CURLOPT_HTTP_CONTENT_DECODING, 1)
        } else {
            try easy.set(CURLOPT_HTTP_CONTENT_DECODING, 0)
        }

        let tls = configuration.tls
        try easy.set(CURLOPT_SSL_VERIFYPEER, tls.verifyPeer ? 1 : 0)
        try easy.set(CURLOPT_SSL_VERIFYHOST, tls.verifyPeer ? 2 : 0)
        if let caFile = tls.caFile {
            try easy.set(CURLOPT_CAINFO, caFile)
        }
        if let pinnedPublicKey = tls.pinnedPublicKey {
            try easy.set(CURLOPT_PINNEDPUBLICKEY, pinnedPublicKey)
        }

        let sendsBody = try self.configureMethod(request)
        try self.configureHeaders(request, sendsBody: sendsBody)
        try self.configureCallbacks()
    }

    /// Chooses how libcurl sends the method and body.
    ///
    /// - Returns: Whether the request carries content (`CURLOPT_POSTFIELDS` is set).
    private func configureMethod(_ request: UpstreamRequest) throws(UpstreamError) -> Bool {
        let easy = self.easy
        let method = request.method
        if method == "HEAD" {
            try easy.set(CURLOPT_NOBODY, 1)  // libcurl must not wait for a body
            return false
        }
        guard request.body != nil || Self.methodsWithContent.contains(method) else {
            if method == "GET" {
                try easy.set(CURLOPT_HTTPGET, 1)
            } else {
                try easy.set(CURLOPT_CUSTOMREQUEST, method)
            }
            return false
        }
        try easy.set(CURLOPT_POST, 1)
        if method != "POST" {
            try easy.set(CURLOPT_CUSTOMREQUEST, method)
        }
        try easy.setBody(request.body ?? ByteBuffer())
        return true
    }

    private func configureHeaders(_ request: UpstreamRequest, sendsBody: Bool) throws(UpstreamError) {
        let list = CurlHeaderList()
        var hasContentType = false
        for header in request.headers {
            if Self.ownedHeaders.contains(where: { header.hasName($0) }) {
                continue
            }
            if header.hasName("Content-Type") {
                hasContentType = true
            }
            // "Name:" would make libcurl drop the field; "Name;" sends it with an empty value.
            try list.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        try list.append("Expect:")  // no 100-continue round trip
        if sendsBody && !hasContentType {
            try list.append("Content-Type:")  // do not invent application/x-www-form-urlencoded
        }
        try self.easy.setHeaders(list)
    }

    private func configureCallbacks() throws(UpstreamError) {
        let easy = self.easy
        // Safe because the transfer outlives its easy handle's membership in the multi handle:
        // CurlEngine holds it (in `transfers`, then in `end` until the handle is removed), and
        // libcurl calls these callbacks (and CURLINFO_PRIVATE is read) only while the handle is
        // in the multi, from calls the engine makes under its lock.
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_PRIVATE, pointer: context)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_PREREQDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receivedHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
        }
        try easy.set(CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receivedBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
        }
        try easy.setPrerequestCallback { context, _, _, _, _ in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.didConnect()
            return CURL_PREREQFUNC_OK
        }
    }

    /// A duration in whole milliseconds, rounded up, at least 1.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(max(1, millis))
    }
}
