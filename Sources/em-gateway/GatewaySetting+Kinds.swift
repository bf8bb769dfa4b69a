import Configuration
import Foundation

/// Typed constructors for the rows of ``GatewaySetting/all``: each binds a key to a member of
/// ``ServeConfiguration`` (whose defaulted vars own the defaults) and checks values on the way in.
extension GatewaySetting {
    /// How a setting is spelled on the command line.
    enum Flag: Sendable {
        /// `--` + the key with dots as dashes.
        case derived
        /// This flag (with its dashes).
        case named(String)
        /// No flag: environment or config file only (secrets).
        case none
    }

    private init(
        _ key: String, flag: Flag, secret: Bool, valueName: String, help: String, kind: Kind,
        apply: @escaping @Sendable (inout ServeConfiguration, ConfigContent) throws -> Void,
        describe: @escaping @Sendable (ServeConfiguration) -> String?
    ) {
        self.key = key
        switch flag {
        case .derived: self.flag = "--" + key.replacingOccurrences(of: ".", with: "-")
        case .named(let name): self.flag = name
        case .none: self.flag = nil
        }
        self.isSecret = secret
        self.valueName = valueName
        self.help = help
        self.kind = kind
        self.apply = apply
        self.describe = describe
    }

    /// A string setting that may be unset (`nil`).
    /// - Parameter check: returns why a value is refused ("must …"), or `nil` to accept it.
    static func text(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, String?> & Sendable, flag: Flag = .derived,
        secret: Bool = false, valueName: String, help: String,
        check: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: secret, valueName: valueName, help: help, kind: .text,
            apply: { configuration, content in
                let value = try content.asString
                if let reason = check(value) { throw SettingError.invalid(reason) }
                configuration[keyPath: path] = value
            },
            describe: { $0[keyPath: path] })
    }

    /// A string read from the environment only (``isEnvironmentOnly``): never a flag, never a
    /// config-file key; a secret may still come from a file named by `EM_GATEWAY_…_FILE`.
    static func environmentOnly(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, String?> & Sendable, secret: Bool = false,
        valueName: String, help: String
    ) -> GatewaySetting {
        var setting = text(key, path, flag: .none, secret: secret, valueName: valueName, help: help)
        setting.isEnvironmentOnly = true
        return setting
    }

    /// A value parsed from a string (`HOST:PORT`, a URL …).
    /// - Parameter parse: returns the value, or throws ``SettingError/invalid(_:)``.
    static func parsed<Value>(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Value> & Sendable, flag: Flag = .derived,
        valueName: String, help: String,
        parse: @escaping @Sendable (String) throws -> Value, print: @escaping @Sendable (Value) -> String?
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: valueName, help: help, kind: .text,
            apply: { configuration, content in configuration[keyPath: path] = try parse(try content.asString) },
            describe: { print($0[keyPath: path]) })
    }

    /// One of a few named values.
    static func choice<Value: Equatable>(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Value> & Sendable, flag: Flag = .derived,
        _ choices: [(name: String, value: Value)], help: String
    ) -> GatewaySetting where Value: Sendable {
        let names = choices.map(\.name)
        return GatewaySetting(
            key, flag: flag, secret: false, valueName: names.joined(separator: "|"), help: help, kind: .text,
            apply: { configuration, content in
                let name = try content.asString
                guard let choice = choices.first(where: { $0.name == name.lowercased() }) else {
                    throw SettingError.invalid("be one of \(names.joined(separator: ", "))")
                }
                configuration[keyPath: path] = choice.value
            },
            describe: { configuration in choices.first { $0.value == configuration[keyPath: path] }?.name })
    }

    /// A whole number within `range`.
    static func integer(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Int> & Sendable, flag: Flag = .derived,
        in range: ClosedRange<Int>, valueName: String = "N", help: String
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: valueName, help: help, kind: .integer,
            apply: { configuration, content in
                let value = try content.asInt
                guard range.contains(value) else {
                    throw SettingError.invalid(
                        range.upperBound == .max ? "be \(range.lowerBound) or more" : "be \(range.lowerBound)…\(range.upperBound)")
                }
                configuration[keyPath: path] = value
            },
            describe: { String($0[keyPath: path]) })
    }

    /// A positive duration written in seconds (`10`, `2.5`).
    /// - Parameter allowsZero: whether `0` is accepted too (a delay that may be switched off).
    static func seconds(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Duration> & Sendable, flag: Flag = .derived,
        allowsZero: Bool = false, help: String
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: "SECONDS", help: help, kind: .seconds,
            apply: { configuration, content in
                let seconds = try content.asDouble
                guard seconds > 0 || (allowsZero && seconds == 0), seconds < 1e9 else {
                    throw SettingError.invalid("be a number of seconds \(allowsZero ? "from 0" : "above 0") and below 1000000000")
                }
                configuration[keyPath: path] = .milliseconds(Int64((seconds * 1000).rounded()))
            },
            describe: { configuration in
                let duration = configuration[keyPath: path]
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                return seconds == seconds.rounded() ? String(Int64(seconds)) : String(seconds)
            })
    }

    /// A whole number within `range` that may be unset (`nil`).
    static func optionalInteger(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Int?> & Sendable, flag: Flag = .derived,
        in range: ClosedRange<Int>, valueName: String = "N", help: String
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: valueName, help: help, kind: .integer,
            apply: { configuration, content in
                let value = try content.asInt
                guard range.contains(value) else {
                    throw SettingError.invalid(
                        range.upperBound == .max ? "be \(range.lowerBound) or more" : "be \(range.lowerBound)…\(range.upperBound)")
                }
                configuration[keyPath: path] = value
            },
            describe: { $0[keyPath: path].map(String.init) })
    }

    /// A number (fractions allowed) within `range` that may be unset (`nil`).
    static func optionalNumber(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Double?> & Sendable, flag: Flag = .derived,
        in range: ClosedRange<Double>, valueName: String, help: String
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: valueName, help: help, kind: .seconds,
            apply: { configuration, content in
                let value = try content.asDouble
                guard range.contains(value) else {
                    throw SettingError.invalid("be a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))")
                }
                configuration[keyPath: path] = value
            },
            describe: { $0[keyPath: path].map(Self.plain) })
    }

    /// A number without a needless `.0`.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// On or off; on the command line a bare flag turns it on.
    static func boolean(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, Bool> & Sendable, flag: Flag = .derived, help: String
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: "true|false", help: help, kind: .boolean,
            apply: { configuration, content in configuration[keyPath: path] = try content.asBool },
            describe: { String($0[keyPath: path]) })
    }

    /// Several strings.
    /// - Parameter check: returns why one element is refused ("must …"), or `nil` to accept it.
    static func list(
        _ key: String, _ path: any WritableKeyPath<ServeConfiguration, [String]> & Sendable, flag: Flag = .derived,
        valueName: String, help: String, check: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> GatewaySetting {
        GatewaySetting(
            key, flag: flag, secret: false, valueName: valueName, help: help, kind: .list,
            apply: { configuration, content in
                let values = try content.asStringArray
                if let reason = values.lazy.compactMap(check).first { throw SettingError.invalid(reason) }
                configuration[keyPath: path] = values
            },
            describe: { configuration in
                let values = configuration[keyPath: path]
                return values.isEmpty ? nil : values.joined(separator: ",")
            })
    }
}

extension ConfigContent {
    fileprivate var asString: String {
        get throws {
            if case .string(let value) = self { return value }
            throw SettingError.invalid("be a string")
        }
    }

    fileprivate var asInt: Int {
        get throws {
            switch self {
            case .int(let value): return value
            case .string(let text): if let value = Int(text) { return value }
            default: break
            }
            throw SettingError.invalid("be a whole number")
        }
    }

    fileprivate var asDouble: Double {
        get throws {
            switch self {
            case .double(let value): return value
            case .int(let value): return Double(value)
            case .string(let text): if let value = Double(text), value.isFinite { return value }
            default: break
            }
            throw SettingError.invalid("be a number")
        }
    }

    fileprivate var asBool: Bool {
        get throws {
            switch self {
            case .bool(let value): return value
            case .string(let text):
                switch text.lowercased() {
                case "true", "yes", "1", "on": return true
                case "false", "no", "0", "off": return false
                default: break
                }
            default: break
            }
            throw SettingError.invalid("be true or false")
        }
    }

    fileprivate var asStringArray: [String] {
        get throws {
            switch self {
            case .stringArray(let values): return values
            case .string(let value): return [value]
            default: throw SettingError.invalid("be a list of strings")
            }
        }
    }
}
