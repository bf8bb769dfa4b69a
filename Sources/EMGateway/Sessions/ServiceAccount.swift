import EMUpstream
import Foundation
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The gateway's own EM logon session in service-account mode: logs on (Basic, at start and
/// whenever the session is gone), refreshes it every ``ServiceAccountConfiguration/keepAliveInterval``
/// with `GET /api/logonSessions/{ID}`, and logs off (`DELETE /api/logonSessions/{ID}`) at
/// graceful shutdown. The decisions live in ``ServiceSessionStateMachine``.
///
/// Run it as a service (``Gateway/makeApplication(configuration:upstream:schema:probe:metrics:logger:onServerRunning:)``
/// does, after the HTTP server so that it logs off once the server has stopped).
/// The password and the token are never logged.
final class ServiceAccount: Service, Sendable {
    typealias Session = ServiceSession
    typealias Waiter = CheckedContinuation<Session, any Error>

    /// The longest a logon, refresh or logoff may take, body included: an EM that accepts the
    /// connection but never answers must not hold the requests waiting for a session until the
    /// upstream idle timeout.
    static let requestTimeout: Duration = .seconds(30)

    let configuration: ServiceAccountConfiguration
    let upstreamBaseURL: String
    let client: UpstreamClient
    let logger: Logger
    /// Where its calls to EM are counted (origin `service-account`), if anywhere.
    let metrics: GatewayMetrics?
    private let machine: Mutex<ServiceSessionStateMachine<Waiter>>
    private let logons: AsyncStream<Void>
    private let logonRequests: AsyncStream<Void>.Continuation

    /// Creates the service account's session keeper.
    /// - Parameters:
    ///   - configuration: credentials, keep-alive interval, back-off.
    ///   - upstreamBaseURL: EM's base URL without `/api`.
    ///   - client: the libcurl client (runs as its own service, shut down after this one).
    ///   - logger: for logon, refresh and logoff events (no secrets).
    ///   - metrics: counts its calls to EM. Default none.
    init(
        configuration: ServiceAccountConfiguration, upstreamBaseURL: String, client: UpstreamClient, metrics: GatewayMetrics? = nil,
        logger: Logger
    ) {
        self.metrics = metrics
        self.configuration = configuration
        self.upstreamBaseURL = upstreamBaseURL
        self.client = client
        self.logger = logger
        self.machine = Mutex(ServiceSessionStateMachine(backoff: configuration.refusedLogonBackoff))
        (self.logons, self.logonRequests) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Logs on at start, keeps the session alive, and logs off at graceful shutdown.
    func run() async throws {
        if machine.withLock({ $0.startLogon() }) { logonRequests.yield() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in self.logons { await self.logOn() }
            }
            group.addTask { await self.keepAlive() }
            try? await gracefulShutdown()
            let (waiters, session) = machine.withLock { $0.close() }
            for waiter in waiters { waiter.resume(throwing: Self.shuttingDown) }
            logonRequests.finish()
            group.cancelAll()
            await group.waitForAll()
            if let session { await logOff(session) }
        }
    }

    /// The current session, logging on first when there is none.
    /// - Throws: ``GatewayError`` `502` when EM refuses the credentials or cannot be reached,
    ///   `503` while shutting down.
    func session() async throws -> Session {
        try await withCheckedThrowingContinuation { (waiter: Waiter) in
            let action = machine.withLock { $0.acquire(waiter, now: .now) }
            switch action {
            case .use(let session): waiter.resume(returning: session)
            case .startLogon: logonRequests.yield()
            case .wait: break
            case .refused: waiter.resume(throwing: Self.refused)
            case .closed: waiter.resume(throwing: Self.shuttingDown)
            }
        }
    }

    /// What `/readyz` reports of the service account (its JSON `status` word).
    enum Readiness: String, Sendable {
        /// A session is held, or a logon just got one.
        case ready
        /// EM refused the credentials (`401`) at the last logon: every request gets `502` until a
        /// logon succeeds (a wrong password, a locked or disabled account).
        case serviceAccountRefused
        /// The last logon failed otherwise (EM unreachable, or an unexpected status).
        case serviceAccountLogonFailed
        /// The gateway is shutting down.
        case shuttingDown
    }

    /// Whether the service account can serve requests now, asked as a request would ask for the
    /// session: a held session is used as is; with none, a logon is made (one logon serves the
    /// probe and any request waiting); while backing off after refused credentials the answer
    /// comes at once, without calling EM, so a readiness probe cannot hammer EM either.
    /// - Returns: ``Readiness/ready``, or why not.
    func readiness() async -> Readiness {
        do {
            _ = try await session()
            return .ready
        } catch let error as GatewayError where error.code == .shuttingDown {
            return .shuttingDown
        } catch {
            return machine.withLock { $0.credentialsRefused } ? .serviceAccountRefused : .serviceAccountLogonFailed
        }
    }

    /// EM answered `401` to a request sent with `session`: forget it (the next request logs on).
    func rejected(_ session: Session) {
        if machine.withLock({ $0.rejected(session) }) {
            logger.info("Enterprise Manager ended the service account's session; logging on again")
        }
    }

