public import EMTranslate
public import EMUpstream
public import Hummingbird
public import Logging
import NIOCore

/// Builds the gateway's HTTP application.
///
/// ```swift
/// try await withUpstreamClient { upstream in
///     let app = Gateway.makeApplication(configuration: configuration, upstream: upstream, logger: logger)
///     try await app.runService()
/// }
/// ```
public enum Gateway {
    /// Creates the gateway application: `/api/...` proxied to EM, `/healthz` answered locally,
    /// every error in EM's `Error` shape.
    /// - Parameters:
    ///   - configuration: listen address, EM base URL, translation settings.
    ///   - upstream: the libcurl client (run it as a service beside the application).
    ///   - schema: the prepared schema. Default ``TranslationSchema/builtIn``.
    ///   - logger: the application's logger.
    ///   - onServerRunning: called with the bound port once the server listens.
    /// - Returns: a Hummingbird application; run it with `runService()` or in a `ServiceGroup`.
    public static func makeApplication(
        configuration: GatewayConfiguration,
        upstream: UpstreamClient,
        schema: TranslationSchema = .builtIn,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let proxy = Proxy(configuration: configuration, upstream: upstream, schema: schema)
        let router = Router(context: BasicRequestContext.self)
        router.addMiddleware {
            ErrorMiddleware()
            LogRequestsMiddleware(.debug)
            ProxyMiddleware(proxy: proxy)
        }
        router.get("/healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "em-gateway"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                proxy.serverBound(port: port)
                await onServerRunning(port)
            },
            logger: logger)
    }
}
