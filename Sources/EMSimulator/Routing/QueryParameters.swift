/// The decoded query string of a request, looked up by case-insensitive name.
///
/// EM's own parameters (`format`, `v`, `action`, later `type`, `filter`, ...) are matched
/// regardless of case, as EM does; values keep their case.
struct QueryParameters: Sendable {
    /// Name/value pairs in order of appearance, percent-decoded (`+` as space).
    let pairs: [(name: String, value: String)]

    /// Parses a raw query string.
    /// - Parameter query: the part after `?`, or `nil`.
    init(_ query: String?) {
        guard let query, !query.isEmpty else {
            self.pairs = []
            return
        }
        self.pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            if let equals = part.firstIndex(of: "=") {
                return (Self.decode(part[..<equals]), Self.decode(part[part.index(after: equals)...]))
            }
            return (Self.decode(part), "")
        }
    }

    /// The first value of a parameter.
    /// - Parameter name: the parameter name, any case.
    /// - Returns: the decoded value, or `nil` when absent.
    subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return self.pairs.first { $0.name.lowercased() == wanted }?.value
    }

    /// Percent-decodes form-style (`+` is a space); malformed escapes stay as sent.
    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if iterator.count >= 2,
                    let high = Self.hex(iterator[iterator.startIndex]),
                    let low = Self.hex(iterator[iterator.startIndex + 1])
                {
                    bytes.append(high << 4 | low)
                    iterator = iterator.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
