import Crypto
import Foundation

/// Bearer tokens for service-account mode (RFC 6750) and their salted hashes.
///
/// A token is `emg_` followed by 32 random bytes in unpadded base64url (256 bits of entropy).
/// The gateway stores only a salted hash of it, one line per client:
/// `name:salt:hash`, where `salt` is 16 random bytes in hex and `hash` is
/// HMAC-SHA-256(key: salt, message: the token's UTF-8 bytes) in hex. Because tokens are long
/// and random, a fast keyed hash is enough: there is nothing to guess by brute force, and a
/// leaked hash file does not reveal a token. Produce a line with `em-gateway token new NAME`.
public enum BearerToken {
    /// The prefix of generated tokens (makes them recognisable to secret scanners).
    public static let prefix = "emg_"

    /// A new random token.
    /// - Returns: `emg_` + 43 base64url characters.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64URL(bytes)
    }

    /// Whether `token` has the shape ``generate()`` gives: `emg_` and 43 base64url characters.
    /// - Parameter token: a token as a client would send it.
    /// - Returns: `true` for a well-formed token.
    public static func isWellFormed(_ token: String) -> Bool {
        let body = token.utf8.dropFirst(prefix.utf8.count)
        guard token.hasPrefix(prefix), body.count == 43 else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }

    /// Whether `name` can name a client in the hash file (and so in audit logs).
    /// - Parameter name: the client's name.
    /// - Returns: `true` for 1 to 64 characters without `:` or whitespace.
    public static func isValidClientName(_ name: String) -> Bool { BearerTokenList.isValidName(name) }

    /// The hash-file line for a token.
    /// - Parameters:
    ///   - name: the client's name (audit logs); no `:`, no whitespace.
    ///   - token: the token the client will send.
    ///   - salt: 16 bytes; default: random.
    /// - Returns: `name:salthex:hashhex`.
    /// - Throws: ``BearerTokenList/FormatError`` when the name is not usable.
    public static func hashLine(name: String, token: String, salt: [UInt8]? = nil) throws -> String {
        guard BearerTokenList.isValidName(name) else {
            throw BearerTokenList.FormatError(line: 0, reason: "a client name is 1 to 64 characters without ':' or whitespace")
        }
        let salt =
            salt
            ?? {
                var generator = SystemRandomNumberGenerator()
                return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            }()
        return "\(name):\(hex(salt)):\(hex(digest(token: token, salt: salt)))"
    }

    static func digest(token: String, salt: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(token.utf8), using: SymmetricKey(data: salt)))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
