/// EM's resource IDs are GUIDs.
enum GUID {
    /// Normalises a GUID as .NET's `Guid.Parse` accepts it (`D`, `N`, `B` and `P` forms) to
    /// the lower-case `D` form EM writes.
    /// - Parameter text: the ID from a path.
    /// - Returns: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, or `nil` when `text` is no GUID.
    static func normalize(_ text: String) -> String? {
        var body = Substring(text)
        if (body.first == "{" && body.last == "}") || (body.first == "(" && body.last == ")") {
            body = body.dropFirst().dropLast()
        }
        let hex: [Character]
        if body.count == 36 {
            let dashes = [8, 13, 18, 23]
            let characters = Array(body)
            guard dashes.allSatisfy({ characters[$0] == "-" }) else { return nil }
            hex = characters.enumerated().filter { !dashes.contains($0.offset) }.map(\.element)
        } else if body.count == 32 {
            hex = Array(body)
        } else {
            return nil
        }
        guard hex.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        let lower = String(hex).lowercased()
        let parts = [
            lower.prefix(8), lower.dropFirst(8).prefix(4), lower.dropFirst(12).prefix(4),
            lower.dropFirst(16).prefix(4), lower.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}
