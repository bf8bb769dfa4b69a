import Crypto
import Foundation

/// The bearer tokens the gateway accepts in service-account mode, as salted hashes
/// (see ``BearerToken`` for the line format).
///
/// ```
/// # name:salt:hmac-sha256(salt, token)
/// backup-portal:3f0c…:9a41…
/// ```
///
/// Blank lines and lines starting with `#` are ignored. Checking a token computes the keyed
/// hash for every entry and compares each in constant time (`HMAC.isValidAuthenticationCode`),
/// without stopping at a match, so timing tells nothing about the tokens or which one matched.
public struct BearerTokenList: Sendable {
    struct Entry: Sendable {
        let name: String
        let salt: [UInt8]
        let hash: [UInt8]
    }

    /// A line that is not `name:salthex:hashhex`.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        /// The 1-based line number (0: not from a file).
        public let line: Int
        /// What is wrong (never the line's text: it holds a hash).
        public let reason: String
        public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
    }

    let entries: [Entry]

    /// The clients' names, in file order.
    public var names: [String] { entries.map(\.name) }

    /// Parses the text of a token hash file.
    /// - Parameter text: the file's contents.
    /// - Throws: ``FormatError`` for a malformed line or a duplicate name.
    public init(parsing text: String) throws {
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { throw FormatError(line: index + 1, reason: "expected name:salt:hash") }
            guard Self.isValidName(parts[0]) else {
                throw FormatError(line: index + 1, reason: "a client name is 1 to 64 characters without ':' or whitespace")
            }
            guard let salt = Self.bytes(hex: parts[1]), salt.count >= 8 else {
                throw FormatError(line: index + 1, reason: "the salt must be at least 8 bytes in hex")
            }
            guard let hash = Self.bytes(hex: parts[2]), hash.count == 32 else {
                throw FormatError(line: index + 1, reason: "the hash must be 32 bytes (HMAC-SHA-256) in hex")
            }
            guard !entries.contains(where: { $0.name == parts[0] }) else {
                throw FormatError(line: index + 1, reason: "client name \(parts[0]) appears twice")
            }
            entries.append(Entry(name: parts[0], salt: salt, hash: hash))
        }
        self.entries = entries
    }

    /// Reads a token hash file.
    /// - Parameter path: the file.
    /// - Throws: ``ServerTLS/FileError`` when it does not exist or cannot be read (its
    ///   description is one line: "does not exist", "cannot be read…"), ``FormatError`` when it
    ///   is malformed.
    public init(contentsOfFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ServerTLS.FileError(file: path, problem: exists ? "cannot be read (permissions, or not UTF-8 text)" : "does not exist")
        }
        try self.init(parsing: text)
    }

    /// The name of the client whose token this is, or `nil`.
    /// - Parameter token: the token from `Authorization: Bearer …`.
    public func client(for token: String) -> String? {
        let bytes = Array(token.utf8)
        var match: String?
        for entry in entries {
            let key = SymmetricKey(data: entry.salt)
            if HMAC<SHA256>.isValidAuthenticationCode(entry.hash, authenticating: bytes, using: key), match == nil {
                match = entry.name
            }
        }
        return match
    }

    /// The token of an `Authorization: Bearer <token>` value (RFC 6750 §2.1), or `nil`.
    /// - Parameter value: the `Authorization` field's value.
    /// - Returns: the token, or `nil` for any other scheme or shape.
    static func token(fromAuthorization value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }

    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && !name.contains(":") && !name.contains(where: \.isWhitespace)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = digits[index].hexDigitValue, let low = digits[index + 1].hexDigitValue else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
