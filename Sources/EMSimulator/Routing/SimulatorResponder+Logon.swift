import HTTPTypes
import Hummingbird

extension SimulatorResponder {
    /// The `v` values logon accepts (case-insensitive): what `GET /api/` lists (`v1_5`…`v1_7`)
    /// and `latest`. EM 12 and later no longer support API 1.4 and older: `v1_1`…`v1_4` are
    /// refused like unknown versions (`em_web_api_versions`).
    static let acceptedVersions: Set<String> = Set(EMDocuments.advertisedVersions + ["latest"])
    /// Largest logon body read (a tenant's `LoginSpec` is small): 64 KiB.
    static let maxLogonBody = 64 << 10

    /// `POST /api/sessionMngr/?v=...`: Basic logon.
    ///
    /// Checks, in order: form-encoded body → 415 (newer EM); `v` unknown → 400 (absent is
    /// accepted, as EM accepts the bare `/api/sessionMngr/` that old scripts post); a body must be a
    /// valid `LoginSpec` (400 otherwise) and logs a tenant on (see `tenantUser`); without one, the
    /// Basic credentials → 401 with the Basic challenge.
    /// - Parameters:
    ///   - request: the request.
    ///   - query: its query parameters.
    /// - Returns: `201 Created` with the `LogonSession`, token header, cookie and `Location`.
    /// - Throws: `SimulatorError` as listed above.
    func logon(_ request: Request, _ query: QueryParameters) async throws -> Response {
        if let contentType = request.headers[.contentType],
            contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        {
            throw SimulatorError(.unsupportedMediaType, "Unsupported media type [\(contentType)].")
        }
        let version = query["v"] ?? ""
        if query["v"] != nil, !Self.acceptedVersions.contains(version.lowercased()) {
            throw SimulatorError(.unsupportedVersion, "Unsupported REST API version [\(version)].")
        }
        let body = try await request.body.collect(upTo: Self.maxLogonBody)
        let user: String
        if body.readableBytes > 0 {
            user = try self.tenantUser(RequestDocument(Array(buffer: body)))
        } else {
            guard
                let header = request.headers[.authorization],
                let credentials = BasicCredentials(authorization: header),
                let account = credentials.matchingAccount(in: self.configuration.accounts)
            else {
                throw SimulatorError(.badCredentials, "Invalid user name or password.")
            }
            user = account
        }
        let session = await self.sessions.create(userName: user, apiVersion: version)
        let location = self.hrefs.api("logonSessions/\(session.id)")
        var headers = HTTPFields()
        headers[Self.sessionHeader] = session.token
        headers[.setCookie] = "X-RestSvcSessionId=\(session.token); Path=/api"
        headers[.location] = location
        return XMLResponse.document(.created, headers: headers) {
            EMDocuments.logonSession(session, &$0, self.hrefs, asRoot: true)
        }
    }

    /// `GET` or `DELETE /api/logonSessions/{ID}`.
    /// - Parameters:
    ///   - id: the session ID from the path.
    ///   - method: `GET` or `DELETE`.
    /// - Returns: the `LogonSession`, or `204` after logoff.
    /// - Throws: `SimulatorError` `.notFound` when no live session has the ID to delete;
    ///   `.internalError` (500, EM's answer to a read of an unknown logon session) when
    ///   none has the ID to read.
    func logonSession(_ id: String, method: HTTPRequest.Method) async throws -> Response {
        if method == .delete {
            guard await self.sessions.remove(id: id) else { throw SimulatorError(.notFound, "Cannot find logon session [\(id)].") }
            return Response(status: .noContent)
        }
        guard let session = await self.sessions.session(id: id) else {
            throw SimulatorError(.internalError, "Logon session [\(id)] was not found.")
        }
        return XMLResponse.document { EMDocuments.logonSession(session, &$0, self.hrefs, asRoot: true) }
    }

    /// The user a `LoginSpec` logs on: a Cloud Connect tenant (`TenantCredentials`: `Username`
    /// names a tenant of the simulated world, any case; the seed knows no tenant passwords, so
    /// any non-empty one is taken), a vCloud organization user (`VCloudOrganizationCredentials`:
    /// `<OrganizationName>\<Login>`) or a vSphere SSO token holder.
    /// - Parameter document: the parsed body.
    /// - Returns: the session's `UserName`.
    /// - Throws: `SimulatorError` `.badRequest` for a body that is no valid `LoginSpec`,
    ///   `.badCredentials` for credentials naming nobody.
    func tenantUser(_ document: RequestDocument) throws -> String {
        try RequestValidator.validate(document, root: "LoginSpec")
        let spec = document.root
        let refused = SimulatorError(.badCredentials, "Invalid user name or password.")
        if let tenant = spec.child("TenantCredentials") {
            let name = tenant.text("Username") ?? ""
            guard !(tenant.text("Password") ?? "").isEmpty,
                let match = self.store.all(.cloudTenant).first(where: { $0.name.lowercased() == name.lowercased() })
            else { throw refused }
            return match.name
        }
        if let organization = spec.child("VCloudOrganizationCredentials") {
            let name = organization.text("OrganizationName") ?? ""
            let login = organization.text("Login") ?? ""
            guard !name.isEmpty, !login.isEmpty, !(organization.text("Password") ?? "").isEmpty else { throw refused }
            return "\(name)\\\(login)"
        }
        guard let token = spec.text("VMwareSSOToken"), !token.isEmpty else { throw refused }
        return "SSO"
    }
}
