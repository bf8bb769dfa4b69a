public import EMTranslate
public import EMUpstream

/// Everything the gateway needs to serve: where to listen, which EM to call, and how to translate.
///
/// ```swift
/// var configuration = GatewayConfiguration(upstreamBaseURL: "https://em.example.local:9398")
/// configuration.port = 8443
/// ```
public struct GatewayConfiguration: Sendable {
    /// Address to listen on. Default `127.0.0.1`.
    public var host: String = "127.0.0.1"
    /// Port to listen on; 0 picks a free one. Default 8080.
    public var port: Int = 8080
    /// EM's base URL without `/api` (`https://em.example.local:9398`). The only host the gateway
    /// ever calls: nothing in a request can change it.
    public var upstreamBaseURL: String
    /// The base URL clients use to reach the gateway; EM's links are rewritten to it. Default
    /// `nil`: `http://` + the listen address (with the bound port).
    public var publicBaseURL: String?
    /// JSON form when the client does not ask for one. Default ``JSONDialect/native``.
    public var dialect: JSONDialect = .native
    /// Largest request body accepted, in bytes; larger → `413`. Default 1 MiB.
    public var maxRequestBodyBytes: Int = 1 << 20
    /// Converted responses up to this many bytes are sent with `Content-Length` (F12); larger ones
    /// stream chunked. Default 1 MiB.
    public var contentLengthThreshold: Int = 1 << 20
    /// Limits for EM's XML. Default ``XMLToJSONConverter/Limits/init()``.
    public var xmlLimits = XMLToJSONConverter.Limits()
    /// The libcurl client's settings (timeouts, TLS). Default ``UpstreamClient/Configuration/init()``.
    public var upstream = UpstreamClient.Configuration()

    /// Creates a configuration with defaults for everything but the upstream.
    /// - Parameter upstreamBaseURL: EM's base URL without `/api`; a trailing `/` is dropped.
    public init(upstreamBaseURL: String) {
        var base = upstreamBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.upstreamBaseURL = base
    }

    /// The public base URL for a server bound to `port`.
    /// - Parameter port: the bound port (differs from ``port`` when that is 0).
    /// - Returns: ``publicBaseURL`` if set, else `http://host:port`.
    public func resolvedPublicBaseURL(boundPort port: Int) -> String {
        if let publicBaseURL { return publicBaseURL }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "http://\(host):\(port)"
    }
}
