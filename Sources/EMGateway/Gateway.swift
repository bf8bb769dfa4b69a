public import EMTranslate
public import EMUpstream
public import Hummingbird
public import Logging
import EMContract
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import ServiceLifecycle

/// Builds the gateway's HTTP application.
///
/// ```swift
/// let upstream = UpstreamClient(configuration: configuration.upstream)
/// let app = try Gateway.makeApplication(configuration: configuration, upstream: upstream, logger: logger)
/// try await ServiceGroup(configuration: .init(services: [upstream, app], logger: logger)).run()
/// ```
public enum Gateway {
    /// Creates the gateway application: `/api/...` proxied to EM, `/healthz` and `/readyz`
    /// answered locally, every error in EM's `Error` shape.
    /// - Parameters:
    ///   - configuration: listen address, EM base URL, translation settings, limits.
    ///   - upstream: the libcurl client (run it as a service beside the application).
    ///   - schema: the prepared schema. Default ``TranslationSchema/builtIn``.
    ///   - probe: the EM readiness probe; default: a new one, run as one of the app's services.
    ///   - metrics: the metrics registry served at `/metrics`; default: a new one.
    ///   - logger: the application's logger.
    ///   - onServerRunning: called with the bound port once the server listens.
    /// - Returns: a Hummingbird application; run it with `runService()` or in a `ServiceGroup`.
    /// - Throws: `NIOSSLError` when ``GatewayConfiguration/tls`` cannot be used.
    public static func makeApplication(
        configuration: GatewayConfiguration,
        upstream: UpstreamClient,
        schema: TranslationSchema = .builtIn,
        probe: UpstreamProbe? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let serviceAccount = configuration.serviceAccount.map {
            ServiceAccount(configuration: $0, upstreamBaseURL: configuration.upstreamBaseURL, client: upstream, logger: logger)
        }
        let proxy = Proxy(configuration: configuration, upstream: upstream, schema: schema, metrics: metrics, serviceAccount: serviceAccount)
        var accessLogger = logger
        accessLogger[metadataKey: "em.log"] = "access"
        var auditLogger = logger
        auditLogger[metadataKey: "em.log"] = "audit"
        let probe = probe ?? UpstreamProbe(upstreamBaseURL: configuration.upstreamBaseURL, client: upstream, logger: logger)
        // The server stops first at shutdown, then these: the service account logs off last.
        var services: [any Service] = [probe]
        if let serviceAccount { services.append(serviceAccount) }
        let router = Router(context: GatewayRequestContext.self)
        router.addMiddleware {
            ObservabilityMiddleware(
                metrics: metrics, sessions: SessionDirectory(), route: RouteTemplate.resolver(schema.model),
                accessLogger: accessLogger, auditLogger: auditLogger, bearerTokens: configuration.serviceAccount?.tokens)
            ErrorMiddleware()
            HeaderValidationMiddleware()
            BrowserPolicyMiddleware(allowedOrigins: Set(configuration.allowedOrigins)) { proxy.rewriter.publicOrigin }
            ProxyMiddleware(proxy: proxy)
        }
        let documents = OpenAPIDocuments { proxy.rewriter.publicBaseURL }
        serveLocally(router, "/") {
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: DocumentationPage.html(publicBaseURL: proxy.rewriter.publicBaseURL))))
        }
        serveLocally(router, "/healthz") {
            jsonResponse(.ok, #"{"status":"ok"}"#)
        }
        for rendition in ContractRendition.allCases {
            serveLocally(router, RouterPath(rendition.path)) {
                Response(
                    status: .ok, headers: [.contentType: rendition.contentType], body: .init(byteBuffer: documents.document(rendition)))
            }
        }
        serveLocally(router, "/metrics") {
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        serveLocally(router, "/readyz") {
            // EM answers; in service-account mode the gateway's own EM session must be good too.
            let state = await probe.freshState()
            let account: ServiceAccount.Readiness? = if state == .ready { await serviceAccount?.readiness() } else { nil }
            let ready = state == .ready && (account ?? .ready) == .ready
            return jsonResponse(ready ? .ok : .serviceUnavailable, #"{"status":"\#(account?.rawValue ?? state.rawValue)"}"#)
        }
        let channelConfiguration = HTTP1Channel.Configuration(idleTimeout: .nanoseconds(configuration.clientIdleTimeout.nanosecondsClamped))
        let stalledWriteTimeout = TimeAmount.nanoseconds(configuration.clientIdleTimeout.nanosecondsClamped)
        let http1 = HTTPServerBuilder { responder in
            GatewayChildChannel(
                base: HTTP1Channel(responder: responder, configuration: channelConfiguration), stalledWriteTimeout: stalledWriteTimeout)
        }
        return Application(
            router: router,
            server: try configuration.tls.map { try .tls(http1, tlsConfiguration: $0) } ?? http1,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "em-gateway"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                proxy.serverBound(port: port)
                await onServerRunning(port)
            },
            logger: logger)
    }

    /// Answers `GET` on one of the gateway's own paths, and `HEAD` with the same head and no
    /// body (RFC 9110 §9.3.2).
    private static func serveLocally(
        _ router: Router<GatewayRequestContext>, _ path: RouterPath, _ respond: @escaping @Sendable () async throws -> Response
    ) {
        router.get(path) { _, _ in try await respond() }
        router.head(path) { _, _ in
            var response = try await respond()
            // The length GET would send, and no body (an empty ResponseBody would claim 0). The
            // header is set after the body: setting a body resets Content-Length.
            let length = response.body.contentLength
            response.body = ResponseBodyStreamer.headBody
            if let length { response.headers[.contentLength] = String(length) }
            return response
        }
    }

    private static func jsonResponse(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        return seconds > Int64.max / 1_000_000_000 ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension LinkRewriter {
    /// `scheme://host[:port]` of the public base URL.
    var publicOrigin: String {
        let parts = publicBaseURL.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        // "scheme:", "", "host[:port]", "path..."
        return parts.count >= 3 ? parts[0...2].joined(separator: "/") : publicBaseURL
    }
}
