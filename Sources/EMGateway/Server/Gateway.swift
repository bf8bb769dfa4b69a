import EMContract
public import EMTranslate
public import EMUpstream
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import ServiceLifecycle

/// Builds the gateway's HTTP application.
///
/// ```swift
/// let upstream = UpstreamClient(configuration: configuration.upstream)
/// let app = try Gateway.makeApplication(configuration: configuration, upstream: upstream, logger: logger)
/// try await app.runService()  // runs the libcurl client too, and shuts it down last
/// ```
public enum Gateway {
    /// Creates the gateway application: `/api/...` proxied to EM, `/healthz` and `/readyz`
    /// answered locally, every error in EM's `Error` shape.
    /// - Parameters:
    ///   - configuration: listen address, EM base URL, translation settings, limits.
    ///   - upstream: the libcurl client; the application runs it as its first service (so it
    ///     stops last) and shuts it down.
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
            ServiceAccount(
                configuration: $0, upstreamBaseURL: configuration.upstreamBaseURL, client: upstream, metrics: metrics, logger: logger)
        }
        let proxy = Proxy(
            configuration: configuration, upstream: upstream, schema: schema, metrics: metrics, serviceAccount: serviceAccount)
        var accessLogger = logger
        accessLogger[metadataKey: "em.log"] = "access"
        var auditLogger = logger
        auditLogger[metadataKey: "em.log"] = "audit"
        let probe =
            probe ?? UpstreamProbe(upstreamBaseURL: configuration.upstreamBaseURL, client: upstream, metrics: metrics, logger: logger)
        // The server stops first at shutdown, then these in reverse: the service account logs
        // off, the probe stops, and the libcurl client the logoff went through stops last.
        var services: [any Service] = [upstream, probe]
        if let serviceAccount { services.append(serviceAccount) }
        let ownRoutes = Self.ownRoutes(configuration: configuration, metrics: metrics, probe: probe, serviceAccount: serviceAccount)
        let resolver = RequestResolver(configuration: configuration, model: schema.model, ownRoutes: Set(ownRoutes.map(\.path)))
        let router = Router(context: GatewayRequestContext.self)
        let observability = ObservabilityMiddleware(
            metrics: metrics, sessions: SessionDirectory(), accessLogger: accessLogger, auditLogger: auditLogger,
            bearerTokens: configuration.serviceAccount?.tokens)
        let allowedOrigins = Set(configuration.allowedOrigins)
        router.addMiddleware {
            RequestResolutionMiddleware(resolver: resolver)
            observability
            ErrorMiddleware()
            HeaderValidationMiddleware()
            BrowserPolicyMiddleware(allowedOrigins: allowedOrigins) { $0.resolved.links.publicOrigin }
            ProxyMiddleware(proxy: proxy)
        }
        // Fresh stored answers are served below the router by the same steps (none without a cache).
        let storedAnswers =
            proxy.cache == nil
            ? nil : StoredAnswerFront(resolver: resolver, proxy: proxy, observability: observability, allowedOrigins: allowedOrigins)
        for route in ownRoutes { serveLocally(router, route.path, route.respond) }
        let channelConfiguration = HTTP1Channel.Configuration(idleTimeout: .nanoseconds(configuration.clientIdleTimeout.nanosecondsClamped))
        let stalledWriteTimeout = TimeAmount.nanoseconds(configuration.clientIdleTimeout.nanosecondsClamped)
        let http1 = HTTPServerBuilder { responder in
            GatewayChildChannel(
                base: HTTP1Channel(responder: responder, configuration: channelConfiguration), stalledWriteTimeout: stalledWriteTimeout,
                storedAnswers: storedAnswers)
        }
        return Application(
            router: router,
            server: try configuration.tls.map { try .tls(http1, tlsConfiguration: $0) } ?? http1,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: Gateway.serverName),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                resolver.serverBound(base: configuration.resolvedPublicBaseURL(boundPort: port))
                await onServerRunning(port)
            },
            logger: logger)
    }

    /// One of the gateway's own routes: its path (also its route label) and its answer to `GET`.
    struct OwnRoute: Sendable {
        let path: String
        let respond: @Sendable (GatewayRequestContext) async throws -> Response
    }

    /// The gateway's own routes, the one list both the router and the route labels read.
    private static func ownRoutes(
        configuration: GatewayConfiguration, metrics: GatewayMetrics, probe: UpstreamProbe, serviceAccount: ServiceAccount?
    ) -> [OwnRoute] {
        let documents = OpenAPIDocuments()
        let home = HomePage(
            mode: configuration.demo ? .demo : configuration.serviceAccount == nil ? .passThrough : .serviceAccount,
            version: Gateway.version)
        // EM answers; in service-account mode the gateway's own EM session must be good too.
        // `/readyz` checks EM again when the last check is older than a second; the home page
        // shows the last check and never waits on EM.
        @Sendable func readiness(fresh: Bool = true) async -> (ready: Bool, status: String) {
            let state = fresh ? await probe.freshState() : probe.isDraining ? .draining : probe.state
            let account: ServiceAccount.Readiness? = if state == .ready { await serviceAccount?.readiness() } else { nil }
            return (state == .ready && (account ?? .ready) == .ready, account?.rawValue ?? state.rawValue)
        }
        let contract = ContractRendition.allCases.map { rendition in
            OwnRoute(path: rendition.path) { context in
                Response(
                    status: .ok, headers: [.contentType: rendition.contentType],
                    body: .init(byteBuffer: documents.document(rendition, publicBaseURL: context.resolved.links.publicBaseURL)))
            }
        }
        return contract + [
            OwnRoute(path: "/") { context in
                let page = home.html(publicBaseURL: context.resolved.links.publicBaseURL, readiness: await readiness(fresh: false).status)
                return Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: page)))
            },
            OwnRoute(path: "/healthz") { _ in jsonResponse(.ok, #"{"status":"ok"}"#) },
            OwnRoute(path: "/readyz") { _ in
                let (ready, status) = await readiness()
                return jsonResponse(ready ? .ok : .serviceUnavailable, #"{"status":"\#(status)"}"#)
            },
            OwnRoute(path: "/metrics") { _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
            },
        ]
    }

    /// Answers `GET` on one of the gateway's own paths, and `HEAD` with the same head and no
    /// body (RFC 9110 §9.3.2).
    private static func serveLocally(
        _ router: Router<GatewayRequestContext>, _ path: String,
        _ respond: @escaping @Sendable (GatewayRequestContext) async throws -> Response
    ) {
        router.get(RouterPath(path)) { _, context in try await respond(context) }
        router.head(RouterPath(path)) { _, context in
            var response = try await respond(context)
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
