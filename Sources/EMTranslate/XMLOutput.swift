import NIOCore

/// Appends XML 1.0 markup to a growing buffer: tags, escaped attribute values and escaped text.
///
/// Escaping follows XML 1.0 (Fifth Edition) §2.4 and §3.3.3: text escapes `&`, `<` and `>` (so
/// `]]>` cannot occur) and carriage return (which a parser would otherwise turn into a line
/// feed); attribute values, always in double quotes, also escape `"` and `'`, and tab, line
/// feed and carriage return as character references, because attribute-value normalization
/// would otherwise turn them into spaces. Characters XML 1.0 does not allow at all (§2.2: C0
/// controls other than tab, line feed and carriage return; U+FFFE; U+FFFF) cannot be written
/// in any form, so they are refused.
struct XMLOutput {
    /// The document so far: a `ByteBuffer`, so that the request the upstream client sends can
    /// carry it without another copy.
    var bytes: ByteBuffer

    init(capacity: Int = 4096) {
        bytes = ByteBuffer()
        bytes.reserveCapacity(capacity)
    }

    mutating func appendDeclaration() {
        append(#"<?xml version="1.0" encoding="utf-8"?>"#)
        bytes.writeInteger(UInt8(0x0A))
    }

    /// Appends `<name`; attributes and ``closeStartTag()`` follow.
    mutating func openStartTag(_ name: String) {
        bytes.writeInteger(UInt8(ascii: "<"))
        bytes.writeString(name)
    }

    /// Appends ` name="value"`, escaped.
    /// - Throws: ``TranslateError`` `.invalidXMLCharacter` (naming `path`) for a character XML 1.0 forbids.
    mutating func appendAttribute(_ name: String, value: String, path: @autoclosure () -> String) throws {
        bytes.writeInteger(UInt8(ascii: " "))
        bytes.writeString(name)
        append("=\"")
        try appendEscaped(value, inAttribute: true, path: path())
        bytes.writeInteger(UInt8(ascii: "\""))
    }

    /// Appends `>`; returns the position where the element's content starts, for ``closeElement(_:contentStart:)``.
    mutating func closeStartTag() -> Int {
        bytes.writeInteger(UInt8(ascii: ">"))
        return bytes.writerIndex
    }

    /// Appends `</name>`, or turns the start tag into `<name .../>` when nothing was written since it.
    mutating func closeElement(_ name: String, contentStart: Int) {
        if bytes.writerIndex == contentStart {
            bytes.moveWriterIndex(to: contentStart - 1)
            append("/>")
            return
        }
        append("</")
        bytes.writeString(name)
        bytes.writeInteger(UInt8(ascii: ">"))
    }

    /// Appends escaped character data.
    /// - Throws: ``TranslateError`` `.invalidXMLCharacter` (naming `path`) for a character XML 1.0 forbids.
    mutating func appendText(_ text: String, path: @autoclosure () -> String) throws {
        try appendEscaped(text, inAttribute: false, path: path())
    }

    private mutating func append(_ text: StaticString) {
        bytes.writeStaticString(text)
    }

    private mutating func appendEscaped(_ text: String, inAttribute: Bool, path: @autoclosure () -> String) throws {
        var text = text
        try text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let replacement: StaticString?
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case 0x0D: replacement = "&#13;"
                case UInt8(ascii: "\"") where inAttribute: replacement = "&quot;"
                case UInt8(ascii: "'") where inAttribute: replacement = "&apos;"
                case 0x09 where inAttribute: replacement = "&#9;"
                case 0x0A where inAttribute: replacement = "&#10;"
                case 0x09, 0x0A: replacement = nil
                case 0x00..<0x20:
                    throw Self.invalidCharacter(UInt32(byte), path: path())
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    throw Self.invalidCharacter(utf8[index + 2] == 0xBE ? 0xFFFE : 0xFFFF, path: path())
                default: replacement = nil
                }
                if let replacement {
                    if index > runStart { bytes.writeBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                    append(replacement)
                    runStart = index + 1
                }
                index += 1
            }
            if utf8.count > runStart { bytes.writeBytes(UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }

    private static func invalidCharacter(_ scalar: UInt32, path: String) -> TranslateError {
        let hex = String(scalar, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return TranslateError(.invalidXMLCharacter, "\(path): U+\(code) cannot be written in XML 1.0")
    }

    /// Whether `name` is a namespace-well-formed XML element name (an NCName, XML 1.0 §2.3 and
    /// Namespaces in XML 1.0 §3): no colon, a name-start character first.
    static func isValidName(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isNameStart(first.value) else { return false }
        while let scalar = scalars.next() {
            guard isNameStart(scalar.value) || isNameContinuation(scalar.value) else { return false }
        }
        return true
    }

    private static func isNameStart(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: true
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default: false
        }
    }

    private static func isNameContinuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: false
        }
    }
}
