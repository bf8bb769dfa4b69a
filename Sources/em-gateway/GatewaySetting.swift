import Configuration
import Foundation

/// One setting of `serve` (and `config check`): its key, and from that key its command-line flag,
/// environment variable and config-file key; its kind; and the member of ``ServeConfiguration``
/// it fills. The table of all of them is ``GatewaySetting/all``; nothing else names a setting.
///
/// Derived names, for the key `upstream.connect-timeout`:
/// - flag `--upstream-connect-timeout` (dots become dashes; a table row may name another flag,
///   or none: secrets are never flags);
/// - environment variable `EM_GATEWAY_UPSTREAM_CONNECT_TIMEOUT` (prefix `EM_GATEWAY_`, upper case,
///   dots and dashes become `_`);
/// - config-file key path `upstream` → `connect-timeout` (JSON or YAML objects nest at the dots).
///
/// A secret setting (``isSecret``) is masked wherever settings are printed, and may instead be
/// read from a file named by its companion key `KEY-file` (`EM_GATEWAY_…_FILE`, flag `--…-file`).
struct GatewaySetting: Sendable {
    /// The dotted key (`upstream.connect-timeout`), as written in a config file.
    let key: String
    /// The command-line flag with its dashes (`--upstream`), or `nil` when the setting has none.
    let flag: String?
    /// Whether the value is masked when printed and may come from a `KEY-file` file.
    let isSecret: Bool
    /// The placeholder shown in help (`URL`, `SECONDS`).
    let valueName: String
    /// One line of help.
    let help: String
    /// How values are written and typed.
    let kind: Kind
    /// Read from the environment only: no flag, no config-file key, no `KEY-file` flag (the
    /// credentials `verify` logs on with). `false` for the settings of `serve`.
    var isEnvironmentOnly = false

    /// Stores a value into a configuration.
    /// - Throws: ``SettingError/invalid(_:)`` with a reason when the value is refused.
    let apply: @Sendable (inout ServeConfiguration, ConfigContent) throws -> Void
    /// The setting's value in a configuration, as printed (`nil`: not set).
    let describe: @Sendable (ServeConfiguration) -> String?

    /// The shapes of values.
    enum Kind: Sendable, Equatable {
        /// A string.
        case text
        /// An integer.
        case integer
        /// A number of seconds (fractions allowed).
        case seconds
        /// On or off; a flag without a value turns it on.
        case boolean
        /// Several strings: a repeated flag, a comma-separated environment variable, a list in the file.
        case list

        /// The type swift-configuration reads the value as.
        var configType: ConfigType {
            switch self {
            case .text: .string
            case .integer: .int
            case .seconds: .double
            case .boolean: .bool
            case .list: .stringArray
            }
        }
    }

    /// The prefix of every environment variable the gateway reads.
    static let environmentPrefix = "EM_GATEWAY_"

    /// The environment variable for `key` (`upstream.connect-timeout` → `EM_GATEWAY_UPSTREAM_CONNECT_TIMEOUT`).
    static func environmentName(forKey key: String) -> String {
        environmentPrefix + String(key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// This setting's environment variable.
    var environmentName: String { Self.environmentName(forKey: key) }

    /// The companion key naming a file that holds a secret's value (`service-account.password-file`).
    var fileKey: String? { isSecret ? key + "-file" : nil }

    /// The flag of the companion `KEY-file` key (`--service-account-password-file`).
    var fileFlag: String? {
        isEnvironmentOnly ? nil : fileKey.map { "--" + $0.replacingOccurrences(of: ".", with: "-") }
    }
}

/// A refused setting value.
enum SettingError: Error {
    /// The value is of the right type but not acceptable; the reason completes "must …" sentences.
    case invalid(String)
}
