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
        abstract: "Run the built-in Enterprise Manager simulator (XML, user demo / password demo).",
        discussion: "Once listening, prints \"em-simulator listening on http(s)://HOST:PORT\" to standard output.")

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT"))
    var listen = ListenAddress(host: "127.0.0.1", port: 9398)

    @Option(help: ArgumentHelp(
        "Generate N backup job sessions, backup task sessions and restore points, and N/100 jobs (streamed; 0: the small seed world).",
        valueName: "N"))
    var scale = 0

    @OptionGroup(title: "HTTPS")
    var tls: SimulatorTLSOptions

    func validate() throws {
        if scale < 0 { throw ValidationError("--scale must be 0 or more") }
    }

    func run() async throws {
        var logger = Logger(label: "em-simulator")
        logger.logLevel = .info
        let listen = self.listen
        var configuration = SimulatorConfiguration()
        configuration.scale = scale
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
