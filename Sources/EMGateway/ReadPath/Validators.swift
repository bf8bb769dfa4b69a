import Crypto
import EMTranslate
import HTTPTypes
import NIOCore

/// Strong validators for the answers the gateway collects whole (RFC 9110 §8.8.3, §13.1.2).
///
/// EM sends no `ETag` or `Last-Modified`, so a poller cannot revalidate with EM. The gateway
/// makes a strong `ETag` of the exact bytes it sends, bound to the representation (JSON dialect
/// or XML) and the public base URL the links point at: the same resource in another
/// representation, or behind another base, has another tag. A `GET`/`HEAD` whose
/// `If-None-Match` names the current tag gets `304` (RFC 9110 §15.4.5), also when the gateway
/// had to ask EM again and EM's answer converted to the same bytes: the client saves the
/// transfer and its parse.
enum Validators {
    /// The strong entity tag of `body` as sent in `representation` behind `base`:
    /// `"` + 22 base64url characters of SHA-256 (128 bits) + `"`.
    /// - Parameters:
    ///   - body: the exact bytes sent.
    ///   - representation: their representation.
    ///   - base: the public base URL their links point at.
    /// - Returns: the `ETag` value.
    static func entityTag(of body: ByteBuffer, representation: Representation, base: String) -> String {
        var hasher = SHA256()
        func field(_ text: String) {
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        }
        field(representation.tag)
        field(base)
        body.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 24) { out in
                out[0] = UInt8(ascii: "\"")
                let count = base64URL(
                    UnsafeRawBufferPointer(rebasing: digest.prefix(16)), into: UnsafeMutableBufferPointer(rebasing: out[1...]))
                out[count + 1] = UInt8(ascii: "\"")
                return count + 2
            }
        }
    }

    /// Whether `If-None-Match` names `entityTag` (weak comparison, RFC 9110 §13.1.2), or is `*`.
    /// - Parameters:
    ///   - fields: the request's header fields.
    ///   - entityTag: the current tag.
    /// - Returns: `true` when the client's copy is current.
    static func ifNoneMatchMatches(_ fields: HTTPFields, entityTag: String) -> Bool {
        guard let value = fields.combinedValue(.ifNoneMatch) else { return false }
        let current = opaque(entityTag)
        for candidate in value.split(separator: ",") {
            let tag = candidate.trimmingSpaces
            if tag == "*" || opaque(String(tag)) == current { return true }
        }
        return false
    }

    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...]
    }

    /// The base64url alphabet (RFC 4648 §5).
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    /// Writes `bytes` in base64url without padding (RFC 4648 §5) into `out`, which holds at
    /// least `(bytes.count * 4 + 2) / 3` bytes; returns the count written.
    private static func base64URL(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        alphabet.withUTF8Buffer { alphabet in
            var written = 0
            var index = 0
            while index < bytes.count {
                let end = min(index + 3, bytes.count)
                var value = UInt32(0)
                for offset in index..<end { value |= UInt32(bytes[offset]) << (16 - 8 * (offset - index)) }
                for position in 0...(end - index) {
                    out[written] = alphabet[Int((value >> (18 - 6 * position)) & 0x3F)]
                    written += 1
                }
                index += 3
            }
            return written
        }
    }
}

extension Representation {
    /// A short name of the representation, for validators and keys (`json;native`, `xml`).
    var tag: String {
        switch self {
        case .json(.native): "json;native"
        case .json(.compact): "json;compact"
        case .json(let dialect): "json;\(dialect)"
        case .xml: "xml"
        }
    }
}
