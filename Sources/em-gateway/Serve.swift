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

/// `em-gateway serve`: the gateway in front of an EM, or with `--demo` in front of the built-in simulator.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON gateway in front of Enterprise Manager.",
        discussion: HelpText.paragraphs(
            """
            Once listening, prints "em-gateway listening on <public URL>" to standard output.
            With --demo, an in-process EM simulator is the upstream (user demo, password demo),
            and the lines "demo credentials: user=demo password=demo" and
            "viewer credentials: user=viewer password=viewer" (a restricted role) follow.
            Check a configuration without serving: em-gateway config check.
            """) + "\n\n" + SettingArguments.settingsHelp)

    @OptionGroup var sources: SettingArguments

    func run() async throws {
        let settings = try await sources.resolve().configuration
        LogFormatting.bootstrap(settings.logFormat)
        let logger = Self.logger("em-gateway", level: settings.logLevel)
        let configuration = try settings.gatewayConfiguration()
        try await GatewayService.checkListenAddress(host: configuration.host, port: configuration.port)
        let (schema, overlay) = try SchemaOverlay.translationSchema(xsdPath: settings.xsd)
        if let overlay, let xsd = settings.xsd {
            let summary =
                "\(overlay.overlaidTypes.count) types overlaid, \(overlay.addedTypes.count) added, \(overlay.skipped.count) XSD constructs skipped"
            logger.info("schema overlaid with \(xsd): \(summary)")
        }
        if settings.upstreamInsecure {
            logger.warning("--upstream-insecure: EM's TLS certificate is NOT verified; anyone on the path can impersonate EM")
        }
        let demo = settings.demo
        let drain = ShutdownDrain(delay: settings.shutdownDrainDelay, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let upstreamBaseURL: @Sendable () async -> String?
        if demo {
            let simulatorConfiguration = settings.demoSimulatorConfiguration()
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let simulator = try Simulator.makeApplication(
                configuration: simulatorConfiguration, host: "127.0.0.1", port: 0,
                logger: Self.logger("em-simulator", level: settings.logLevel),
                onServerRunning: {
                    continuation.yield($0)
                    continuation.finish()
                })
            services.append(.init(service: simulator))
            upstreamBaseURL = { await ports.first { _ in true }.map { "http://127.0.0.1:\($0)" } }
        } else {
            let base = configuration.upstreamBaseURL
            upstreamBaseURL = { base }
        }
        // Last in the list, so first to stop: the gateway has stopped serving and its service
        // account has logged off before the demo simulator stops. A failure (one line printed
        // already) stops the simulator gracefully too, and is the command's outcome.
        services.append(
            .init(
                service: GatewayService(
                    configuration: configuration, upstreamBaseURL: upstreamBaseURL, schema: schema,
                    shutdownTimeout: settings.shutdownTimeout, drain: drain, logger: logger),
                failureTerminationBehavior: .gracefullyShutdownGroup))
        // SIGTERM and SIGINT go to the drain, which starts the group's graceful shutdown.
        var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
        // Past the limit (counted from the end of the drain), graceful shutdown turns into
        // cancellation: in-flight requests (a stalled download, a hung EM) are cut. Whatever
        // still ignores cancellation after that gets a few seconds more, then the process stops
        // hard, still inside the manifest's terminationGracePeriodSeconds.
        groupConfiguration.maximumGracefulShutdownDuration = settings.shutdownTimeout
        groupConfiguration.maximumCancellationDuration = .seconds(3)
        let group = ServiceGroup(configuration: groupConfiguration)
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await drain.run(signals) { await group.triggerGracefulShutdown() } }
            try await group.run()
            tasks.cancelAll()
        }
    }

    private static func logger(_ label: String, level: Logger.Level) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

extension ServeConfiguration {
    /// The gateway's configuration with the upstream URL and the TLS listener filled in.
    /// - Throws: `ExitCode.failure` after printing one line when a certificate or key file cannot be used.
    func gatewayConfiguration() throws -> GatewayConfiguration {
        var configuration = gateway
        configuration.demo = demo
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
        if let caFile = configuration.upstream.tls.caFile {
            do {
                try ServerTLS.checkCertificateBundle(caFile)
            } catch {
                StandardStreams.printError("em-gateway: error: --upstream-ca (upstream.ca): \(error)")
                throw ExitCode.failure
            }
        }
        if let user = serviceAccountUser, let password = serviceAccountPassword, let bearerTokensFile {
            let tokens: BearerTokenList
            do {
                tokens = try BearerTokenList(contentsOfFile: bearerTokensFile)
            } catch let error as ServerTLS.FileError {
                StandardStreams.printError("em-gateway: error: --bearer-tokens-file \(error)")
                throw ExitCode.failure
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
