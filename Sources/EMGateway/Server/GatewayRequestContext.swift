public import Hummingbird
public import NIOCore

/// The gateway's request context: Hummingbird's core storage, the peer's address and the
/// request's ``ResolvedRequest`` (worked out once by ``RequestResolutionMiddleware``).
public struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's socket address, when the transport knows it.
    public let remoteAddress: SocketAddress?
    /// The connection's event loop: where work started for the request runs.
    let eventLoop: any EventLoop
    /// The client's connection.
    private let channel: any Channel
    /// What the gateway decided about the request: route label, client address, public base
    /// URL, representation, the matched EM operation.
    var resolved = ResolvedRequest()
    /// Where a body that streams after the head reports its end, for the access log and the
    /// request metrics (set by ``ObservabilityMiddleware``).
    var responseEnd: ResponseEnd?

    /// Creates a context for one request.
    /// - Parameter source: the channel the request arrived on.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.eventLoop = source.channel.eventLoop
        self.channel = source.channel
    }

    /// Tells whether the client's connection is still open (safe to call from any thread).
    var clientConnectionCheck: @Sendable () -> Bool { { [channel] in channel.isActive } }

    /// The socket peer's IP address as text, or `"unknown"`.
    var peerAddress: String { Self.peerAddress(of: remoteAddress) }

    /// A connection's peer as the resolver takes it: its IP address, or `unknown`.
    static func peerAddress(of address: SocketAddress?) -> String { address?.ipAddress ?? "unknown" }

    /// The client's IP address (through trusted proxies), for the throttle and the logs.
    var clientAddress: String { resolved.clientAddress }

    /// The request's route label (see ``ResolvedRequest/route``).
    var route: String { resolved.route }
}
