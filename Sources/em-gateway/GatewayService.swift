import ArgumentParser
import EMGateway
import EMTranslate
import EMUpstream
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// What `serve` runs as one service: the startup check of EM, then the gateway (its HTTP server,
/// the service account if any, and the libcurl client) until graceful shutdown.
///
/// It waits for EM's base URL first, so that with `--demo` it can stand beside the in-process
/// simulator in one `ServiceGroup` and be shut down before it (graceful shutdown runs in reverse
/// order of the services): the service account's logoff still finds EM there.
struct GatewayService: Service {
    /// The gateway's configuration; its ``GatewayConfiguration/upstreamBaseURL`` is replaced by
    /// what ``upstreamBaseURL`` answers.
    let configuration: GatewayConfiguration
    /// EM's base URL without `/api`, once known (the simulator's after it listens); `nil` when it
    /// never will be (shutdown first).
    let upstreamBaseURL: @Sendable () async -> String?
    let schema: TranslationSchema
    /// How long graceful shutdown may take (the enclosing group enforces it; this service logs it).
    let shutdownTimeout: Duration
    /// The drain after SIGTERM, told how to turn `/readyz` to `503`; `nil`: none.
    var drain: ShutdownDrain? = nil
    let logger: Logger

    /// Runs the gateway until graceful shutdown.
    /// - Throws: `ExitCode.failure` after printing one line when the upstream is not EM or the
    ///   listen address cannot be bound (taken since ``checkListenAddress(host:port:)``).
    func run() async throws {
        guard let base = await cancelWhenGracefulShutdown({ await self.upstreamBaseURL() }) else { return }
        var configuration = self.configuration
        configuration.upstreamBaseURL = base
        let upstream = UpstreamClient(configuration: configuration.upstream, logger: logger)
        let metrics = GatewayMetrics()
        let probe = UpstreamProbe(upstreamBaseURL: configuration.upstreamBaseURL, client: upstream, metrics: metrics, logger: logger)
        drain?.onDraining { probe.beginDraining() }
        switch await probe.check() {
        case .notEnterpriseManager:
            await upstream.shutdown()
            StandardStreams.printError(
                "em-gateway: error: \(configuration.upstreamBaseURL) answers, but GET /api/ is not Veeam Backup Enterprise Manager's "
                    + "EnterpriseManager document. Is --upstream pointing at Veeam Backup & Replication's REST API (port 9419) "
                    + "instead of Enterprise Manager (port 9398)?")
            throw ExitCode.failure
        case .unreachable where probe.lastFailure == .tls:
            let hint = "if EM's certificate is self-signed or from your own CA, give that CA certificate (PEM) with --upstream-ca FILE"
            logger.warning(
                "the TLS connection to Enterprise Manager fails; \(hint); /readyz reports it and requests get 502 until it works")
        case .unreachable:
            logger.warning("Enterprise Manager does not answer yet; /readyz reports it and requests get 502 until it does")
        case .ready, .unknown, .draining:
            break
        }
        if configuration.publicBaseURL == nil, ["0.0.0.0", "::", "[::]", "*"].contains(configuration.host) {
            logger.warning(
                "listening on a wildcard address without --public-url: links are built from each request's Host; set --public-url (EM_GATEWAY_PUBLIC_URL) to the URL clients use"
            )
        }
        let demo = configuration.demo
        let app = try Gateway.makeApplication(
            configuration: configuration, upstream: upstream, schema: schema, probe: probe, metrics: metrics, logger: logger
        ) { [configuration] port in
            StandardStreams.printLine("em-gateway listening on \(configuration.resolvedPublicBaseURL(boundPort: port))")
            if demo {
                StandardStreams.printLine("demo credentials: user=demo password=demo")
                StandardStreams.printLine("viewer credentials: user=viewer password=viewer")
            }
        }
        // Graceful shutdown comes from the enclosing group; the application stops its server
        // first, then the service account (its logoff), then the libcurl client.
        let shutdown = ShutdownNotices(limit: shutdownTimeout, logger: logger)
        do {
            try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await app.run()
                } onGracefulShutdown: {
                    shutdown.started()
                }
            } onCancel: {
                shutdown.cancelled()
            }
        } catch {
            // The address was free at ``checkListenAddress(host:port:)``, but taken since.
            guard let line = Self.listenFailure(error, host: configuration.host, port: configuration.port) else { throw error }
            StandardStreams.printError(line)
            throw ExitCode.failure
        }
    }

    /// Binds the listen address once and releases it, so that an unusable one (a port in use, a
    /// host not of this machine) is the one line `serve` promises, printed before anything else
    /// starts (the demo simulator) or logs (the check of EM). The server binds it again moments later.
    /// - Throws: `ExitCode.failure` after printing that line.
    static func checkListenAddress(host: String, port: Int) async throws {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)  // as the server binds
                .bind(host: host, port: port).get()
            try await channel.close().get()
        } catch {
            guard let line = listenFailure(error, host: host, port: port) else { throw error }
            StandardStreams.printError(line)
            throw ExitCode.failure
        }
    }

    /// The error line for a failure to bind `host:port`, or `nil` when `error` is no such failure.
    private static func listenFailure(_ error: any Error, host: String, port: Int) -> String? {
        let address = ListenAddress(host: host, port: port)
        switch error {
        case let error as IOError: return "em-gateway: error: cannot listen on \(address): \(reason(errno: error.errnoCode))"
        case let error as SocketAddressError:
            return "em-gateway: error: cannot listen on \(address): \(host) is not a local address (\(error))"
        default: return nil
        }
    }

    /// One phrase for a listen failure's errno.
    private static func reason(errno code: Int32) -> String {
        switch code {
        case EADDRINUSE: "the address is already in use (another em-gateway or service on that port?)"
        case EACCES: "permission denied (ports below 1024 need privileges; use e.g. 8080)"
        case EADDRNOTAVAIL: "the address is not one of this machine's"
        default: String(cString: strerror(code))
        }
    }
}
