import ArgumentParser
import EMUpstream
import Foundation

/// `em-gateway health`: calls a running gateway's `/healthz`, for a container's `HEALTHCHECK`.
struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Call the running gateway's /healthz: exit status 0 when it answers 200, else 1.",
        discussion: HelpText.paragraphs(
            """
            Reads the same sources as serve (--config FILE, EM_GATEWAY_* variables, setting flags) for the
            listen address and whether serve uses HTTPS, and calls GET /healthz there; a wildcard address
            (0.0.0.0, ::) is called on loopback. On loopback the certificate is not verified (it is the
            gateway's own, often self-signed). Prints one line. Exit status 0 when the gateway answers
            200, 1 otherwise, also when the settings cannot be read (container health checks know only 0 and 1).
            """))

    @OptionGroup var sources: SettingArguments

    /// The longest the call may take; container health checks allow a few seconds.
    static let timeout = Duration.seconds(2)

    func run() async throws {
        let settings: ServeConfiguration
        do {
            settings = try await sources.sources.resolve(checkingConflicts: false).configuration
        } catch {
            StandardStreams.printError("em-gateway: error: health: \(error)")
            throw ExitCode.failure
        }
        guard let target = Self.target(settings) else {
            StandardStreams.printError("em-gateway: error: health: listen port 0 is chosen at start; set the port serve listens on")
            throw ExitCode.failure
        }
        var client = UpstreamClient.Configuration()
        client.connectTimeout = Self.timeout
        client.idleTimeout = Self.timeout
        client.tls.verifyPeer = !target.loopback
        let url = target.url
        do {
            let status = try await withUpstreamClient(configuration: client) { client in
                let response = try await client.execute(UpstreamRequest(method: "GET", url: url))
                _ = try await response.body.collect(upTo: 1 << 16)
                return response.status
            }
            guard status == 200 else {
                StandardStreams.printError("em-gateway: error: health: \(url) answered \(status)")
                throw ExitCode.failure
            }
            StandardStreams.printLine("em-gateway: healthy: \(url) answered 200")
        } catch let error as UpstreamError {
            StandardStreams.printError(
                "em-gateway: error: health: \(url): \(error.code)\(error.message.isEmpty ? "" : " (\(error.message))")")
            throw ExitCode.failure
        }
    }

    /// Where `serve` with these settings answers `/healthz`.
    /// - Parameter settings: the settings `serve` would run with.
    /// - Returns: the URL and whether it is on loopback (its certificate then goes unverified),
    ///   or `nil` for port 0, which is chosen only at start.
    static func target(_ settings: ServeConfiguration) -> (url: String, loopback: Bool)? {
        var address = settings.listen
        guard address.port != 0 else { return nil }
        switch address.host {
        case "0.0.0.0": address.host = "127.0.0.1"
        case "::", "[::]": address.host = "::1"
        default: break
        }
        let loopback = address.host == "localhost" || address.host == "::1" || address.host.hasPrefix("127.")
        let scheme = settings.tlsCertificateFile != nil || settings.selfSigned ? "https" : "http"
        return ("\(scheme)://\(address.authority)/healthz", loopback)
    }
}
