import EMGateway
import EMSimulator
import EMTranslate
import EMUpstream
import Foundation
import Logging
import Testing

@testable import em_gateway

/// Settings from flags, `EM_GATEWAY_*` variables and a JSON or YAML config file
/// (`SettingSources` on top of swift-configuration), their precedence and their errors.
@Suite("Configuration")
struct ConfigurationTests {
    /// A temporary file holding `text`, removed after `body`.
    static func withFile<T>(_ name: String, _ text: String, _ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("em-gateway-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try await body(path)
    }

    static func resolve(
        _ arguments: [String] = [], environment: [String: String] = [:], configFile: String? = nil,
        settings: [GatewaySetting] = GatewaySetting.all
    ) async throws(ConfigurationError) -> SettingSources.Resolved {
        try await SettingSources(arguments: arguments, environment: environment, configFile: configFile, settings: settings).resolve()
    }

    /// The error message `resolve` fails with, or `nil` when it succeeds.
    static func failure(
        _ arguments: [String] = [], environment: [String: String] = [:], configFile: String? = nil
    ) async -> String? {
        do {
            _ = try await resolve(arguments, environment: environment, configFile: configFile)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("flags beat EM_GATEWAY_* variables, which beat the config file, which beats the defaults")
    func precedence() async throws {
        let yaml = """
            upstream:
              url: https://file.example:9398
              connect-timeout: 2.5
            max-body-bytes: 2048
            dialect: compact
            """
        try await Self.withFile("gateway.yaml", yaml) { path in
            let environment = ["EM_GATEWAY_UPSTREAM_URL": "https://env.example:9398", "EM_GATEWAY_MAX_BODY_BYTES": "4096"]
            let all = try await Self.resolve(["--upstream", "https://flag.example:9398"], environment: environment, configFile: path)
            #expect(all.configuration.upstream == "https://flag.example:9398")
            #expect(all.sources["upstream.url"] == "--upstream")
            #expect(all.configuration.gateway.maxRequestBodyBytes == 4096)
            #expect(all.sources["max-body-bytes"] == "EM_GATEWAY_MAX_BODY_BYTES")
            #expect(all.configuration.gateway.upstream.connectTimeout == .milliseconds(2500))
            #expect(all.sources["upstream.connect-timeout"] == "\(path): upstream.connect-timeout")
            #expect(all.configuration.gateway.dialect == .compact)
            // Untouched settings keep ServeConfiguration's defaults.
            #expect(all.configuration.gateway.upstream.idleTimeout == .seconds(60))
            #expect(all.configuration.listen.description == "127.0.0.1:8080")
            #expect(all.sources["listen"] == nil)

            let noFlag = try await Self.resolve(environment: environment, configFile: path)
            #expect(noFlag.configuration.upstream == "https://env.example:9398")
            let fileOnly = try await Self.resolve(configFile: path)
            #expect(fileOnly.configuration.upstream == "https://file.example:9398")
            #expect(fileOnly.configuration.gateway.maxRequestBodyBytes == 2048)
        }
    }

    @Test("a JSON config file; EM_GATEWAY_CONFIG names it; lists and booleans from every source")
    func jsonFileAndKinds() async throws {
        let json =
            #"{"demo": true, "allowed-origins": ["https://a.example", "https://b.example"], "log": {"format": "json", "level": "debug"}}"#
        try await Self.withFile("gateway.json", json) { path in
            let resolved = try await Self.resolve(environment: ["EM_GATEWAY_CONFIG": path])
            #expect(resolved.configuration.demo)
            #expect(resolved.configuration.gateway.allowedOrigins == ["https://a.example", "https://b.example"])
            #expect(resolved.configuration.logFormat == .json)
            #expect(resolved.configuration.logLevel == .debug)
        }
        let fromEnvironment = try await Self.resolve(environment: [
            "EM_GATEWAY_DEMO": "true", "EM_GATEWAY_ALLOWED_ORIGINS": "https://a.example,https://c.example",
            "EM_GATEWAY_UPSTREAM_INSECURE": "",  // empty counts as unset
        ])
        #expect(fromEnvironment.configuration.gateway.allowedOrigins == ["https://a.example", "https://c.example"])
        #expect(!fromEnvironment.configuration.upstreamInsecure)
        let fromFlags = try await Self.resolve([
            "--demo", "--allowed-origin", "https://a.example", "--allowed-origin=https://d.example", "--log-format", "json",
        ])
        #expect(fromFlags.configuration.gateway.allowedOrigins == ["https://a.example", "https://d.example"])
        #expect(fromFlags.configuration.logFormat == .json)
    }

    @Test("unknown flags, EM_GATEWAY_* variables and file keys are errors that name them")
    func unknownNames() async throws {
        #expect(await Self.failure(["--demo", "--upstream-conect-timeout", "3"]) == "unknown option '--upstream-conect-timeout'")
        #expect(await Self.failure(["--demo"], environment: ["EM_GATEWAY_UPSTREAM_URI": "x"])?.contains("EM_GATEWAY_UPSTREAM_URI") == true)
        #expect(await Self.failure(["--demo"], environment: ["OTHER_VARIABLE": "x"]) == nil)
        // Kubernetes' service links of Services named em-gateway…, by name and value shape only.
        let links = [
            "EM_GATEWAY_SERVICE_HOST": "10.96.0.7", "EM_GATEWAY_SERVICE_PORT": "80", "EM_GATEWAY_SERVICE_PORT_HTTP": "80",
            "EM_GATEWAY_PORT": "tcp://10.96.0.7:80", "EM_GATEWAY_PORT_80_TCP": "tcp://10.96.0.7:80", "EM_GATEWAY_PORT_80_TCP_PROTO": "tcp",
            "EM_GATEWAY_PORT_80_TCP_PORT": "80", "EM_GATEWAY_PORT_80_TCP_ADDR": "10.96.0.7",
            "EM_GATEWAY_METRICS_PORT": "udp://[fd00::7]:9090", "EM_GATEWAY_METRICS_SERVICE_HOST": "fd00::7",
        ]
        #expect(await Self.failure(["--demo"], environment: links) == nil)
        for (name, value) in [
            ("EM_GATEWAY_PORT", "9090"), ("EM_GATEWAY_SERVICE_HOST", "em-gateway"), ("EM_GATEWAY_PORT_80_TCP_PROTO", "http"),
            ("EM_GATEWAY_PORT", "tcp://10.96.0.7"), ("EM_GATEWAY_SERVICE_PORT_HTTP", "http"),
        ] {
            #expect(
                await Self.failure(["--demo"], environment: [name: value])?.hasPrefix("unknown environment variable \(name) (") == true,
                "\(name)=\(value)")
        }
        #expect(
            await Self.failure(["--demo"], environment: ["EM_GATEWAY_LISTN": "0.0.0.0:1"])?.contains("did you mean EM_GATEWAY_LISTEN?")
                == true)
        #expect(await Self.failure(["--demo"], environment: ["EM_GATEWAY_PORT": "9090"])?.contains("did you mean") == false)
        try await Self.withFile("gateway.yaml", "demo: true\nupstream:\n  conect-timeout: 3\n") { path in
            #expect(await Self.failure(configFile: path) == "config file \(path): unknown key \"upstream.conect-timeout\"")
        }
        try await Self.withFile("gateway.json", #"{"demo": true, "tls": {"cert": "a", "kee": "b"}}"#) { path in
            #expect(await Self.failure(configFile: path)?.contains("unknown key \"tls.kee\"") == true)
        }
        #expect(await Self.failure(configFile: "/nonexistent/gateway.yaml") == "cannot read config file /nonexistent/gateway.yaml")
    }

    @Test("values of the wrong shape name their source")
    func wrongShapes() async throws {
        #expect(await Self.failure(["--demo", "--max-body-bytes", "lots"]) == "--max-body-bytes: must be a whole number")
        #expect(
            await Self.failure(["--demo"], environment: ["EM_GATEWAY_UPSTREAM_IDLE_TIMEOUT": "-1"])
                == "EM_GATEWAY_UPSTREAM_IDLE_TIMEOUT: must be a number of seconds above 0 and below 1000000000")
        #expect(
            await Self.failure(["--demo", "--upstream-idle-timeout", "99999999999"])
                == "--upstream-idle-timeout: must be a number of seconds above 0 and below 1000000000")
        #expect(await Self.failure(["--demo", "--dialect", "verbose"]) == "--dialect: must be one of native, compact")
        #expect(await Self.failure(["--demo", "--shutdown-drain-delay", "0"]) == nil)
        #expect(
            await Self.failure(["--demo", "--shutdown-drain-delay", "-1"])
                == "--shutdown-drain-delay: must be a number of seconds from 0 and below 1000000000")
        #expect(await Self.failure(["--demo", "--listen", "8080"]) == "--listen: must be HOST:PORT, e.g. 0.0.0.0:8080")
        try await Self.withFile("gateway.yaml", "demo: true\nmax-body-bytes: many\n") { path in
            #expect(await Self.failure(configFile: path) == "\(path): max-body-bytes: must be a whole number")
        }
    }

    @Test("--public-url, --allowed-origin and --upstream are checked, with the hint that fits")
    func urlChecks() async throws {
        #expect(
            await Self.failure(["--demo", "--public-url", "gateway.example.com"])?.hasPrefix(
                "--public-url: must be an absolute http:// or https:// URL") == true)
        #expect(await Self.failure(["--demo", "--public-url", "ftp://gateway.example.com"]) != nil)
        #expect(await Self.failure(["--demo", "--public-url", "https://gateway.example.com/em"]) == nil)
        let star = await Self.failure(["--demo", "--allowed-origin", "*"])
        #expect(star?.hasPrefix("--allowed-origin: must name each origin") == true)
        #expect(star?.contains("'*' is refused") == true)
        #expect(await Self.failure(["--demo", "--allowed-origin", "https://app.example.com/path"]) != nil)
        let api = await Self.failure(["--upstream", "https://em:9398/api"])
        #expect(api == "--upstream: must be EM's base URL without /api: drop /api (https://em:9398)")
        #expect(await Self.failure(["--upstream", "https://em:9398/api/"])?.contains("drop /api") == true)
        #expect(await Self.failure(["--upstream", "em:9398"])?.hasPrefix("--upstream: must be an http:// or https:// URL") == true)
        #expect(await Self.failure(["--upstream", "https://em:9398/"]) == nil)
    }

    @Test("settings are checked against each other as before")
    func crossChecks() async throws {
        #expect(await Self.failure([]) == "give --upstream URL (EM's base URL), or --demo")
        #expect(await Self.failure(["--demo", "--upstream", "https://em:9398"]) == "--demo and --upstream exclude each other")
        #expect(await Self.failure(["--demo", "--tls-cert", "a.pem"]) == "--tls-cert and --tls-key go together")
        #expect(await Self.failure(["--demo", "--upstream-insecure", "--upstream-ca", "ca.pem"]) != nil)
        #expect(await Self.failure(["--upstream", "https://em:9398", "--scale", "5"]) == "--scale needs --demo")
        for (flag, value) in [("--seed", "7"), ("--start-time", "2026-01-05T12:00:00Z"), ("--clock-rate", "0"), ("--latency", "em")] {
            #expect(await Self.failure(["--upstream", "https://em:9398", flag, value]) == "\(flag) needs --demo")
            #expect(await Self.failure(["--demo", flag, value]) == nil)
        }
    }

    @Test("the living world's settings come from flags, EM_GATEWAY_* variables and the file's top level")
    func demoWorldSettings() async throws {
        let flags = try await Self.resolve([
            "--demo", "--seed", "7", "--start-time", "2026-01-05T12:00:00Z", "--clock-rate", "60", "--latency", "em",
        ]).configuration
        #expect(flags.seed == 7 && flags.startTime == "2026-01-05T12:00:00Z" && flags.clockRate == 60 && flags.latency == .em)
        let environment = try await Self.resolve(
            ["--demo"],
            environment: [
                "EM_GATEWAY_SEED": "9", "EM_GATEWAY_START_TIME": "2026-01-05T12:00:00", "EM_GATEWAY_CLOCK_RATE": "0",
                "EM_GATEWAY_LATENCY": "none",
            ]
        ).configuration
        #expect(environment.seed == 9 && environment.startTime == "2026-01-05T12:00:00")
        #expect(environment.clockRate == 0 && environment.latency == SimulatedLatency.none)
        let simulator = environment.demoSimulatorConfiguration()
        #expect(simulator.demoWorld?.seed == 9 && simulator.demoWorld?.startTime == 1_767_614_400)
        #expect(simulator.demoWorld?.clockRate == 0 && simulator.restrictedUsers == ["viewer"])
        #expect(simulator.accounts["viewer"] == "viewer" && simulator.accounts["demo"] == "demo")
        #expect(await Self.failure(["--demo", "--start-time", "yesterday"])?.hasPrefix("--start-time: must be an ISO 8601") == true)
        #expect(
            await Self.failure(["--demo"], environment: ["EM_GATEWAY_CLOCK_RATE": "-1"])
                == "EM_GATEWAY_CLOCK_RATE: must be a number from 0 to 1000000")
        #expect(await Self.failure(["--demo", "--latency", "slow"])?.hasPrefix("--latency: must be one of none, em") == true)
    }

    @Test("a secret is never a flag, may come from a KEY-file file, and is masked when printed")
    func secrets() async throws {
        // The service account's password: the table's secret row.
        let mode = ["--demo", "--service-account-user", "svc", "--bearer-tokens-file", "tokens.txt"]
        try await Self.withFile("password", "s3cret\n") { path in
            let fromFile = try await Self.resolve(mode, environment: ["EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD_FILE": path])
            #expect(fromFile.configuration.serviceAccountPassword == "s3cret")
            #expect(fromFile.sources["service-account.password"] == "EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD_FILE")
            let lines = SettingSources(arguments: [], environment: [:], settings: GatewaySetting.all).describe(fromFile)
            let line = try #require(lines.first { $0.hasPrefix("service-account.password ") })
            #expect(line.contains("********"))
            #expect(!lines.joined().contains("s3cret"))

            let viaFlag = try await Self.resolve(mode + ["--service-account-password-file", path])
            #expect(viaFlag.configuration.serviceAccountPassword == "s3cret")
            try await Self.withFile("gateway.yaml", "service-account:\n  password-file: \(path)\n") { config in
                let viaFile = try await Self.resolve(mode, configFile: config)
                #expect(viaFile.configuration.serviceAccountPassword == "s3cret")
            }
        }
        let direct = try await Self.resolve(mode, environment: ["EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD": "pw"])
        #expect(direct.configuration.serviceAccountPassword == "pw")
        do {
            _ = try await Self.resolve(mode + ["--service-account-password", "pw"])
            Issue.record("a secret was accepted as a flag")
        } catch {
            #expect("\(error)" == "unknown option '--service-account-password'")
        }
        #expect(await Self.failure(["--demo", "--service-account-user", "svc"]) == "service-account mode needs --bearer-tokens-file")
    }

    @Test("every setting's derived names are distinct, and the help lists each")
    func tableIsConsistent() {
        let settings = GatewaySetting.all
        let flags = settings.compactMap(\.flag)
        #expect(Set(flags).count == flags.count)
        #expect(Set(settings.map(\.environmentName)).count == settings.count)
        #expect(settings.allSatisfy { !$0.isSecret || $0.flag == nil })
        let help = SettingArguments.settingsHelp
        for setting in settings {
            #expect(help.contains(setting.environmentName))
            if let flag = setting.flag { #expect(help.contains(flag)) }
        }
        // The README's configuration reference names every setting.
        let readme = (try? String(contentsOf: DeploymentFilesTests.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        for setting in settings {
            #expect(readme.contains("`\(setting.environmentName)`"), "README names \(setting.environmentName)")
            #expect(readme.contains("`\(setting.key)`"), "README names \(setting.key)")
        }
        // The fixed flags of `serve` are among them.
        for flag in ["--listen", "--upstream", "--public-url", "--demo"] { #expect(flags.contains(flag)) }
    }
}
