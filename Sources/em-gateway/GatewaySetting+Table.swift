import EMGateway
import EMSimulator
import EMTranslate
import EMUpstream
import Foundation
import Logging

extension GatewaySetting {
    /// Every setting of `serve`, in help order: the one place that maps keys to flags,
    /// environment variables, config-file keys and configuration members.
    ///
    /// To add a setting, add one row (and, if new, the member it fills with its default, in
    /// ``ServeConfiguration`` or `GatewayConfiguration`). A secret is `text(…, flag: .none, secret: true, …)`.
    static let all: [GatewaySetting] = [
        .parsed(
            "listen", \.listen, valueName: "HOST:PORT", help: "Address to listen on.",
            parse: { try ListenAddress.parse($0) }, print: { $0.description }),
        .text(
            "upstream.url", \.upstream, flag: .named("--upstream"), valueName: "URL",
            help: "EM's base URL without /api, e.g. https://em.example.local:9398.", check: URLCheck.upstream),
        .text(
            "public-url", \.gateway.publicBaseURL, valueName: "URL",
            help: "The URL clients use to reach the gateway (default: built per request from Host).",
            check: URLCheck.publicURL),
        .boolean("demo", \.demo, help: "Run against the built-in EM simulator instead of a real EM."),
        .integer("scale", \.scale, in: 0...Int.max, help: "With --demo: the simulator's generated world size (see simulate --scale)."),
        .optionalInteger(
            "seed", \.seed, in: 0...Int.max,
            help: "With --demo: the living world's seed (default 1); the same seed and start time give the same world."),
        .parsed(
            "start-time", \.startTime, valueName: "ISO8601",
            help: "With --demo: the world time at start, e.g. 2026-01-05T12:00:00Z (default: now); a week of history ends here.",
            parse: { text in
                guard DemoWorldConfiguration.secondsSince1970(text) != nil else {
                    throw SettingError.invalid("be an ISO 8601 date and time, e.g. 2026-01-05T12:00:00Z")
                }
                return text
            }, print: { $0 }),
        .optionalNumber(
            "clock-rate", \.clockRate, in: 0...1_000_000, valueName: "R",
            help: "With --demo: world seconds per second (default 1 = real time, 60 = a minute per second, 0 = frozen)."),
        .choice(
            "latency", \.latency, SimulatedLatency.allCases.map { ($0.rawValue, Optional($0)) },
            help: "With --demo: the simulator's answer times: none (at once, default) or em (a real EM's, 4 requests at a time)."),
        .list(
            "allowed-origins", \.gateway.allowedOrigins, flag: .named("--allowed-origin"), valueName: "ORIGIN",
            help: "A browser origin allowed to call the gateway (CORS); repeat for several.", check: URLCheck.origin),
        .choice(
            "www-authenticate", \.gateway.challengePolicy,
            GatewayConfiguration.ChallengePolicy.allCases.map { ($0.rawValue, $0) },
            help: "When to drop EM's Basic challenge from 401s: keep, browsers or drop."),
        .text("tls.cert", \.tlsCertificateFile, valueName: "FILE", help: "Serve HTTPS with this certificate chain (PEM); needs --tls-key."),
        .text("tls.key", \.tlsKeyFile, valueName: "FILE", help: "The private key (PEM) for --tls-cert."),
        .boolean(
            "tls.self-signed", \.selfSigned, flag: .named("--self-signed"),
            help: "Serve HTTPS with a freshly generated self-signed certificate (for demos)."),
        .text("upstream.ca", \.gateway.upstream.tls.caFile, valueName: "FILE", help: "A CA bundle (PEM) to verify EM's certificate with."),
        .text(
            "upstream.pin", \.gateway.upstream.tls.pinnedPublicKey, valueName: "PIN",
            help: "Pin EM's public key, as libcurl's CURLOPT_PINNEDPUBLICKEY (sha256//BASE64).",
            check: { $0.hasPrefix("sha256//") ? nil : "look like sha256//BASE64" }),
        .boolean("upstream.insecure", \.upstreamInsecure, help: "Do not verify EM's TLS certificate (warned about at every start)."),
        .seconds("upstream.connect-timeout", \.gateway.upstream.connectTimeout, help: "Seconds to wait for a connection to EM."),
        .seconds(
            "upstream.idle-timeout", \.gateway.upstream.idleTimeout, help: "Seconds EM may stay silent mid-answer before the request fails."
        ),
        .seconds(
            "shutdown-timeout", \.shutdownTimeout,
            help: "Seconds graceful shutdown may take before requests still in flight are cut and the process exits."),
        .seconds(
            "shutdown-drain-delay", \.shutdownDrainDelay, allowsZero: true,
            help: "Seconds to keep serving after SIGTERM, with /readyz answering 503, before the graceful shutdown (0: none)."),
        .integer(
            "upstream.max-requests", \.gateway.maxConcurrentUpstreamRequests, flag: .named("--max-upstream-requests"),
            in: 1...Int.max, help: "Most requests in flight to EM; past it clients get 503."),
        .integer(
            "max-body-bytes", \.gateway.maxRequestBodyBytes, in: 1...Int.max, valueName: "BYTES",
            help: "Largest request body accepted, in bytes."),
        .choice(
            "dialect", \.gateway.dialect, [("native", .native), ("compact", .compact)],
            help: "JSON dialect when the client names none: native or compact."),
        .choice(
            "default-representation", \.gateway.defaultRepresentation,
            GatewayConfiguration.DefaultRepresentation.allCases.map { ($0.rawValue, $0) },
            help: "What a client whose Accept decides nothing gets: json, or xml as EM itself answers."),
        .list(
            "trusted-proxies", \.trustedProxies, flag: .named("--trusted-proxy"), valueName: "CIDR",
            help: "A proxy (CIDR range) whose Forwarded or X-Forwarded-* fields name the client; repeat for several.",
            check: { (try? TrustedProxies([$0])) == nil ? "be an IP address or CIDR range (10.0.0.0/8, fd00::/8)" : nil }),
        .choice(
            "cache.enabled", \.gateway.cache.enabled, flag: .named("--cache"), [("on", true), ("off", false)],
            help: "Keep EM's answers per identity for their operation's max-age: on or off (validators and coalescing stay on)."),
        .parsed(
            "cache.max-bytes", \.gateway.cache.maxBytes, valueName: "BYTES",
            help: "The response cache's bound in bytes (suffixes KiB, MiB, GiB); one identity holds at most a quarter.",
            parse: { try ByteSize.parse($0) }, print: { ByteSize.describe($0) }),
        .parsed(
            "cache.ttl-factor", \.gateway.cache.ttlFactor, valueName: "FACTOR",
            help: "Multiplies every operation's max-age (0: nothing is fresh).",
            parse: { text in
                guard let value = Double(text), value >= 0, value < 1e6 else { throw SettingError.invalid("be a number, 0 or more") }
                return value
            }, print: { String($0) }),
        .integer(
            "logon-throttle.failures", \.gateway.maxFailedLogons, in: 1...Int.max,
            help: "Failed logons per client address within the window before its logons get 429."),
        .seconds("logon-throttle.window", \.gateway.failedLogonWindow, help: "Seconds over which failed logons are counted."),
        .text(
            "xsd", \.xsd, valueName: "PATH",
            help: "Overlay this EM's own RestAPI.xsd on the built-in schema (element order, scalar types, new types)."),
        .text(
            "service-account.user", \.serviceAccountUser, valueName: "USER",
            help: "Service-account mode: log on to EM as this user; clients then need a bearer token."),
        .text(
            "service-account.password", \.serviceAccountPassword, flag: .none, secret: true, valueName: "PASSWORD",
            help: "The service account's password (environment or file only, never a flag)."),
        .text(
            "bearer-tokens-file", \.bearerTokensFile, valueName: "FILE",
            help: "Accepted client bearer tokens, one name:salt:hash line each (make one with: em-gateway token new NAME)."),
        .seconds(
            "service-account.keep-alive", \.serviceAccountKeepAlive,
            help: "Seconds between refreshes of the service account's EM session (below EM's idle expiry)."),
        .environmentOnly(
            "verify.user", \.verifyUser, valueName: "USER",
            help: "verify only: the EM user `em-gateway verify` logs on as (environment only; serve ignores it)."),
        .environmentOnly(
            "verify.password", \.verifyPassword, secret: true, valueName: "PASSWORD",
            help:
                "verify only: that user's password (environment only, or a file named by EM_GATEWAY_VERIFY_PASSWORD_FILE; serve ignores it)."
        ),
        .choice(
            "log.format", \.logFormat, LogFormat.allCases.map { ($0.rawValue, $0) },
            help: "Log lines as text or json (one object per line)."),
        .choice("log.level", \.logLevel, Logger.Level.allCases.map { ($0.rawValue, $0) }, help: "The lowest level logged."),
    ]

