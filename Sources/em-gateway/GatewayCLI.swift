import ArgumentParser
import EMGateway
import EMTranslate
import EMUpstream

/// `em-gateway`: a JSON front door for Veeam Backup Enterprise Manager's XML REST API.
@main
struct GatewayCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "em-gateway",
        abstract: "A JSON front door for Veeam Backup Enterprise Manager's REST API.",
        discussion: HelpText.paragraphs(
            """
            Clients call the gateway with JSON; it forwards to Enterprise Manager (EM) through libcurl,
            turns EM's XML answers into EM's own JSON and rewrites every link to point at the gateway.

            Try it with no EM at all:  em-gateway serve --demo
            """),
        version: VersionInfo.description,
        subcommands: [Serve.self, ConfigCommand.self, Health.self, Simulate.self, Convert.self, ToXML.self, Token.self, Verify.self],
        defaultSubcommand: nil
    )
}

/// Versions the binary runs on.
enum VersionInfo {
    /// The gateway's version (``Gateway/version``, which `/metrics` states too).
    static let gateway = Gateway.version
    static var description: String {
        "em-gateway \(gateway) (libcurl \(UpstreamClient.libcurlVersion), libxml2 \(LibXML2.version))"
    }
}
