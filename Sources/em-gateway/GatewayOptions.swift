public import ArgumentParser
public import EMGateway
import EMSchema
import EMUpstream
import EMTranslate

/// Options of `serve` beyond the fixed four (`--listen`, `--upstream`, `--public-url`, `--demo`).
struct GatewayOptions: ParsableArguments {
    @Option(
        name: .customLong("allowed-origin"),
        help: ArgumentHelp("A browser origin allowed to call the gateway (CORS); repeat for several.", valueName: "ORIGIN"))
    var allowedOrigins: [String] = []

    @Option(help: ArgumentHelp("When to drop EM's Basic challenge from 401s: keep, browsers or drop.", valueName: "POLICY"))
    var wwwAuthenticate: GatewayConfiguration.ChallengePolicy = .browsers

    @Option(help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM); needs --tls-key.", valueName: "FILE"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The private key (PEM) for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Flag(help: "Serve HTTPS with a freshly generated self-signed certificate (for demos).")
    var selfSigned = false

    @Option(help: ArgumentHelp("A CA bundle (PEM) to verify EM's certificate with.", valueName: "FILE"))
    var upstreamCa: String?

    @Option(help: ArgumentHelp("Pin EM's public key, as libcurl's CURLOPT_PINNEDPUBLICKEY (sha256//BASE64).", valueName: "PIN"))
    var upstreamPin: String?

    @Flag(help: "Do not verify EM's TLS certificate (warned about at every start).")
    var upstreamInsecure = false

    @Option(help: ArgumentHelp("Seconds to wait for a connection to EM.", valueName: "SECONDS"))
    var upstreamConnectTimeout: Double = 10

    @Option(help: ArgumentHelp("Seconds EM may stay silent mid-answer before the request fails.", valueName: "SECONDS"))
    var upstreamIdleTimeout: Double = 60

    @Option(help: ArgumentHelp("Most requests in flight to EM; past it clients get 503.", valueName: "N"))
    var maxUpstreamRequests: Int = 64

    @Option(help: ArgumentHelp("Largest request body accepted, in bytes.", valueName: "BYTES"))
    var maxBodyBytes: Int = 1 << 20

    @Option(help: ArgumentHelp("JSON dialect when the client names none: native or compact.", valueName: "DIALECT"))
    var dialect: String = "native"

    @Option(help: ArgumentHelp("Overlay this EM's own RestAPI.xsd on the built-in schema (element order, scalar types, new types).", valueName: "PATH"))
    var xsd: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if selfSigned && tlsCert != nil { throw ValidationError("--self-signed excludes --tls-cert") }
        if upstreamInsecure && (upstreamCa != nil || upstreamPin != nil) {
            throw ValidationError("--upstream-insecure excludes --upstream-ca and --upstream-pin")
        }
        if let upstreamPin, !upstreamPin.hasPrefix("sha256//") { throw ValidationError("--upstream-pin must look like sha256//BASE64") }
        guard upstreamConnectTimeout > 0, upstreamIdleTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        guard maxUpstreamRequests > 0, maxBodyBytes > 0 else { throw ValidationError("limits must be positive") }
        guard JSONDialectName.isValid(dialect) else { throw ValidationError("--dialect must be native or compact") }
    }

    /// Applies the options to `configuration`.
    /// - Throws: when the TLS files cannot be loaded or a certificate cannot be generated.
    func apply(to configuration: inout GatewayConfiguration) throws {
        if let tlsCert, let tlsKey {
            configuration.tls = try ServerTLS.configuration(certificateFile: tlsCert, keyFile: tlsKey)
        } else if selfSigned {
            configuration.tls = try SelfSignedCertificate(hosts: [configuration.host]).serverConfiguration()
        }
        configuration.allowedOrigins = allowedOrigins
        configuration.challengePolicy = wwwAuthenticate
        configuration.upstream.tls.caFile = upstreamCa
        configuration.upstream.tls.pinnedPublicKey = upstreamPin
        configuration.upstream.tls.verifyPeer = !upstreamInsecure
        configuration.upstream.connectTimeout = .milliseconds(Int64(upstreamConnectTimeout * 1000))
        configuration.upstream.idleTimeout = .milliseconds(Int64(upstreamIdleTimeout * 1000))
        configuration.maxConcurrentUpstreamRequests = maxUpstreamRequests
        configuration.maxRequestBodyBytes = maxBodyBytes
        configuration.dialect = JSONDialectName.dialect(dialect)
    }

    /// The translation schema: the built-in one, or with `--xsd` the built-in one overlaid with that file.
    /// - Returns: the prepared schema, and the overlay's report when `--xsd` was given.
    /// - Throws: `ExitCode.failure` after printing the `SchemaError` when the XSD cannot be read or is refused.
    func translationSchema() throws -> (TranslationSchema, XSDOverlay?) {
        try Self.translationSchema(xsdPath: xsd)
    }

    /// The translation schema for an optional `--xsd PATH` (shared by `serve` and `convert`).
    /// - Parameter xsdPath: the XSD file, or `nil` for the built-in schema.
    /// - Returns: the prepared schema, and the overlay's report when a path was given.
    /// - Throws: `ExitCode.failure` after printing the `SchemaError` when the XSD cannot be read or is refused.
    static func translationSchema(xsdPath: String?) throws -> (TranslationSchema, XSDOverlay?) {
        guard let xsdPath else { return (.builtIn, nil) }
        do {
            let overlay = try SchemaModel.builtIn.overlay(xsdFile: xsdPath)
            return (TranslationSchema(model: overlay.model), overlay)
        } catch let error as SchemaError {
            StandardStreams.printError("em-gateway: error: --xsd \(xsdPath): \(error)")
            throw ExitCode.failure
        }
    }
}

extension GatewayConfiguration.ChallengePolicy: ExpressibleByArgument {}
