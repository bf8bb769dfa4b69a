/// One HTTP header field, as sent to or received from the upstream.
///
/// Names keep the case they were given or received with; compare them case-insensitively
/// (RFC 9110, section 5.1).
public struct UpstreamHeader: Sendable, Equatable {
    /// The field name, such as `Content-Type`.
    public var name: String
    /// The field value, without leading or trailing whitespace.
    public var value: String

    /// Creates a header field.
    ///
    /// - Parameters:
    ///   - name: The field name; must be an RFC 9110 token.
    ///   - value: The field value; must not contain CR, LF or NUL.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension UpstreamHeader {
    /// Whether `name` matches this header's name, ignoring ASCII case.
    func hasName(_ other: String) -> Bool {
        asciiCaseInsensitiveEquals(self.name, other)
    }
}

/// Compares two strings ignoring ASCII case, without allocating.
func asciiCaseInsensitiveEquals(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs.utf8.makeIterator()
    var right = rhs.utf8.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil):
            return true
        case (let l?, let r?):
            if asciiLowercased(l) != asciiLowercased(r) {
                return false
            }
        default:
            return false
        }
    }
}

@inline(__always)
private func asciiLowercased(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}
