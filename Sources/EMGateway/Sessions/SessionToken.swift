import HTTPTypes

/// EM's session token on the wire: the one owner of its header and cookie names.
///
/// EM answers a logon with the token in the `X-RestSvcSessionId` header and takes it back in
/// the same header (EM also reads a cookie of that name, and prefers it over the header). The
/// gateway's own cookie carries the same name (see ``SessionCookie``), so a browser's requests
/// work without scripts touching the token.
enum SessionToken {
    /// The header and cookie name, as EM spells it.
    static let name = "X-RestSvcSessionId"
    /// The header field name.
    static let field = HTTPField.Name(name)!

    /// The token a client request carries: its `X-RestSvcSessionId` header, else its cookie of
    /// that name (RFC 6265 §5.4).
    /// - Parameter fields: the request's header fields.
    /// - Returns: the token, or `nil` when the request carries none.
    static func token(in fields: HTTPFields) -> String? {
        fields.combinedValue(field) ?? cookie(in: fields)
    }

    /// The value of the `X-RestSvcSessionId` cookie, if any.
    /// - Parameter fields: the request's header fields.
    /// - Returns: the cookie's value, or `nil` when absent or empty.
    static func cookie(in fields: HTTPFields) -> String? {
        for value in fields[values: .cookie] {
            for pair in value.split(separator: ";") {
                let trimmed = pair.trimmingSpaces
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                if trimmed[..<equals] == name[...] {
                    let token = trimmed[trimmed.index(after: equals)...]
                    return token.isEmpty ? nil : String(token)
                }
            }
        }
        return nil
    }
}
