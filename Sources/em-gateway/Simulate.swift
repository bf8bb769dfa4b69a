import ArgumentParser
import EMSimulator
import Hummingbird
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `em-gateway simulate`: the EM simulator alone, speaking EM's XML.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the built-in Enterprise Manager simulator (XML, user demo / password demo, user viewer / password viewer).",
        discussion: HelpText.paragraphs(
            """
            Once listening, prints "em-simulator listening on http(s)://HOST:PORT" to standard output.
            The world lives: a week of job history ends at --start-time and jobs keep running on
            the world clock (--clock-rate; 0 freezes it). The account viewer has a restricted role.
            """))

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT"))
    var listen = ListenAddress(host: "127.0.0.1", port: 9398)

    @Option(
        help: ArgumentHelp(
            "Generate N backup job sessions, backup task sessions and restore points, and N/100 jobs (streamed; 0: the small seed world).",
            valueName: "N"))
    var scale = 0

    @Option(help: ArgumentHelp("The living world's seed; the same seed and start time give the same world.", valueName: "N"))
    var seed = 1

    @Option(
        help: ArgumentHelp(
            "The world time at start, ISO 8601 (e.g. 2026-01-05T12:00:00Z; default: now); a week of history ends here.",
            valueName: "ISO8601"))
    var startTime: String?

    @Option(help: ArgumentHelp("World seconds per second: 1 real time, 60 a minute per second, 0 frozen.", valueName: "R"))
    var clockRate = 1.0

    @Option(help: ArgumentHelp("Answer times: none (at once) or em (a real EM's, 4 requests at a time).", valueName: "none|em"))
    var latency = "none"

    @OptionGroup(title: "HTTPS")
    var tls: SimulatorTLSOptions

    func validate() throws {
        if scale < 0 { throw ValidationError("--scale must be 0 or more") }
        if seed < 0 { throw ValidationError("--seed must be 0 or more") }
        if !(0...1_000_000).contains(clockRate) { throw ValidationError("--clock-rate must be a number from 0 to 1000000") }
        if SimulatedLatency(rawValue: latency.lowercased()) == nil { throw ValidationError("--latency must be none or em") }
        if let startTime, DemoWorldConfiguration.secondsSince1970(startTime) == nil {
            throw ValidationError("--start-time must be an ISO 8601 date and time, e.g. 2026-01-05T12:00:00Z")
        }
    }

    func run() async throws {
        var logger = Logger(label: "em-simulator")
        logger.logLevel = .info
        let listen = self.listen
        var configuration = SimulatorConfiguration.demo(
            seed: seed, startTime: startTime.flatMap(DemoWorldConfiguration.secondsSince1970), clockRate: clockRate,
            latency: SimulatedLatency(rawValue: latency.lowercased()) ?? .none, scale: scale)
        try tls.apply(to: &configuration, host: listen.host)
        let scheme = configuration.tls == nil ? "http" : "https"
        let app = try Simulator.makeApplication(
            configuration: configuration, host: listen.host, port: listen.port, logger: logger
        ) { port in
            StandardStreams.printLine("em-simulator listening on \(scheme)://\(ListenAddress(host: listen.host, port: port).authority)")
        }
        try await app.runService()
    }
}
