import HTTPTypes
import Hummingbird
import NIOPosix

/// The data one request sees, bound for the request's task.
enum RequestView {
    /// A read's snapshot of the store (scoped for a restricted role), or `nil` to read the world
    /// as it is at each access.
    @TaskLocal static var store: EntityStore?
}

extension SimulatorResponder {
    /// Whether a logon session's account has the restricted role.
    /// - Parameter session: the session.
    /// - Returns: whether its user is one of ``SimulatorConfiguration/restrictedUsers``.
    func isRestricted(_ session: LogonSessionRecord) -> Bool {
        let user = session.userName.lowercased()
        return self.configuration.restrictedUsers.contains { $0.lowercased() == user }
    }

    /// What an authenticated request sees.
    ///
    /// A read gets one snapshot of the world for all its lookups (so a page and its links
    /// agree), filtered by ``ViewerScope`` for a restricted account; a living world's snapshot
    /// is built on NIO's thread pool, so that building it never holds up the threads that
    /// serve other requests. A write by a restricted account is refused; logoff
    /// (`DELETE /api/logonSessions/{ID}`) is no write.
    /// - Parameters:
    ///   - session: the request's logon session.
    ///   - route: the route.
    ///   - request: the request.
    /// - Returns: the snapshot, or `nil` to read the world at each access.
    /// - Throws: `SimulatorError` `.forbidden` for a restricted account's write.
    func view(for session: LogonSessionRecord, _ route: Route, _ request: Request) async throws -> EntityStore? {
        let restricted = self.isRestricted(session)
        if restricted, request.method != .get, route.endpoint != .logonSession {
            throw SimulatorError(.forbidden, "Access denied: the role of [\(session.userName)] does not allow changes.")
        }
        guard request.method == .get else { return nil }
        if let live = self.live {
            let (world, hrefs) = (self.world, self.hrefs)
            return try await NIOThreadPool.singleton.runIfActive {
                restricted ? live.restrictedStore(world, hrefs: hrefs) : live.store(world)
            }
        }
        guard restricted else { return nil }
        let store = self.store
        return ViewerScope.filter(store, RenderContext(hrefs: self.hrefs, store: store))
    }
}
