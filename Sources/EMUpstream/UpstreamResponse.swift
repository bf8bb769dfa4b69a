/// The final response head from the upstream, with its body still streaming.
///
/// Returned by ``UpstreamClient/execute(_:deadline:logger:)`` as soon as the final head has arrived;
/// interim `1xx` heads are dropped. Read the body once, through ``body``:
///
/// ```swift
/// let response = try await client.execute(request)
/// guard response.status == 200 else { … }
/// let xml = try await response.body.collect(upTo: 16 << 20)
/// ```
///
/// - Important: With ``UpstreamClient/Configuration/decompress`` on (off by default), ``body``
///   holds the decoded bytes while ``headers`` stay as received: `Content-Encoding` and
///   `Content-Length` then describe the wire, not ``body``.
public struct UpstreamResponse: Sendable {
    /// The status code of the final response, such as `200`.
    public let status: Int
    /// The header fields of the final response in order, names as received.
    public let headers: [UpstreamHeader]
    /// The body, streaming; it may be iterated once.
    public let body: UpstreamBody

    /// The value of the first header field called `name`, compared case-insensitively.
    ///
    /// - Parameter name: The field name, such as `content-type`.
    /// - Returns: The first matching field's value, or `nil` when there is none.
    public func header(_ name: String) -> String? {
        self.headers.first { $0.hasName(name) }?.value
    }
}
