import ArgumentParser
import Foundation

/// The arguments `serve` and `config check` share: `--config FILE` and the setting flags of
/// ``GatewaySetting/all`` (read by ``SettingSources``, so that one table owns them).
struct SettingArguments: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Read settings from this JSON or YAML file (or set EM_GATEWAY_CONFIG).", valueName: "FILE"))
    var configFile: String?

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Setting flags, listed below (e.g. --upstream URL --upstream-ca FILE).", valueName: "setting flags"))
    var settingFlags: [String] = []

    /// The settings from the flags, the environment and the config file.
    /// - Throws: `ExitCode.validationFailure` after printing the ``ConfigurationError``.
    /// - Parameter appliedKeys: the keys read and applied (``SettingSources/appliedKeys``); `nil`: all.
    func resolve(appliedKeys: Set<String>? = nil) async throws -> SettingSources.Resolved {
        var sources = self.sources
        sources.appliedKeys = appliedKeys
        do {
            return try await sources.resolve()
        } catch {
            StandardStreams.printError("em-gateway: error: \(error)")
            throw ExitCode.validationFailure
        }
    }

    /// The sources: these arguments and the process environment.
    var sources: SettingSources {
        SettingSources(arguments: settingFlags, environment: ProcessInfo.processInfo.environment, configFile: configFile)
    }

    /// Help text listing every setting with its flag, environment variable, file key and default.
    static var settingsHelp: String {
        let defaults = ServeConfiguration()
        var lines = HelpText.wrap(
            "Settings come from, first match wins: flags, EM_GATEWAY_* environment variables, the config file "
                + "(--config FILE: JSON, or YAML; keys nest at the dots), then defaults. A secret is never a flag; "
                + "its KEY-file twin names a file holding it.")
        lines.append("")
        for setting in GatewaySetting.all {
            let flag =
                setting.flag.map { setting.kind == .boolean ? $0 : "\($0) \(setting.valueName)" }
                ?? setting.fileFlag.map { "\($0) FILE" }
                ?? "(no flag)"
            lines.append("  \(flag)")
            var detail = setting.help
            if let value = setting.describe(defaults), !setting.isSecret { detail += " Default: \(value)." }
            lines += HelpText.wrap(detail, indent: "      ")
            if setting.isEnvironmentOnly {
                lines += HelpText.wrap("env \(setting.environmentName) only", indent: "      ")
                if let fileKey = setting.fileKey {
                    lines += HelpText.wrap("or from a file: env \(GatewaySetting.environmentName(forKey: fileKey))", indent: "      ")
                }
                continue
            }
            lines += HelpText.wrap("env \(setting.environmentName), file key \(setting.key)", indent: "      ")
            if let fileKey = setting.fileKey {
                lines += HelpText.wrap(
                    "or from a file: env \(GatewaySetting.environmentName(forKey: fileKey)), file key \(fileKey)", indent: "      ")
            }
        }
        return lines.joined(separator: "\n")
    }
}
