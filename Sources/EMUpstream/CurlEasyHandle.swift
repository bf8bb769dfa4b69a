internal import CCurl
internal import NIOCore

/// Owns one `CURL *` easy handle and the memory libcurl reads through it (request body,
/// header list, error buffer); frees them on deinit.
///
/// Used by the engine lock holder only. Remove it from its multi handle before it is released.
final class CurlEasyHandle {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: `CURL_ERROR_SIZE` bytes, NUL-terminated.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// `CURLOPT_POSTFIELDS`: libcurl reads the body from the request's own `ByteBuffer`
    /// storage, retained here, also when it resends the request on a fresh connection, so the
    /// bytes live as long as the handle (no copy is made).
    private var postFields: Unmanaged<AnyObject>?
    private var headerList: CurlHeaderList?

    /// Creates an easy handle.
    ///
    /// - Throws: `UpstreamError(.other)` when `curl_easy_init` fails.
    init() throws(UpstreamError) {
        guard let raw = curl_easy_init() else {
            throw UpstreamError(.other, message: "curl_easy_init failed")
        }
        self.raw = raw
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        em_curl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, self.errorBuffer)
    }

    deinit {
        curl_easy_cleanup(self.raw)
        self.errorBuffer.deallocate()
        self.postFields?.release()
    }

    /// Makes the handle as new for another transfer (`curl_easy_reset`): every option back to
    /// its default, the body and header list it held released. What libcurl keeps across
    /// transfers stays (connections live in the multi handle, TLS sessions in the share).
    func reset() {
        curl_easy_reset(self.raw)
        self.errorBuffer[0] = 0
        em_curl_easy_setopt_pointer(self.raw, CURLOPT_ERRORBUFFER, self.errorBuffer)
        self.postFields?.release()
        self.postFields = nil
        self.headerList = nil  // libcurl no longer points at it after the reset
    }

    /// libcurl's detail about the last failure, or an empty string.
    var errorText: String {
        String(cString: self.errorBuffer)
    }

    /// Sets a `long` option.
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the option.
    func set(_ option: CURLoption, _ value: Int) throws(UpstreamError) {
        try check(em_curl_easy_setopt_long(self.raw, option, value), option)
    }

    /// Sets a string option (libcurl copies the string).
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the option.
    func set(_ option: CURLoption, _ value: String) throws(UpstreamError) {
        try check(em_curl_easy_setopt_string(self.raw, option, value), option)
    }

    /// Sets a pointer option (`CURLOPT_WRITEDATA`, `CURLOPT_PRIVATE`…).
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the option.
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(UpstreamError) {
        try check(em_curl_easy_setopt_pointer(self.raw, option, pointer), option)
    }

    /// Sets a write or header callback.
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the option.
    func set(_ option: CURLoption, callback: curl_write_callback) throws(UpstreamError) {
        try check(em_curl_easy_setopt_write_callback(self.raw, option, callback), option)
    }

    /// Sets `CURLOPT_PREREQFUNCTION`.
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the option.
    func setPrerequestCallback(_ callback: curl_prereq_callback) throws(UpstreamError) {
        try check(em_curl_easy_setopt_prereq_callback(self.raw, CURLOPT_PREREQFUNCTION, callback), CURLOPT_PREREQFUNCTION)
    }

    /// Sets `CURLOPT_HTTPHEADER` and keeps the list alive as long as the handle.
    ///
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the option.
    func setHeaders(_ list: CurlHeaderList) throws(UpstreamError) {
        self.headerList = list
        try check(em_curl_easy_setopt_slist(self.raw, CURLOPT_HTTPHEADER, list.raw), CURLOPT_HTTPHEADER)
    }

    /// Points `CURLOPT_POSTFIELDS` at `body`'s bytes, retaining its storage for as long as the
    /// handle lives, and sets `CURLOPT_POSTFIELDSIZE_LARGE` (which makes libcurl send it with a
    /// `Content-Length`). ByteBuffer's storage management keeps the pointer valid: a later
    /// mutation of the caller's copy gets storage of its own.
    ///
    /// - Parameter body: The bytes to send; may be empty (`Content-Length: 0`).
    /// - Throws: `UpstreamError(.other)` when libcurl refuses the options.
    func setBody(_ body: ByteBuffer) throws(UpstreamError) {
        // A NULL CURLOPT_POSTFIELDS would make libcurl read the body from a callback instead:
        // an empty body still points at (one byte of) retained storage.
        let source = body.readableBytes > 0 ? body : ByteBuffer(integer: UInt8(0))
        let (address, storage) = source.withUnsafeReadableBytesWithStorageManagement { bytes, storage in
            (bytes.baseAddress, storage.retain())
        }
        self.postFields?.release()
        self.postFields = storage
        try check(
            em_curl_easy_setopt_off_t(self.raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.readableBytes)),
            CURLOPT_POSTFIELDSIZE_LARGE
        )
        // libcurl only reads CURLOPT_POSTFIELDS; the C prototype takes a mutable pointer.
        try check(em_curl_easy_setopt_pointer(self.raw, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: address)), CURLOPT_POSTFIELDS)
    }

    /// Reads a `long` info value, such as `CURLINFO_RESPONSE_CODE`; 0 when unavailable.
    func info(_ info: CURLINFO) -> Int {
        var value = 0
        _ = em_curl_easy_getinfo_long(self.raw, info, &value)
        return value
    }

    /// Resumes a transfer paused by `CURL_WRITEFUNC_PAUSE`. libcurl may call the write callback
    /// before this returns.
    func unpause() {
        _ = em_curl_easy_pause_cont(self.raw)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(UpstreamError) {
        guard code == CURLE_OK else {
            throw UpstreamError(
                .other,
                message: "curl_easy_setopt(\(option.rawValue)) failed: \(String(cString: curl_easy_strerror(code)))",
                curlCode: Int32(bitPattern: code.rawValue)
            )
        }
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}
