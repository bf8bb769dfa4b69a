import ArgumentParser
import EMGateway
import EMSimulator
import Foundation

/// `simulate` options for HTTPS, as EM serves it.
struct SimulatorTLSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM); needs --tls-key.", valueName: "FILE"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The private key (PEM) for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Flag(help: "Serve HTTPS with a freshly generated self-signed certificate.")
    var selfSigned = false

    @Option(
        help: ArgumentHelp(
            "With --self-signed: write the generated certificate (PEM) to FILE, for the gateway's --upstream-ca (default: standard error).",
            valueName: "FILE"))
    var selfSignedOut: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if selfSigned && tlsCert != nil { throw ValidationError("--self-signed excludes --tls-cert") }
        if selfSignedOut != nil && !selfSigned { throw ValidationError("--self-signed-out needs --self-signed") }
    }

    /// Sets the simulator's TLS configuration (left `nil`, plain HTTP, without these options).
    /// - Parameters:
    ///   - configuration: the simulator configuration.
    ///   - host: the listen host, added to a generated certificate's names.
    /// A generated certificate is written to ``selfSignedOut``, or to standard error.
    /// - Throws: when the files cannot be loaded, a certificate cannot be generated or written.
    func apply(to configuration: inout SimulatorConfiguration, host: String) throws {
        if let tlsCert, let tlsKey {
            configuration.tls = try ServerTLS.configuration(certificateFile: tlsCert, keyFile: tlsKey)
        } else if selfSigned {
            let pair = try SelfSignedCertificate(hosts: [host])
            configuration.tls = try pair.serverConfiguration()
            // Clients (the gateway with --upstream-ca) can trust it only if they get it.
            if let selfSignedOut {
                do {
                    try Data(pair.certificatePEM.utf8).write(to: URL(fileURLWithPath: selfSignedOut))
                } catch {
                    throw ValidationError(
                        "--self-signed-out \(selfSignedOut): cannot write the certificate (\(error.localizedDescription))")
                }
            } else {
                StandardStreams.printError(pair.certificatePEM.trimmingCharacters(in: .newlines))
            }
        }
    }
}
