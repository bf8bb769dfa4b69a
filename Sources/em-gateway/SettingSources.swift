import Configuration
import Foundation
import SystemPackage
import Yams

/// Reads the settings of ``GatewaySetting/all`` from their sources with swift-configuration, in
/// this precedence: command-line flags, then `EM_GATEWAY_*` environment variables, then the
/// config file (`--config FILE` or `EM_GATEWAY_CONFIG`; JSON or YAML), then the defaults of
/// ``ServeConfiguration``. Unknown flags, variables and file keys are errors naming them.
struct SettingSources {
    /// Setting flags from the command line (`--upstream-ca /x`, `--self-signed`, `--dialect=compact`).
    var arguments: [String]
    /// The process environment (only `EM_GATEWAY_*` variables are read).
    var environment: [String: String]
    /// The config file given with `--config`; `nil` falls back to `EM_GATEWAY_CONFIG`.
    var configFile: String?
    /// The settings table. Default ``GatewaySetting/all``.
    var settings: [GatewaySetting] = GatewaySetting.all
    /// The keys read and applied; the other settings are still known (their flags, variables and
    /// file keys are accepted) but neither read nor checked, their files unopened, and the
    /// settings are not checked against each other. `nil` (the default): every setting.
    var appliedKeys: Set<String>? = nil

    /// The environment variable naming the config file.
    static let configFileVariable = GatewaySetting.environmentPrefix + "CONFIG"

    /// The configuration the sources describe, and where each value came from.
    struct Resolved: Sendable {
        /// The settings applied over the defaults.
        var configuration: ServeConfiguration
        /// Where each setting's value came from, by key; absent keys kept their default.
        var sources: [String: String]
    }

    /// The effective settings, one line each: key, value (secrets as `********`), source in parentheses.
    /// - Parameters:
    ///   - resolved: what ``resolve()`` returned.
    ///   - derivedDefaults: by key, the value an unset setting takes from others (`public-url`
    ///     from the listen address), shown instead of `-`.
    func describe(_ resolved: Resolved, derivedDefaults: [String: String] = [:]) -> [String] {
        let width = settings.map(\.key.count).max() ?? 0
        return settings.map { setting in
            let value = setting.describe(resolved.configuration) ?? derivedDefaults[setting.key]
            let shown = setting.isSecret ? (value == nil ? "-" : "********") : (value ?? "-")
            let key = setting.key.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            return key + shown + "  (\(resolved.sources[setting.key] ?? "default"))"
        }
    }

    /// Reads, checks and applies every setting.
    /// - Parameter checkingConflicts: whether settings are checked against each other too
    ///   (``ServeConfiguration/conflict``); `health` reads only where `serve` listens. Default `true`.
    /// - Returns: the configuration and the source of each value that was set.
    /// - Throws: ``ConfigurationError`` naming the flag, variable or file key at fault.
    func resolve(checkingConflicts: Bool = true) async throws(ConfigurationError) -> Resolved {
        var providers: [(label: (String) -> String, provider: any ConfigProvider, isEnvironment: Bool)] = []
        providers.append(({ flag(forKey: $0) }, try commandLineProvider(), false))
        providers.append(({ GatewaySetting.environmentName(forKey: $0) }, try environmentProvider(), true))
        let configFile = self.configFile ?? environment[Self.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let configFile {
            let provider = try await fileProvider(configFile)
            providers.append(({ "\(configFile): \($0)" }, provider, false))
        }

        var resolved = Resolved(configuration: ServeConfiguration(), sources: [:])
        for setting in settings where appliedKeys?.contains(setting.key) ?? true {
            for (label, provider, isEnvironment) in providers {
                if setting.isEnvironmentOnly && !isEnvironment { continue }
                if let content = try Self.lookup(setting.key, type: setting.kind.configType, in: provider, label: label(setting.key)) {
                    try Self.apply(setting, content, to: &resolved.configuration, label: label(setting.key))
                    resolved.sources[setting.key] = label(setting.key)
                    break
                }
                if let fileKey = setting.fileKey,
                    case .string(let path)? = try Self.lookup(fileKey, type: .string, in: provider, label: label(fileKey))
                {
                    try Self.apply(
                        setting, .string(try Self.secret(fromFile: path, label: label(fileKey))), to: &resolved.configuration,
                        label: label(fileKey))
                    resolved.sources[setting.key] = label(fileKey)
                    break
                }
            }
        }
        if checkingConflicts, appliedKeys == nil, let conflict = resolved.configuration.conflict { throw ConfigurationError(conflict) }
        return resolved
    }

    // MARK: - Sources

    /// Every key a source may hold: the settings' keys and the secrets' `KEY-file` companions.
    private var knownKeys: Set<String> { Set(settings.flatMap { [$0.key, $0.fileKey].compactMap { $0 } }) }

    /// The keys a config file may hold: all but the environment-only settings'.
    private var fileKeys: Set<String> {
        Set(settings.filter { !$0.isEnvironmentOnly }.flatMap { [$0.key, $0.fileKey].compactMap { $0 } })
    }

    private func flag(forKey key: String) -> String {
        settings.first { $0.key == key }?.flag ?? settings.first { $0.fileKey == key }?.fileFlag ?? key
    }

    /// The flags as swift-configuration values, typed by each setting's kind.
    private func commandLineProvider() throws(ConfigurationError) -> InMemoryProvider {
        var flags: [String: (key: String, kind: GatewaySetting.Kind)] = [:]
        for setting in settings {
            if let flag = setting.flag { flags[flag] = (setting.key, setting.kind) }
            if let fileKey = setting.fileKey, let fileFlag = setting.fileFlag { flags[fileFlag] = (fileKey, .text) }
        }
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        var lists: [String: [String]] = [:]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            let (name, inlineValue) = argument.split(separator: "=", maxSplits: 1).map(String.init).pair
            guard name.hasPrefix("--"), let entry = flags[name] else {
                throw ConfigurationError(argument.hasPrefix("-") ? "unknown option '\(name)'" : "unexpected argument '\(argument)'")
            }
            let (key, kind) = (entry.key, entry.kind)
            var text: String
            if let inlineValue {
                text = inlineValue
            } else if kind == .boolean {
                text = "true"
            } else if index < arguments.endIndex {
                text = arguments[index]
                index += 1
            } else {
                throw ConfigurationError("missing value for '\(name)'")
            }
            let content: ConfigContent
            switch kind {
            case .text: content = .string(text)
            case .integer:
                guard let value = Int(text) else { throw ConfigurationError("\(name): must be a whole number") }
                content = .int(value)
            case .seconds:
                guard let value = Double(text) else { throw ConfigurationError("\(name): must be a number of seconds") }
                content = .double(value)
            case .boolean:
                guard let value = ["true": true, "false": false][text.lowercased()] else {
                    throw ConfigurationError("\(name): must be true or false")
                }
                content = .bool(value)
            case .list:
                lists[key, default: []].append(text)
                content = .stringArray(lists[key]!)
            }
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = ConfigValue(content, isSecret: false)
        }
        return InMemoryProvider(name: "command line", values: values)
    }

