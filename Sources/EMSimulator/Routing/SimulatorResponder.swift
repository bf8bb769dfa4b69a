import HTTPTypes
import Hummingbird
import Logging

/// The simulated EM: one responder that parses every path itself (EM routes case-insensitively)
/// and answers as EM does, errors included.
///
/// Order of checks for a request: route; session (all but `GET /api/` and logon), so that an
/// unknown path without a session is a 401 as well; the account's role (403 for a write by a
/// restricted role, whose reads see ``ViewerScope``'s subset); method (405 with `Allow`); then
/// the handler (404 for unknown IDs, 400 for IDs that are no GUID). Under `--latency em` every
/// answer waits for its modelled time (``EMLatencyModel``, ``SimulatorRequestGate``).
struct SimulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The header and cookie name of EM's session token.
    static let sessionHeader = HTTPField.Name("X-RestSvcSessionId")!
    /// EM's Basic challenge.
    static let basicChallenge = "Basic Realm=RestSvc"

    let configuration: SimulatorConfiguration
    let hrefs: HrefBuilder
    /// The data and the tasks; writes change them.
    let world: WorldState
    let sessions: SessionStore
    /// The generated world when ``SimulatorConfiguration/scale`` is above 0.
    let scaled: ScaledResponder?
    /// The living demo world when ``SimulatorConfiguration/demoWorld`` is set.
    let live: LiveWorld?

    /// Creates the responder with the seed data.
    /// - Parameter configuration: the simulator's settings.
    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        self.hrefs = HrefBuilder(advertisedBaseURL: configuration.advertisedBaseURL)
        var seed = SeedData.makeStore()
        let live = configuration.demoWorld.map { LiveWorld($0, clock: configuration.clock) }
        if let live { seed.add(live.initialEntities) }
        self.live = live
        var calendar: (@Sendable () -> Int64)?
        if let live { calendar = { live.now } }
        self.world = WorldState(store: seed, taskDuration: configuration.taskDuration, calendarNow: calendar)
        self.sessions = SessionStore(idleTimeout: configuration.sessionIdleTimeout, now: configuration.sessionClock)
        self.scaled =
            configuration.scale > 0
            ? ScaledResponder(
                world: ScaledWorld(scale: configuration.scale, endingAt: live.map { Int($0.startTime) }),
                context: RenderContext(hrefs: self.hrefs, store: seed))
            : nil
    }

    /// The data as it is now: the request's view when one is set (a read's snapshot, scoped
    /// for a restricted role), else the seed and writes with the demo world's history.
    var store: EntityStore {
        RequestView.store ?? self.live?.store(self.world) ?? self.world.store
    }

    var renderContext: RenderContext { RenderContext(hrefs: self.hrefs, store: self.store) }

    func respond(to request: Request, context: Context) async throws -> Response {
        let route = Route(path: request.uri.path)
        let response = await self.modelLatency(route, request) { await self.answer(route, request, context) }
        context.logger.debug(
            "em.sim request",
            metadata: [
                "em.sim.method": "\(request.method.rawValue)",
                "em.sim.route": "\(route.logName)",
                "em.sim.query": "\(request.uri.query ?? "")",
                "em.sim.status": "\(response.status.code)",
            ])
        return response
    }

    private func answer(_ route: Route, _ request: Request, _ context: Context) async -> Response {
        do {
            return try await self.dispatch(route, request)
        } catch let error as SimulatorError {
            return self.errorResponse(error, route: route)
        } catch {
            context.logger.error("em.sim unexpected error", metadata: ["em.sim.error": "\(String(reflecting: type(of: error)))"])
            return XMLResponse.document(.internalServerError) {
                EMDocuments.error(SimulatorError(.internalError, "Internal server error"), &$0, firstChanceMessage: "\(error)")
            }
        }
    }

    private func dispatch(_ route: Route, _ request: Request) async throws -> Response {
        if route.needsSession {
            let session = try await self.authenticate(request)
            let view = try await self.view(for: session, route, request)
            if !self.isRestricted(session), let response = try self.scaled?.respond(to: request) { return response }
            if let view {
                return try await RequestView.$store.withValue(view) { try await self.route(route, request) }
            }
        }
        return try await self.route(route, request)
    }

    private func route(_ route: Route, _ request: Request) async throws -> Response {
        if let response = try await self.write(request, route) { return response }
        guard let endpoint = route.endpoint else {
            throw SimulatorError(.notFound, "The requested resource [\(request.uri.path)] was not found.")
        }
        guard endpoint.allowedMethods.contains(request.method) else {
            throw SimulatorError(.methodNotAllowed, "Method [\(request.method.rawValue)] is not allowed for this resource.")
        }
        let query = QueryParameters(request.uri.query)
        switch endpoint {
        case .root:
            return XMLResponse.document { EMDocuments.enterpriseManager(&$0, self.hrefs) }
        case .sessionManager:
            return try await self.logon(request, query)
        case .logonSessions:
            let all = await self.sessions.all()
            return XMLResponse.document { EMDocuments.logonSessions(all, &$0, self.hrefs) }
        case .logonSession:
            return try await self.logonSession(route.captures[0].id, method: request.method)
        case .collection(let kind, let shape):
            return try self.list(self.store.all(kind), kind, shape, query)
        case .children(let parent, let segment, let child, let shape):
            let ids = try self.resolve(route.captures)
            return try self.list(self.store.members(.child(of: parent, ids[ids.count - 1], segment)), child, shape, query)
        case .filteredList(let path, let kind):
            return try self.list(self.store.members(.list(path)), kind, .references, query)
        case .item(let kind, let parentSegment):
            return try self.item(kind, route.captures, parentSegment: parentSegment, query)
        case .document(let kind):
            let ids = try self.resolve(route.captures)
            return try self.item(kind, [Route.Capture(kind: kind, id: ids[ids.count - 1])], parentSegment: nil, query)
        case .service(let service):
            let context = self.renderContext
            return XMLResponse.document { EMDocuments.service(service, &$0, context) }
        case .query:
            return try self.queryService(query)
        case .lookup:
            return try self.lookup(query)
        case .report(let report):
            let context = self.renderContext
            return XMLResponse.document { Reports(context).write(report, &$0) }
        case .guestFileSystem:
            _ = try self.resolve(route.captures, parentSegments: ["vmRestorePoints"])
            return try self.guestFileSystem(route)
        case .tasks:
            return self.tasksList()
        case .task:
            return try self.task(route.captures[0].id, method: request.method)
        case .mountFileSystem:
            return try self.mountFileSystem(route, query)
        }
    }

    /// Finds the session a request names; as EM, the cookie wins over the header when both are sent.
    /// - Parameter request: the request.
    /// - Returns: the live session, its idle count restarted.
    /// - Throws: `SimulatorError` `.sessionMissing` without a token, `.sessionInvalid` for an
    ///   unknown, logged-off or expired one.
    func authenticate(_ request: Request) async throws -> LogonSessionRecord {
        guard let token = Self.sessionCookie(request) ?? request.headers[Self.sessionHeader] else {
            throw SimulatorError(
                .sessionMissing, "Authorization required. Log on at /api/sessionMngr/ and send the X-RestSvcSessionId header.")
        }
        guard let session = await self.sessions.use(token: token) else {
            throw SimulatorError(.sessionInvalid, "The logon session does not exist or has expired. Log on again.")
        }
        return session
    }

    /// The `X-RestSvcSessionId` cookie, from any `Cookie` header (name matched case-insensitively).
    static func sessionCookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop(while: { $0 == " " })
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                if trimmed[..<equals].lowercased() == "x-restsvcsessionid" {
                    return String(trimmed[trimmed.index(after: equals)...])
                }
            }
        }
        return nil
    }

    private func errorResponse(_ error: SimulatorError, route: Route) -> Response {
        var headers = HTTPFields()
        switch error.code {
        case .badCredentials, .sessionMissing, .sessionInvalid:
            headers[.wwwAuthenticate] = Self.basicChallenge
        case .methodNotAllowed:
            headers[.allow] = route.allowedMethods.map(\.rawValue).joined(separator: ", ")
        default:
            break
        }
        return XMLResponse.error(error, headers: headers)
    }
}