    private func logOn() async {
        let credentials = Data("\(configuration.user):\(configuration.password)".utf8).base64EncodedString()
        let request = UpstreamRequestBuilder(baseURL: upstreamBaseURL).request(
            "POST", "/api/sessionMngr/?v=\(configuration.apiVersion)",
            headers: [UpstreamHeader(name: "Authorization", value: "Basic \(credentials)")])
        var failure: GatewayError = Self.unreachable
        var refused = false
        do {
            metrics?.upstreamRequest(route: "/api/sessionMngr", origin: .serviceAccount)
            let answer = try await client.execute(request, deadline: .now + Self.requestTimeout)
            _ = try? await answer.body.collect(upTo: 1 << 20)
            if answer.status == 201 || answer.status == 200, let token = answer.header(SessionToken.name),
                let id = answer.header("Location").flatMap({ Self.sessionID(fromLocation: $0) })
            {
                let outcome = machine.withLock { $0.loggedOn(Session(token: token, id: id)) }
                logger.info("service account logged on to Enterprise Manager", metadata: ["em.user": .string(configuration.user)])
                for waiter in outcome.resume { waiter.resume(returning: Session(token: token, id: id)) }
                if let stale = outcome.logOff { await logOff(stale) }
                return
            }
            refused = answer.status == 401
            failure = refused ? Self.refused : Self.unexpected(answer.status)
            logger.error(
                "Enterprise Manager refused the service account's logon",
                metadata: ["em.user": .string(configuration.user), "em.upstream.status": .stringConvertible(answer.status)])
        } catch let error as UpstreamError {
            logger.warning("service account logon failed", metadata: ["em.upstream.error": .string("\(error.code)")])
            failure = GatewayError.upstream(error)
        } catch {
            logger.warning("service account logon failed", metadata: ["em.upstream.error": .string(Self.describe(error))])
        }
        let waiters = machine.withLock { $0.logonFailed(credentialsRefused: refused, now: .now) }
        for waiter in waiters { waiter.resume(throwing: failure) }
    }

    private func keepAlive() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: configuration.keepAliveInterval) } catch { return }
            guard let session = machine.withLock({ $0.keepAliveTarget() }) else { continue }
            do {
                metrics?.upstreamRequest(route: "/api/logonSessions/{ID}", origin: .serviceAccount)
                let answer = try await client.execute(request("GET", session), deadline: .now + Self.requestTimeout)
                _ = try? await answer.body.collect(upTo: 1 << 20)
                if answer.status == 401 || answer.status == 404 {
                    rejected(session)
                    if machine.withLock({ $0.startLogon() }) { logonRequests.yield() }
                } else {
                    logger.debug("service account session refreshed", metadata: ["em.upstream.status": .stringConvertible(answer.status)])
                }
            } catch {
                logger.warning("service account session refresh failed", metadata: ["em.upstream.error": .string(Self.describe(error))])
            }
        }
    }

    private func logOff(_ session: Session) async {
        do {
            metrics?.upstreamRequest(route: "/api/logonSessions/{ID}", origin: .serviceAccount)
            let answer = try await client.execute(request("DELETE", session), deadline: .now + Self.requestTimeout)
            _ = try? await answer.body.collect(upTo: 1 << 20)
            logger.info("service account logged off", metadata: ["em.upstream.status": .stringConvertible(answer.status)])
        } catch {
            logger.warning("service account logoff failed", metadata: ["em.upstream.error": .string(Self.describe(error))])
        }
    }

    private func request(_ method: String, _ session: Session) -> UpstreamRequest {
        UpstreamRequestBuilder(baseURL: upstreamBaseURL).request(
            method, "/api/logonSessions/\(session.id)", headers: [UpstreamHeader(name: SessionToken.name, value: session.token)])
    }

    /// The `SessionId` at the end of a logon's `Location` (`…/api/logonSessions/{ID}`).
    static func sessionID(fromLocation location: String) -> String? {
        let path = location.split(separator: "?", maxSplits: 1).first ?? ""
        guard let last = path.split(separator: "/").last, !last.isEmpty,
            last.allSatisfy({ $0.isHexDigit || $0 == "-" })
        else { return nil }
        return String(last)
    }

    /// An error for the log: the code only (a libcurl message could carry the session's URL).
    static func describe(_ error: any Error) -> String {
        (error as? UpstreamError).map { "\($0.code)" } ?? "\(type(of: error))"
    }

    static let shuttingDown = GatewayError(.shuttingDown, status: .serviceUnavailable, message: "The gateway is shutting down.")
    static let refused = GatewayError(
        .badUpstreamResponse, status: .badGateway,
        message: "Enterprise Manager refused the gateway's service account credentials; the gateway retries later.")
    static let unreachable = GatewayError(
        .upstreamUnavailable, status: .badGateway, message: "The gateway could not log on to Enterprise Manager.")
    static func unexpected(_ status: Int) -> GatewayError {
        GatewayError(
            .badUpstreamResponse, status: .badGateway, message: "Enterprise Manager answered the gateway's logon with status \(status).")
    }
}
