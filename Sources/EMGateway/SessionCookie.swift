import HTTPTypes

/// The session cookie the gateway sets for itself (DESIGN "Sessions"; F08).
///
/// On a successful logon EM's own `Set-Cookie` is replaced by
/// `X-RestSvcSessionId=<token>; Path=/api; HttpOnly; SameSite=Strict` (plus `Secure` under
/// TLS), so browsers can use the session without scripts touching the token. A logoff (`204`
/// to `DELETE /api/logonSessions/{ID}`) clears it. The token reaches EM only as a header.
enum SessionCookie {
    static let name = "X-RestSvcSessionId"

    /// Rewrites the client-bound header fields of a logon or logoff answer.
    /// - Parameters:
    ///   - fields: the fields about to be sent to the client.
    ///   - token: the `X-RestSvcSessionId` EM answered with, if any (a logon).
    ///   - isLogoff: whether the request was a successful logoff.
    ///   - secure: whether to mark the cookie `Secure`.
    static func apply(to fields: inout HTTPFields, token: String?, isLogoff: Bool, secure: Bool) {
        guard token != nil || isLogoff else { return }
        fields[values: .setCookie] = fields[values: .setCookie].filter { !$0.hasPrefix(name + "=") }
        let attributes = "; Path=/api; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
        if let token {
            fields.append(HTTPField(name: .setCookie, value: "\(name)=\(token)\(attributes)"))
        } else {
            fields.append(HTTPField(name: .setCookie, value: "\(name)=\(attributes); Max-Age=0"))
        }
    }

    /// Whether `path` (no query) is a logon session resource: `/api/logonSessions/{ID}`.
    static func isLogonSession(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == 3 && parts[0] == "api" && parts[1] == "logonsessions"
    }

    /// Whether `path` is EM's logon endpoint (`/api/sessionMngr`, with or without a trailing slash).
    static func isLogon(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == 2 && parts[0] == "api" && parts[1] == "sessionmngr"
    }
}
