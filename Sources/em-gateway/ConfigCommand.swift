import ArgumentParser
import EMGateway
import Foundation

/// `em-gateway config`: work with the gateway's configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the gateway's configuration.",
        subcommands: [ConfigCheck.self])
}

/// `em-gateway config check`: validates the settings `serve` would run with and prints them.
struct ConfigCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration and print the effective settings (secrets masked).",
        discussion: HelpText.paragraphs(
            """
            Reads the same sources as serve (the same flags, EM_GATEWAY_* variables and --config file),
            checks them, loads the TLS and XSD files they name, and prints one line per setting:
            KEY VALUE SOURCE. Exit status 0 when serve would accept it; otherwise one line on standard
            error naming the flag, variable or file key at fault, and status 64 (1 for unusable files).

            """) + "\n" + SettingArguments.settingsHelp)

    @OptionGroup var sources: SettingArguments

    func run() async throws {
        let resolved = try await sources.resolve()
        let gateway = try resolved.configuration.gatewayConfiguration()
        _ = try SchemaOverlay.translationSchema(xsdPath: resolved.configuration.xsd)
        // As serve states it once listening (with port 0, the port bound then is not known yet).
        let publicURL = gateway.resolvedPublicBaseURL(boundPort: gateway.port)
        for line in sources.sources.describe(resolved, derivedDefaults: ["public-url": publicURL]) { StandardStreams.printLine(line) }
    }
}
