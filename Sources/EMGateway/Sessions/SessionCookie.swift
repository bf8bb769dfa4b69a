import HTTPTypes

/// The session cookie the gateway sets for itself, so browsers can use an EM session without
/// scripts touching the token.
///
/// On a successful logon EM's own `Set-Cookie` is replaced by
/// `X-RestSvcSessionId=<token>; Path=/api; HttpOnly; SameSite=Strict` (plus `Secure` under
/// TLS). A logoff (`204` to `DELETE /api/logonSessions/{ID}`) clears it. The token reaches EM
/// only as a header (``UpstreamRequestBuilder``).
enum SessionCookie {
    /// Rewrites the client-bound header fields of a logon or logoff answer.
    /// - Parameters:
    ///   - fields: the fields about to be sent to the client.
    ///   - token: the `X-RestSvcSessionId` EM answered with, if any (a logon).
    ///   - isLogoff: whether the request was a successful logoff.
    ///   - secure: whether to mark the cookie `Secure`.
    static func apply(to fields: inout HTTPFields, token: String?, isLogoff: Bool, secure: Bool) {
        guard token != nil || isLogoff else { return }
        let name = SessionToken.name
        fields[values: .setCookie] = fields[values: .setCookie].filter { !$0.hasPrefix(name + "=") }
        let attributes = "; Path=/api; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
        if let token {
            fields.append(HTTPField(name: .setCookie, value: "\(name)=\(token)\(attributes)"))
        } else {
            fields.append(HTTPField(name: .setCookie, value: "\(name)=\(attributes); Max-Age=0"))
        }
    }
}