    /// The setting with this key.
    static func named(_ key: String) -> GatewaySetting? { all.first { $0.key == key } }
}

/// Checks of URL-shaped settings; each returns why a value is refused ("must …"), or `nil`.
enum URLCheck {
    /// EM's base URL: `http(s)://host[:port]`, without `/api`.
    static func upstream(_ text: String) -> String? {
        guard let url = absoluteHTTPURL(text) else {
            return "be an http:// or https:// URL (EM's base URL, e.g. https://em.example.local:9398)"
        }
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.lowercased().hasSuffix("/api") {
            let base = text.range(of: "/api", options: [.caseInsensitive, .backwards]).map { String(text[..<$0.lowerBound]) } ?? text
            return "be EM's base URL without /api: drop /api (\(base))"
        }
        return nil
    }

    /// The gateway's public URL: an absolute `http(s)://` URL without query or fragment.
    static func publicURL(_ text: String) -> String? {
        guard let url = absoluteHTTPURL(text), url.query == nil, url.fragment == nil else {
            return "be an absolute http:// or https:// URL, e.g. https://gateway.example.com"
        }
        return nil
    }

    /// A browser origin: `http(s)://host[:port]`, never `*`.
    static func origin(_ text: String) -> String? {
        if text == "*" {
            return "name each origin (https://app.example.com): '*' is refused, it would let every web page call EM with the user's session"
        }
        guard let url = absoluteHTTPURL(text), url.path.isEmpty, url.query == nil, url.fragment == nil, url.user == nil else {
            return "be an origin like https://app.example.com (scheme, host and optional port; no path)"
        }
        return nil
    }

    private static func absoluteHTTPURL(_ text: String) -> URLComponents? {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }
}
