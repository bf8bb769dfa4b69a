public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import NIOSSL

/// A simulated Veeam Backup Enterprise Manager speaking EM's XML REST API over HTTP or HTTPS.
///
/// It serves `GET /api/`, Basic logon at `/api/sessionMngr/`, logon sessions with EM's idle
/// expiry, and every GET path EM documents over a small, consistent, deterministic world (backup
/// servers, repositories, jobs, sessions, backups, restore points, agents, file shares, CDP,
/// Cloud Connect, accounts and roles): references and entities, the query service
/// (`/api/query`: filters, sorting, paging), the lookup service and the summary reports. EM's
/// quirks come along: case-insensitive paths, the cookie beating the header, the
/// `repicaTaskSessions` typo, `Error` bodies without `Status`, paging links re-encoded as .NET does.
/// Every documented POST, PUT and DELETE is executed: request bodies are validated against the
/// simulator's own catalogue (400 `Error` naming the fault), actions answer `202` with a `Task`
/// that finishes after ``SimulatorConfiguration/taskDuration`` (`/api/tasks`), and jobs, their
/// objects and sessions change as EM's would.
///
/// ```swift
/// let app = try Simulator.makeApplication(
///     configuration: SimulatorConfiguration(), host: "127.0.0.1", port: 0, logger: logger
/// ) { port in print("EM simulator on port \(port)") }
/// try await app.runService()
/// ```
public enum Simulator {
    /// The `Server` header EM's HTTP stack (http.sys) sends.
    static let serverName = "Microsoft-HTTPAPI/2.0"

    /// A Hummingbird application serving the simulated EM.
    ///
    /// - Parameters:
    ///   - configuration: accounts, advertised base URL and session idle timeout.
    ///   - host: the address to bind, such as `127.0.0.1`.
    ///   - port: the port to bind; `0` picks a free one.
    ///   - logger: receives one debug line per request (metadata `em.sim.*`; never passwords,
    ///     tokens or session IDs).
    ///   - onServerRunning: called once the server listens, with the bound port.
    /// - Returns: the application, a `Service`: run it in a `ServiceGroup` or with `runService()`.
    /// - Throws: `NIOSSLError` when ``SimulatorConfiguration/tls`` cannot be used (bad key or certificate).
    public static func makeApplication(
        configuration: SimulatorConfiguration,
        host: String,
        port: Int,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) throws -> some ApplicationProtocol {
        var server = HTTPServerBuilder.http1()
        if let tls = configuration.tls {
            // Hummingbird builds its TLS context only when the server starts: check it now.
            _ = try NIOSSLContext(configuration: tls)
            server = try .tls(server, tlsConfiguration: tls)
        }
        return Application(
            responder: SimulatorResponder(configuration: configuration),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: Self.serverName),
            onServerRunning: { channel in
                await onServerRunning(channel.localAddress?.port ?? port)
            },
            logger: logger
        )
    }
}
