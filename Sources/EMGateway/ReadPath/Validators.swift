import Crypto
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
        let digest = Array(hasher.finalize().prefix(16))
        return "\"" + base64URL(digest) + "\""
    }

    /// Whether `If-None-Match` names `entityTag` (weak comparison, RFC 9110 §13.1.2), or is `*`.
    /// - Parameters:
    ///   - fields: the request's header fields.
    ///   - entityTag: the current tag.
    /// - Returns: `true` when the client's copy is current.
    static func ifNoneMatchMatches(_ fields: HTTPFields, entityTag: String) -> Bool {
        let current = opaque(entityTag)
        for value in fields[values: .ifNoneMatch] {
            for candidate in value.split(separator: ",") {
                let tag = candidate.trimmingSpaces
                if tag == "*" || opaque(String(tag)) == current { return true }
            }
        }
        return false
    }

    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...]
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for position in 0..<(chunk.count + 1) { out.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Representation {
    /// A short name of the representation, for validators and keys (`json;native`, `xml`).
    var tag: String {
        switch self {
        case .json(let dialect): "json;\(dialect)"
        case .xml: "xml"
        }
    }
}
