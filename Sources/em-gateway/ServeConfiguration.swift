import EMGateway
import EMSimulator
import EMUpstream
import Logging

/// Everything `serve` runs with, as the settings (``GatewaySetting/all``) fill it: the gateway's
/// own configuration plus what the command itself acts on. Each var's initial value is the
/// setting's default.
struct ServeConfiguration: Sendable {
    /// The gateway's configuration; its ``GatewayConfiguration/upstreamBaseURL`` is set from
    /// ``upstream`` (or the simulator's address) when serving. Defaults: GatewayConfiguration's.
    var gateway = GatewayConfiguration(upstreamBaseURL: "")
    /// EM's base URL without `/api`. Default none (then ``demo`` is required).
    var upstream: String?
    /// Serve in front of the built-in simulator. Default `false`.
    var demo = false
    /// With ``demo``: the simulator's generated world size. Default 0 (the small seed world).
    var scale = 0
    /// With ``demo``: the living world's seed. Default none (1).
    var seed: Int?
    /// With ``demo``: the living world's start time (ISO 8601). Default none (now).
    var startTime: String?
    /// With ``demo``: world seconds per second (0 frozen). Default none (1, real time).
    var clockRate: Double?
    /// With ``demo``: the simulator's answer times. Default none (`none`: at once).
    var latency: SimulatedLatency?
    /// PEM certificate chain to serve HTTPS with. Default none (plain HTTP).
    var tlsCertificateFile: String?
    /// PEM private key for ``tlsCertificateFile``. Default none.
    var tlsKeyFile: String?
    /// Serve HTTPS with a generated self-signed certificate. Default `false`.
    var selfSigned = false
    /// An EM `RestAPI.xsd` to overlay on the built-in schema. Default none.
    var xsd: String?
    /// How log lines are written to standard error. Default ``LogFormat/text``.
    var logFormat = LogFormat.text
    /// The lowest level logged. Default `info`.
    var logLevel = Logger.Level.info
    /// Service-account mode: the EM user the gateway logs on as (clients then present bearer
    /// tokens). Default none: pass-through mode.
    var serviceAccountUser: String?
    /// The service account's password: a secret, from the environment, a file or the config
    /// file, never a flag. Default none.
    var serviceAccountPassword: String?
    /// The file of accepted client bearer tokens, one `name:salt:hash` line each (see
    /// `em-gateway token new`). Default none.
    var bearerTokensFile: String?
    /// Time between refreshes of the service account's EM session, below EM's idle expiry.
    /// Default 300 s.
    var serviceAccountKeepAlive = Duration.seconds(300)
    /// The EM user `verify` logs on as (`EM_GATEWAY_VERIFY_USER`); `serve` ignores it. Default none.
    var verifyUser: String?
    /// That user's password (`EM_GATEWAY_VERIFY_PASSWORD` or `…_FILE`); `serve` ignores it. Default none.
    var verifyPassword: String?
    /// How long graceful shutdown (SIGTERM, SIGINT) may take before the requests still in flight
    /// are cut and the process exits. Default 25 s, counted from the end of the drain
    /// (``shutdownDrainDelay``).
    var shutdownTimeout = Duration.seconds(25)
    /// How long the gateway keeps serving after SIGTERM, with `/readyz` answering `503`, before
    /// the graceful shutdown starts: load balancers (Kubernetes' endpoints) stop sending new
    /// connections meanwhile. Default 5 s; 0 starts the graceful shutdown at once.
    var shutdownDrainDelay = Duration.seconds(5)

    /// The listen address (the gateway's host and port). Default `127.0.0.1:8080`.
    var listen: ListenAddress {
        get { ListenAddress(host: gateway.host, port: gateway.port) }
        set {
            gateway.host = newValue.host
            gateway.port = newValue.port
        }
    }

    /// The proxies (CIDR ranges) whose forwarding fields are believed. Default none.
    var trustedProxies: [String] {
        get { gateway.trustedProxies.cidrs }
        set { gateway.trustedProxies = (try? TrustedProxies(newValue)) ?? .none }
    }

