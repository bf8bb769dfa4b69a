import ArgumentParser
import EMGateway
import EMSchema
import EMSimulator
import EMTranslate
import EMUpstream
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// `em-gateway serve`: the gateway in front of an EM, or with `--demo` in front of the built-in simulator.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON gateway in front of Enterprise Manager.",
        discussion: """
            Once listening, prints "em-gateway listening on <public URL>" to standard output.
            With --demo, an in-process EM simulator is the upstream (user demo, password demo),
            and a second line "demo credentials: user=demo password=demo" follows.
            Check a configuration without serving: em-gateway config check.

            """ + SettingArguments.settingsHelp)

    @OptionGroup var sources: SettingArguments

    func run() async throws {
        let settings = try await sources.resolve().configuration
        LogFormatting.bootstrap(settings.logFormat)
        let logger = Self.logger("em-gateway", level: settings.logLevel)
        var configuration = try settings.gatewayConfiguration()
        let (schema, overlay) = try SchemaOverlay.translationSchema(xsdPath: settings.xsd)
        if let overlay, let xsd = settings.xsd {
            let summary = "\(overlay.overlaidTypes.count) types overlaid, \(overlay.addedTypes.count) added, \(overlay.skipped.count) XSD constructs skipped"
            logger.info("schema overlaid with \(xsd): \(summary)")
        }
        if settings.upstreamInsecure {
            logger.warning("--upstream-insecure: EM's TLS certificate is NOT verified; anyone on the path can impersonate EM")
        }
        let demo = settings.demo
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.scale = settings.scale
        let simulatorLogger = Self.logger("em-simulator", level: settings.logLevel)
        try await withThrowingTaskGroup(of: Void.self) { group in
            if demo {
                let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
                let simulator = try Simulator.makeApplication(
                    configuration: simulatorConfiguration, host: "127.0.0.1", port: 0,
                    logger: simulatorLogger, onServerRunning: { continuation.yield($0) })
                group.addTask { try await simulator.runService() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                configuration.upstreamBaseURL = "http://127.0.0.1:\(port)"
            }
            let gatewayConfiguration = configuration
            group.addTask { try await Self.runGateway(gatewayConfiguration, schema: schema, demo: demo, logger: logger) }
            try await group.next()
            group.cancelAll()
        }
    }

    private static func logger(_ label: String, level: Logger.Level) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }

    private static func runGateway(
        _ configuration: GatewayConfiguration, schema: TranslationSchema, demo: Bool, logger: Logger
    ) async throws {
        let upstream = UpstreamClient(configuration: configuration.upstream, logger: logger)
        let probe = UpstreamProbe(upstreamBaseURL: configuration.upstreamBaseURL, client: upstream, logger: logger)
        switch await probe.check() {
        case .notEnterpriseManager:
            await upstream.shutdown()
            StandardStreams.printError(
                "em-gateway: error: \(configuration.upstreamBaseURL) answers, but GET /api/ is not Veeam Backup Enterprise Manager's "
                    + "EnterpriseManager document. Is --upstream pointing at Veeam Backup & Replication's REST API (port 9419) "
                    + "instead of Enterprise Manager (port 9398)?")
            throw ExitCode.failure
        case .unreachable:
            logger.warning("Enterprise Manager does not answer yet; /readyz reports it and requests get 502 until it does")
        case .ready, .unknown:
            break
        }
        let app = try Gateway.makeApplication(
            configuration: configuration, upstream: upstream, schema: schema, probe: probe, logger: logger
        ) { port in
            StandardStreams.printLine("em-gateway listening on \(configuration.resolvedPublicBaseURL(boundPort: port))")
            if demo { StandardStreams.printLine("demo credentials: user=demo password=demo") }
        }
        let group = ServiceGroup(
            configuration: .init(services: [upstream, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as IOError {
            let address = ListenAddress(host: configuration.host, port: configuration.port)
            StandardStreams.printError("em-gateway: error: cannot listen on \(address): \(Self.reason(errno: error.errnoCode))")
            throw ExitCode.failure
        } catch let error as SocketAddressError {
            let address = ListenAddress(host: configuration.host, port: configuration.port)
            StandardStreams.printError("em-gateway: error: cannot listen on \(address): \(configuration.host) is not a local address (\(error))")
            throw ExitCode.failure
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

extension ServeConfiguration {
    /// The gateway's configuration with the upstream URL and the TLS listener filled in.
    /// - Throws: `ExitCode.failure` after printing one line when a certificate or key file cannot be used.
    func gatewayConfiguration() throws -> GatewayConfiguration {
        var configuration = gateway
        var base = upstream ?? "http://127.0.0.1:9398"
        while base.hasSuffix("/") { base.removeLast() }
        configuration.upstreamBaseURL = base
        do {
            if let tlsCertificateFile, let tlsKeyFile {
                configuration.tls = try ServerTLS.configuration(certificateFile: tlsCertificateFile, keyFile: tlsKeyFile)
            } else if selfSigned {
                configuration.tls = try SelfSignedCertificate(hosts: [configuration.host]).serverConfiguration()
            }
        } catch let error as ServerTLS.FileError {
            StandardStreams.printError("em-gateway: error: TLS: \(error)")
            throw ExitCode.failure
        }
        if let user = serviceAccountUser, let password = serviceAccountPassword, let bearerTokensFile {
            let tokens: BearerTokenList
            do {
                tokens = try BearerTokenList(contentsOfFile: bearerTokensFile)
            } catch {
                StandardStreams.printError("em-gateway: error: --bearer-tokens-file \(bearerTokensFile): \(error)")
                throw ExitCode.failure
            }
            guard !tokens.names.isEmpty else {
                StandardStreams.printError("em-gateway: error: --bearer-tokens-file \(bearerTokensFile) lists no token")
                throw ExitCode.failure
            }
            var account = ServiceAccountConfiguration(user: user, password: password, tokens: tokens)
            account.keepAliveInterval = serviceAccountKeepAlive
            configuration.serviceAccount = account
        }
        return configuration
    }
}
