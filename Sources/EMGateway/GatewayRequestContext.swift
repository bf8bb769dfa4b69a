public import Hummingbird
public import NIOCore

/// The gateway's request context: Hummingbird's core storage plus the client's address
/// (for the failed-logon throttle and the access log).
public struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's socket address, when the transport knows it.
    public let remoteAddress: SocketAddress?
    /// The request's route label (see `RouteTemplate`), set by the outermost middleware so that
    /// the access log and both duration metrics resolve the path once.
    var route = "{other}"

    /// Creates a context for one request.
    /// - Parameter source: the channel the request arrived on.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, or `"unknown"`.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