    /// Whether EM's certificate goes unverified (the inverse of libcurl's peer verification). Default `false`.
    var upstreamInsecure: Bool {
        get { !gateway.upstream.tls.verifyPeer }
        set { gateway.upstream.tls.verifyPeer = !newValue }
    }

    /// The settings checked against each other.
    /// - Returns: a whole sentence naming the flags involved when they conflict, else `nil`.
    var conflict: String? {
        if demo && upstream != nil { return "--demo and --upstream exclude each other" }
        if !demo && upstream == nil { return "give --upstream URL (EM's base URL), or --demo" }
        if scale > 0 && !demo { return "--scale needs --demo" }
        if !demo {
            let given: [(String, Bool)] = [
                ("--seed", seed != nil), ("--start-time", startTime != nil), ("--clock-rate", clockRate != nil),
                ("--latency", latency != nil),
            ]
            if let flag = given.first(where: \.1)?.0 { return "\(flag) needs --demo" }
        }
        if (tlsCertificateFile == nil) != (tlsKeyFile == nil) { return "--tls-cert and --tls-key go together" }
        if selfSigned && tlsCertificateFile != nil { return "--self-signed excludes --tls-cert" }
        if upstreamInsecure && (gateway.upstream.tls.caFile != nil || gateway.upstream.tls.pinnedPublicKey != nil) {
            return "--upstream-insecure excludes --upstream-ca and --upstream-pin"
        }
        if serviceAccountUser == nil && (serviceAccountPassword != nil || bearerTokensFile != nil) {
            return "the service account's password and --bearer-tokens-file need --service-account-user"
        }
        if serviceAccountUser != nil && bearerTokensFile == nil { return "service-account mode needs --bearer-tokens-file" }
        if serviceAccountUser != nil && serviceAccountPassword == nil {
            return "service-account mode needs the password from --service-account-password-file or EM_GATEWAY_SERVICE_ACCOUNT_PASSWORD"
        }
        return nil
    }
}

extension ServeConfiguration {
    /// The simulator behind `serve --demo`: the living demo world with these settings, the
    /// accounts `demo`/`demo` and `viewer`/`viewer` (restricted role), and ``scale``.
    /// - Returns: the configuration.
    func demoSimulatorConfiguration() -> SimulatorConfiguration {
        SimulatorConfiguration.demo(
            seed: seed, startTime: startTime.flatMap(DemoWorldConfiguration.secondsSince1970), clockRate: clockRate,
            latency: latency ?? .none, scale: scale)
    }
}

extension SimulatorConfiguration {
    /// The simulator `simulate` and `serve --demo` run: the living demo world and the accounts
    /// `demo`/`demo` and `viewer`/`viewer` (the restricted role).
    /// - Parameters:
    ///   - seed: the world's seed, or `nil` for 1.
    ///   - startTime: the start, seconds since 1970, or `nil` for now.
    ///   - clockRate: world seconds per second, or `nil` for 1.
    ///   - latency: the answer times.
    ///   - scale: the generated world's size (0: none).
    /// - Returns: the configuration.
    static func demo(seed: Int?, startTime: Int64?, clockRate: Double?, latency: SimulatedLatency, scale: Int) -> SimulatorConfiguration {
        var world = DemoWorldConfiguration()
        if let seed { world.seed = UInt64(seed) }
        world.startTime = startTime
        if let clockRate { world.clockRate = clockRate }
        var configuration = SimulatorConfiguration()
        configuration.demoWorld = world
        configuration.latency = latency
        configuration.scale = scale
        configuration.accounts = ["demo": "demo", "viewer": "viewer"]
        configuration.restrictedUsers = ["viewer"]
        return configuration
    }
}

/// The shape of log lines.
enum LogFormat: String, CaseIterable, Sendable {
    /// swift-log's text lines (`timestamp level label: [metadata] message`).
    case text
    /// One JSON object per line (``JSONLogHandler``).
    case json
}
