/// The guest file system of an indexed VM restore point, as `/catalog/vms/{name}/vmRestorePoints/{ID}/guestfs/`
/// browses it: a small fixed tree, the same for every point.
enum GuestFileSystem {
    /// A file: name, size in bytes, owner, modification time.
    struct File: Sendable {
        let name: String
        let size: Int64
        let owner: String
        let modifiedUTC: String
    }

    /// A directory's children.
    struct Directory: Sendable {
        let directories: [String]
        let files: [File]
    }

    /// The drives at the root.
    static let drives = ["C:"]

    /// The directories by path (`C:`, `C:/Users`), with `/` separators as EM writes them.
    static let tree: [String: Directory] = [
        "C:": Directory(
            directories: ["Users", "inetpub"],
            files: [File(name: "bootmgr", size: 404_250, owner: "NT SERVICE\\TrustedInstaller", modifiedUTC: "2014-06-18T13:46:40Z")]),
        "C:/Users": Directory(directories: ["Administrator"], files: []),
        "C:/Users/Administrator": Directory(
            directories: [],
            files: [
                File(name: "notes.txt", size: 1_024, owner: "TECH\\Administrator", modifiedUTC: "2014-10-17T15:02:11Z"),
                File(name: "Q3 Report.xlsx", size: 58_880, owner: "TECH\\Administrator", modifiedUTC: "2014-10-18T09:20:00Z"),
            ]),
        "C:/inetpub": Directory(directories: ["wwwroot"], files: []),
        "C:/inetpub/wwwroot": Directory(
            directories: [],
            files: [File(name: "iisstart.htm", size: 701, owner: "BUILTIN\\Administrators", modifiedUTC: "2014-06-18T13:50:12Z")]),
    ]

    /// Normalises a path from a URL (`c:/users/` → `C:/Users`), matching names case-insensitively.
    /// - Parameter segments: the decoded path segments after `guestfs`.
    /// - Returns: the directory's canonical path, or `nil` when there is none.
    static func directory(_ segments: [String]) -> String? {
        let wanted = segments.filter { !$0.isEmpty }.joined(separator: "/").lowercased()
        return Self.tree.keys.first { $0.lowercased() == wanted }
    }

    /// Finds a file by its path (`c:/users/administrator/notes.txt`), names matched case-insensitively.
    /// - Parameter segments: the decoded path segments after `guestfs`.
    /// - Returns: the file's directory and the file, or `nil`.
    static func file(_ segments: [String]) -> (directory: String, file: File)? {
        let parts = segments.filter { !$0.isEmpty }
        guard parts.count >= 2, let directory = Self.directory(Array(parts.dropLast())),
            let file = Self.tree[directory]?.files.first(where: { $0.name.lowercased() == parts[parts.count - 1].lowercased() })
        else { return nil }
        return (directory, file)
    }

    /// Percent-encodes a path for an `Href` (spaces as `%20`; `/` and `:` kept).
    /// - Parameter path: the path.
    /// - Returns: the encoded path.
    static func encode(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return result
    }

    /// Percent-decodes one path segment.
    /// - Parameter segment: the segment as sent.
    /// - Returns: the decoded text (malformed escapes stay as sent).
    static func decode(_ segment: String) -> String {
        QueryParameters("x=" + segment.replacingPlus())["x"] ?? segment
    }
}

extension String {
    /// The string with `+` escaped, so that form decoding keeps it (paths do not use `+` for spaces).
    fileprivate func replacingPlus() -> String {
        self.split(separator: "+", omittingEmptySubsequences: false).joined(separator: "%2B")
    }
}
