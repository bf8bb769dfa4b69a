import Foundation

/// Who EM answers for: what an answer depends on besides the request itself.
///
/// EM filters what it shows by the logged-on account (its roles, a tenant's or an organization's
/// scope) and shapes answers by the API version of the logon, so answers may be shared only
/// between requests of one identity: the logon kind, EM's `UserName` from the `LogonSession`,
/// and the API version (`v=` of the logon). In service-account mode every client acts as the
/// service account.
struct EMIdentity: Hashable, Sendable {
    /// How the session was opened.
    enum Kind: String, Hashable, Sendable {
        /// `Authorization: Basic` on `POST /api/sessionMngr`.
        case basic
        /// A Cloud Connect tenant's `LoginSpec` (`TenantCredentials`).
        case tenant
        /// A vCloud organization user's `LoginSpec` (`VCloudOrganizationCredentials`).
        case vCloud
        /// A vSphere SSO token's `LoginSpec`.
        case sso
        /// Logged on elsewhere (another replica, another client of EM): read back from
        /// `GET /api/logonSessions/{ID}`, which does not say how.
        case resolved
        /// The gateway's own service-account session.
        case serviceAccount
    }

    let kind: Kind
    /// EM's `UserName` of the `LogonSession` (`DOMAIN\user`, a tenant's name, `Org\login`).
    let userName: String
    /// The API version the session was opened with (`latest`, `v1_7`, …), lower-cased; empty
    /// when unknown.
    let apiVersion: String

    /// The service account's identity (one per gateway).
    static let serviceAccount = EMIdentity(kind: .serviceAccount, userName: "", apiVersion: "")

    /// The logon kind of a `POST /api/sessionMngr` request: its `LoginSpec` body's credentials,
    /// else Basic.
    /// - Parameter body: the logon's body, if any (XML, as sent to EM).
    /// - Returns: the kind.
    static func logonKind(body: [UInt8]?) -> Kind {
        guard let body, !body.isEmpty else { return .basic }
        let text = String(decoding: body, as: UTF8.self)
        if text.contains("TenantCredentials") { return .tenant }
        if text.contains("VCloudOrganizationCredentials") || text.contains("VCloudCredentials") { return .vCloud }
        if text.contains("VSphereSSO") || text.contains("SSO") { return .sso }
        return .basic
    }

    /// EM's `UserName` in a `LogonSession` document (its text, XML references decoded).
    /// - Parameter xml: the `LogonSession` as EM sent it.
    /// - Returns: the user name, or `nil` when the document has none.
    static func userName(inLogonSession xml: [UInt8]) -> String? {
        let text = String(decoding: xml, as: UTF8.self)
        guard let open = text.range(of: "<UserName>"), let close = text.range(of: "</UserName>", range: open.upperBound..<text.endIndex)
        else { return nil }
        var name = String(text[open.upperBound..<close.lowerBound])
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            name = name.replacingOccurrences(of: entity, with: character)
        }
        return name
    }
}
