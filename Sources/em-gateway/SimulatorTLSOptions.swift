import ArgumentParser
import EMGateway
import EMSimulator

/// `simulate` options for HTTPS, as EM serves it.
struct SimulatorTLSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM); needs --tls-key.", valueName: "FILE"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The private key (PEM) for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Flag(help: "Serve HTTPS with a freshly generated self-signed certificate.")
    var selfSigned = false

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if selfSigned && tlsCert != nil { throw ValidationError("--self-signed excludes --tls-cert") }
    }

    /// Sets the simulator's TLS configuration (left `nil`, plain HTTP, without these options).
    /// - Parameters:
    ///   - configuration: the simulator configuration.
    ///   - host: the listen host, added to a generated certificate's names.
    /// - Throws: when the files cannot be loaded or a certificate cannot be generated.
    func apply(to configuration: inout SimulatorConfiguration, host: String) throws {
        if let tlsCert, let tlsKey {
            configuration.tls = try ServerTLS.configuration(certificateFile: tlsCert, keyFile: tlsKey)
        } else if selfSigned {
            configuration.tls = try SelfSignedCertificate(hosts: [host]).serverConfiguration()
        }
    }
}
