/// Turns the start of an XML document's bytes into UTF-8 as they stream, for the XML
/// pass-through: UTF-16 (little or big endian, with or without a byte order mark, as XML 1.0
/// §4.3.3 and Appendix F detect it) and ISO-8859-1 (named by the XML declaration or by the
/// media type's `charset`) become UTF-8, the byte order mark is dropped and the declaration's
/// `encoding` says `utf-8`. UTF-8, US-ASCII and undeclared documents pass unchanged; so does any
/// other encoding, which ``unsupportedEncoding`` then names.
///
/// The decision waits for the byte order mark and the XML declaration (at most
/// ``maxDeclarationBytes``); everything after streams.
final class XMLTranscoder {
    /// What the document's bytes are.
    enum Encoding: Equatable {
        /// Not known yet: fewer bytes than the byte order mark and declaration need.
        case undecided
        /// UTF-8 or an ASCII-compatible encoding passed as is.
        case unchanged
        case utf16(littleEndian: Bool)
        case latin1
    }

    /// Longest XML declaration looked for, in bytes of the document.
    static let maxDeclarationBytes = 512

    private(set) var encoding = Encoding.undecided
    /// The encoding the document declared that is passed unchanged for want of a decoder, if any.
    private(set) var unsupportedEncoding: String?
    /// The `charset` of the answer's media type, lower-cased, if any.
    private let declaredCharset: String?
    /// Bytes not yet decided or decoded (the start of the document, or half a UTF-16 unit).
    private var pending: [UInt8] = []
    /// UTF-8 output held until the XML declaration is complete (its `encoding` is rewritten).
    private var declaration: [UInt8]? = []

    /// Creates a transcoder.
    /// - Parameter charset: the `charset` parameter of the answer's `Content-Type`, if any.
    init(charset: String?) {
        self.declaredCharset = charset?.lowercased()
    }

    /// Whether the output is UTF-8 transcoded from another encoding (the media type must then say `charset=utf-8`).
    var transcodes: Bool {
        switch encoding {
        case .utf16, .latin1: true
        case .undecided, .unchanged: false
        }
    }

    /// Transcodes the next bytes.
    /// - Parameters:
    ///   - bytes: the next bytes of the document.
    ///   - final: whether they are the last.
    /// - Returns: the UTF-8 (or unchanged) bytes decided so far.
    func feed(_ bytes: some Collection<UInt8>, final: Bool) -> [UInt8] {
        if encoding == .undecided {
            pending.append(contentsOf: bytes)
            guard decide(final: final) else { return [] }
            let start = pending
            pending = []
            return convert(start, final: final)
        }
        return convert(Array(bytes), final: final)
    }

    /// Picks the encoding from the byte order mark, the first characters and the declaration;
    /// `false` while more bytes are needed.
    private func decide(final: Bool) -> Bool {
        let bytes = pending
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if bytes.count < 4 && !final { return false }
        if starts([0xFF, 0xFE]) || starts([0x3C, 0x00, 0x3F, 0x00]) {
            encoding = .utf16(littleEndian: true)
            if starts([0xFF, 0xFE]) { pending.removeFirst(2) }
            return true
        }
        if starts([0xFE, 0xFF]) || starts([0x00, 0x3C, 0x00, 0x3F]) {
            encoding = .utf16(littleEndian: false)
            if starts([0xFE, 0xFF]) { pending.removeFirst(2) }
            return true
        }
        let body = starts([0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var name = declaredCharset
        let opening = Array("<?xml".utf8)
        if body.count < opening.count && opening.starts(with: body) && !final { return false }
        if body.starts(with: opening) {
            guard let end = Self.declarationEnd(body) else {
                if !final && body.count < Self.maxDeclarationBytes { return false }
                encoding = .unchanged
                return true
            }
            name = Self.encodingName(in: Array(body[..<end]))?.lowercased() ?? name
        }
        switch name ?? "utf-8" {
        case "utf-8", "utf8", "us-ascii", "ascii": encoding = .unchanged
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "latin-1": encoding = .latin1
        case let other:
            encoding = .unchanged
            unsupportedEncoding = other
        }
        return true
    }

    private func convert(_ bytes: [UInt8], final: Bool) -> [UInt8] {
        var output: [UInt8] = []
        switch encoding {
        case .undecided, .unchanged:
            declaration = nil
            return bytes
        case .latin1:
            output.reserveCapacity(bytes.count)
            for byte in bytes {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    output.append(0xC0 | (byte >> 6))
                    output.append(0x80 | (byte & 0x3F))
                }
            }
        case .utf16(let littleEndian):
            pending.append(contentsOf: bytes)
            var index = 0
            output.reserveCapacity(pending.count / 2)
            while index + 1 < pending.count {
                let unit =
                    littleEndian
                    ? UInt16(pending[index]) | UInt16(pending[index + 1]) << 8
                    : UInt16(pending[index]) << 8 | UInt16(pending[index + 1])
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit) {
                    guard index + 3 < pending.count else {
                        if !final { break }
                        Self.appendUTF8(0xFFFD, to: &output)
                        index += 2
                        continue
                    }
                    let low =
                        littleEndian
                        ? UInt16(pending[index + 2]) | UInt16(pending[index + 3]) << 8
                        : UInt16(pending[index + 2]) << 8 | UInt16(pending[index + 3])
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        index += 2
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(unit) {
                    scalar = 0xFFFD
                }
                Self.appendUTF8(scalar, to: &output)
                index += 2
            }
            pending.removeFirst(index)
            if final && !pending.isEmpty {
                Self.appendUTF8(0xFFFD, to: &output)
                pending.removeAll()
            }
        }
        return rewriteDeclaration(output, final: final)
    }

    /// Holds UTF-8 output until the declaration is complete, then names `utf-8` in it.
    private func rewriteDeclaration(_ output: [UInt8], final: Bool) -> [UInt8] {
        guard var held = declaration else { return output }
        held += output
        if held.count < 5 && !final {
            declaration = held
            return []
        }
        guard held.starts(with: Array("<?xml".utf8)) else {
            declaration = nil
            return held
        }
        guard let end = Self.declarationEnd(held) else {
            if !final && held.count < Self.maxDeclarationBytes {
                declaration = held
                return []
            }
            declaration = nil
            return held
        }
        declaration = nil
        guard let range = Self.encodingValueRange(in: Array(held[..<end])) else { return held }
        return Array(held[..<range.lowerBound]) + Array("utf-8".utf8) + Array(held[range.upperBound...])
    }

    /// Where `?>` ends the XML declaration at the start of `bytes`.
    private static func declarationEnd(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "?") && bytes[index + 1] == UInt8(ascii: ">") { return index + 2 }
            index += 1
        }
        return nil
    }

    /// The range of the `encoding` pseudo-attribute's value in a declaration.
    private static func encodingValueRange(in declaration: [UInt8]) -> Range<Int>? {
        let key = Array("encoding".utf8)
        guard var index = declaration.firstRange(of: key)?.upperBound else { return nil }
        while index < declaration.count, XMLText.isSpace(declaration[index]) || declaration[index] == UInt8(ascii: "=") { index += 1 }
        guard index < declaration.count else { return nil }
        let quote = declaration[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        guard let close = declaration[(index + 1)...].firstIndex(of: quote) else { return nil }
        return (index + 1)..<close
    }

    private static func encodingName(in declaration: [UInt8]) -> String? {
        encodingValueRange(in: declaration).map { String(decoding: declaration[$0], as: UTF8.self) }
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { output.append($0) }
    }
}