    /// `EM_GATEWAY_*` variables (an empty one counts as unset), keys mapped under the `em.gateway` prefix.
    private func environmentProvider() throws(ConfigurationError) -> some ConfigProvider {
        let known = Set(knownKeys.map(GatewaySetting.environmentName(forKey:)) + [Self.configFileVariable])
        var ours = environment.filter { $0.key.hasPrefix(GatewaySetting.environmentPrefix) && !$0.value.isEmpty }
        // Kubernetes' service links of Services named em-gateway… are not settings: skipped, by
        // name and value shape, so that a mistake like EM_GATEWAY_PORT=9090 is still reported.
        ours = ours.filter { known.contains($0.key) || !ServiceLinkVariable.matches(name: $0.key, value: $0.value) }
        if let unknown = ours.keys.sorted().first(where: { !known.contains($0) }) {
            let suggestion = EditDistance.closest(to: unknown, in: known.sorted()).map { "did you mean \($0)? " } ?? ""
            throw ConfigurationError(
                "unknown environment variable \(unknown) (\(suggestion)the EM_GATEWAY_* variables are listed by em-gateway serve --help)")
        }
        return EnvironmentVariablesProvider(environmentVariables: ours).prefixKeys(with: ConfigKey(["em", "gateway"]))
    }

    /// The config file: `.json` through swift-configuration's JSON snapshot, anything else as YAML.
    private func fileProvider(_ path: String) async throws(ConfigurationError) -> any ConfigProvider {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read config file \(path)")
        }
        let tree: Any?
        do {
            tree = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw ConfigurationError("config file \(path) is not valid JSON or YAML: \(error)")
        }
        guard let root = tree as? [String: Any] else {
            throw ConfigurationError("config file \(path) must hold an object (key: value pairs) at the top")
        }
        if let unknown = Self.leafKeys(root).first(where: { !fileKeys.contains($0) }) {
            throw ConfigurationError("config file \(path): unknown key \"\(unknown)\"")
        }
        do {
            if path.lowercased().hasSuffix(".json") {
                return try await FileProvider<JSONSnapshot>(filePath: FilePath(path))
            }
            return try await FileProvider<YAMLSnapshot>(filePath: FilePath(path))
        } catch {
            throw ConfigurationError("config file \(path): \(error)")
        }
    }

    /// The dotted paths of a parsed file's values (objects nest; lists and scalars are values).
    private static func leafKeys(_ object: [String: Any], prefix: String = "") -> [String] {
        object.keys.sorted().flatMap { name -> [String] in
            let key = prefix + name
            if let child = object[name] as? [String: Any] { return leafKeys(child, prefix: key + ".") }
            return [key]
        }
    }

    // MARK: - Values

    private static func lookup(
        _ key: String, type: ConfigType, in provider: any ConfigProvider, label: String
    ) throws(ConfigurationError) -> ConfigContent? {
        do {
            return try provider.value(forKey: AbsoluteConfigKey(key.split(separator: ".").map(String.init)), type: type).value?.content
        } catch {
            let shape = [
                "string": "a string", "int": "a whole number", "double": "a number", "bool": "true or false",
                "stringArray": "a list of strings",
            ]
            throw ConfigurationError("\(label): must be \(shape[type.rawValue] ?? type.rawValue)")
        }
    }

    private static func apply(
        _ setting: GatewaySetting, _ content: ConfigContent, to configuration: inout ServeConfiguration, label: String
    ) throws(ConfigurationError) {
        do {
            try setting.apply(&configuration, content)
        } catch SettingError.invalid(let reason) {
            throw ConfigurationError("\(label): must \(reason)")
        } catch {
            throw ConfigurationError("\(label): \(error)")
        }
    }

    /// A secret read from a file, without the trailing line break editors and `echo` add.
    private static func secret(fromFile path: String, label: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError("\(label): cannot read \(path)") }
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// A configuration that cannot be used; the message names the flag, variable or file key at fault.
struct ConfigurationError: Error, CustomStringConvertible {
    /// One line, without the `em-gateway: error:` prefix.
    var description: String

    init(_ description: String) { self.description = description }
}

extension Array where Element == String {
    /// The first two elements (`name=value` split once), the second optional.
    fileprivate var pair: (String, String?) { (self.first ?? "", self.count > 1 ? self[1] : nil) }
}
