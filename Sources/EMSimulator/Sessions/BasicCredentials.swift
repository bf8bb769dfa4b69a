/// User name and password from an `Authorization: Basic ...` header.
///
/// The header's Base64 payload is decoded byte for byte and read as UTF-8; the user name
/// ends at the FIRST colon, so passwords may contain `:` (and `@`, `\`, or any other
/// character). User names cannot contain a colon, as in RFC 7617.
struct BasicCredentials: Sendable, Equatable {
    /// The user name, for example `EXAMPLE\Administrator`.
    let user: String
    /// The password, exactly as sent.
    let password: String

    /// Parses an `Authorization` header value.
    /// - Parameter header: the whole header value, such as `Basic ZGVtbzpkZW1v`.
    /// - Returns: the credentials, or `nil` when the scheme is not Basic, the payload is not
    ///   Base64, the bytes are not UTF-8 or there is no colon.
    init?(authorization header: String) {
        let trimmed = header.drop(while: { $0 == " " })
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        guard trimmed[..<space].lowercased() == "basic" else { return nil }
        var payload = trimmed[space...].drop(while: { $0 == " " })
        while payload.last == " " { payload = payload.dropLast() }
        guard let bytes = Base64.decode(payload) else { return nil }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        guard
            let user = Self.utf8String(bytes[..<colon]),
            let password = Self.utf8String(bytes[(colon + 1)...])
        else { return nil }
        self.user = user
        self.password = password
    }

    /// Whether these credentials match an account.
    /// - Parameter accounts: user name → password.
    /// - Returns: the account's user name as configured, or `nil` when nothing matches.
    func matchingAccount(in accounts: [String: String]) -> String? {
        let wanted = self.user.lowercased()
        for (user, password) in accounts where user.lowercased() == wanted {
            // Compare the UTF-8 bytes: EM does not normalise passwords.
            return Array(password.utf8) == Array(self.password.utf8) ? user : nil
        }
        return nil
    }

    /// Decodes UTF-8, refusing ill-formed input instead of repairing it.
    private static func utf8String(_ bytes: ArraySlice<UInt8>) -> String? {
        let string = String(decoding: bytes, as: UTF8.self)
        return string.utf8.elementsEqual(bytes) ? string : nil
    }
}
