public import EMTranslate
public import EMUpstream
public import NIOSSL

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
    /// What a client gets when its `Accept` decides nothing (see ``MediaNegotiation``):
    /// JSON, or EM's XML as EM itself answers. Default `.json`.
    public var defaultRepresentation: DefaultRepresentation = .json
    /// The response cache (see ``ResponseCacheConfiguration``). Default on, 64 MiB.
    public var cache = ResponseCacheConfiguration()
    /// Proxies whose `Forwarded`/`X-Forwarded-*` fields are believed for the client's address,
    /// host and scheme. Default none: every client is its socket peer.
    public var trustedProxies: TrustedProxies = .none
    /// Largest request body accepted, in bytes; larger → `413`. Default 1 MiB.
    public var maxRequestBodyBytes: Int = 1 << 20
    /// Converted responses up to this many bytes are sent with `Content-Length`; larger ones
    /// stream chunked. Default 1 MiB.
    public var contentLengthThreshold: Int = 1 << 20
    /// Limits for EM's XML. Default ``XMLToJSONConverter/Limits/init()``.
    public var xmlLimits = XMLToJSONConverter.Limits()
    /// The libcurl client's settings (timeouts, TLS). Default ``UpstreamClient/Configuration/init()``.
    public var upstream = UpstreamClient.Configuration()
    /// Most requests in flight to EM at once; past it the gateway answers `503` with
    /// `Retry-After` instead of piling load on EM. Default 64.
    public var maxConcurrentUpstreamRequests: Int = 64
    /// Failed logons (EM answered `401`) allowed per client address within
    /// ``failedLogonWindow`` before further logons from it get `429`. Default 10.
    public var maxFailedLogons: Int = 10
    /// The window for ``maxFailedLogons``. Default 5 minutes.
    public var failedLogonWindow: Duration = .seconds(300)
    /// A client connection idle this long (including one that sends its headers or body too
    /// slowly) is closed. Default 30 s.
    public var clientIdleTimeout: Duration = .seconds(30)
    /// When to drop EM's `WWW-Authenticate: Basic` challenge, which makes browsers pop up a
    /// login dialog on XHR calls (EM answers a failed Basic logon with one). Default ``ChallengePolicy/browsers``.
    public var challengePolicy: ChallengePolicy = .browsers
    /// Origins (`https://app.example.com`) allowed to call the gateway from a browser (CORS).
    /// A cookie-only state-changing request must come from one of them. Default none.
    public var allowedOrigins: [String] = []
    /// Serve HTTPS with this configuration (swift-nio-ssl); `nil` serves plain HTTP. Default `nil`.
    public var tls: TLSConfiguration?
    /// Whether the session cookie the gateway sets carries `Secure` (it is served over TLS or
    /// behind a TLS-terminating proxy). Default: whether the public base URL is `https`.
    public var secureCookies: Bool?
    /// Service-account mode: the gateway holds one EM session of its own and clients present
    /// bearer tokens. `nil`: pass-through mode, each client logs on to EM itself. Default `nil`.
    public var serviceAccount: ServiceAccountConfiguration?
    /// Whether the upstream is the built-in EM simulator (`--demo`): the home page then offers
    /// the demo's accounts and resources, and `serve` prints the demo credentials. Default `false`.
    public var demo = false

    /// Creates a configuration with defaults for everything but the upstream.
    /// - Parameter upstreamBaseURL: EM's base URL without `/api`; a trailing `/` is dropped.
    public init(upstreamBaseURL: String) {
        var base = upstreamBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.upstreamBaseURL = base
    }

    /// The per-identity response cache's settings.
    public struct ResponseCacheConfiguration: Sendable {
        /// Whether answers are stored (validators and coalescing work either way). Default `true`.
        public var enabled = true
        /// The most bytes stored (keys, header fields and bodies); one identity holds at most a
        /// quarter. Default 64 MiB.
        public var maxBytes = 64 << 20
        /// Multiplies each operation's `x-em-gateway-max-age`; `0` makes nothing fresh. Default 1.
        public var ttlFactor = 1.0

        /// Creates the defaults.
        public init() {}
    }

    /// The representation for clients whose `Accept` decides nothing.
    public enum DefaultRepresentation: String, Sendable, CaseIterable {
        /// JSON (in ``GatewayConfiguration/dialect``).
        case json
        /// EM's XML, as EM answers a client that does not ask for JSON.
        case xml
    }

    /// When the gateway drops EM's Basic challenge (`WWW-Authenticate`) from `401` answers.
    public enum ChallengePolicy: String, Sendable, CaseIterable {
        /// Always pass it (curl and scripts expect it).
        case keep
        /// Drop it for requests that look like a browser's script calls: an `Origin` header or
        /// `X-Requested-With: XMLHttpRequest`.
        case browsers
        /// Always drop it.
        case drop
    }

    /// The public base URL for a server bound to `port`.
    /// - Parameter port: the bound port (differs from ``port`` when that is 0).
    /// - Returns: ``publicBaseURL`` if set, else `http://host:port` (`https://` under TLS).
    public func resolvedPublicBaseURL(boundPort port: Int) -> String {
        if let publicBaseURL { return publicBaseURL }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return (tls == nil ? "http://" : "https://") + "\(host):\(port)"
    }
}
