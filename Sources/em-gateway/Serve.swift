import ArgumentParser
import EMGateway
import EMSchema
import EMSimulator
import EMTranslate
import EMUpstream
import Hummingbird
import Logging
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
            """)

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT"))
    var listen = ListenAddress(host: "127.0.0.1", port: 8080)

    @Option(help: ArgumentHelp("EM's base URL without /api, e.g. https://em.example.local:9398.", valueName: "URL"))
    var upstream: String?

    @Option(help: ArgumentHelp("The URL clients use to reach the gateway (default: http:// + the listen address).", valueName: "URL"))
    var publicURL: String?

    @Flag(help: "Run against the built-in EM simulator instead of a real EM.")
    var demo = false

    @Option(help: ArgumentHelp("With --demo: the simulator's generated world size (see simulate --scale).", valueName: "N"))
    var scale = 0

    @OptionGroup(title: "Gateway options")
    var options: GatewayOptions

    @OptionGroup(title: "Service-account mode")
    var serviceAccount: ServiceAccountOptions

    func validate() throws {
        if demo && upstream != nil { throw ValidationError("--demo and --upstream exclude each other") }
        if !demo && upstream == nil { throw ValidationError("give --upstream URL (EM's base URL), or --demo") }
        if scale < 0 { throw ValidationError("--scale must be 0 or more") }
        if scale > 0 && !demo { throw ValidationError("--scale needs --demo") }
        if let upstream, !(upstream.hasPrefix("http://") || upstream.hasPrefix("https://")) {
            throw ValidationError("--upstream must be an http:// or https:// URL")
        }
    }

    func run() async throws {
        let logger = {
            var logger = Logger(label: "em-gateway")
            logger.logLevel = .info
            return logger
        }()
        var configuration = GatewayConfiguration(upstreamBaseURL: upstream ?? "http://127.0.0.1:9398")
        configuration.host = listen.host
        configuration.port = listen.port
        configuration.publicBaseURL = publicURL
        try options.apply(to: &configuration)
        try serviceAccount.apply(to: &configuration)
        let (schema, overlay) = try options.translationSchema()
        if let overlay, let xsd = options.xsd {
            let summary = "\(overlay.overlaidTypes.count) types overlaid, \(overlay.addedTypes.count) added, \(overlay.skipped.count) XSD constructs skipped"
            logger.info("schema overlaid with \(xsd): \(summary)")
        }
        if options.upstreamInsecure {
            logger.warning("--upstream-insecure: EM's TLS certificate is NOT verified; anyone on the path can impersonate EM")
        }
        let demo = self.demo
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.scale = scale
        try await withThrowingTaskGroup(of: Void.self) { group in
            if demo {
                let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
                let simulator = try Simulator.makeApplication(
                    configuration: simulatorConfiguration, host: "127.0.0.1", port: 0,
                    logger: Logger(label: "em-simulator"), onServerRunning: { continuation.yield($0) })
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
        try await group.run()
    }
}
