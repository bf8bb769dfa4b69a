/// Strings (RFC 8259 §7, UTF-8 checked per RFC 3629) and numbers (§6, kept as their text).
extension JSONParser {
    /// Reads a string; the cursor is on its opening quote.
    mutating func parseString() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the content is the bytes themselves (once checked as UTF-8).
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return String(decoding: content, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            try checkCharacter(byte)
        }
        var content = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: content, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try appendEscape(to: &content)
                continue
            }
            let sequenceStart = index
            try checkCharacter(byte)
            content.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<index]))
        }
        throw error(at: start - 1, "the string is not closed")
    }

    /// Checks one unescaped character (a whole UTF-8 sequence) and steps over it.
    private mutating func checkCharacter(_ byte: UInt8) throws {
        if byte < 0x20 { throw error(at: index, "a raw control character (\(describe(index))) inside a string; write it escaped") }
        if byte < 0x80 {
            index += 1
            return
        }
        // RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF.
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: throw error(at: index, "invalid UTF-8 (\(describe(index)))")
        }
        guard index + length <= bytes.count else { throw error(at: index, "a UTF-8 sequence is cut off by the end of the document") }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { throw error(at: index + 1, "invalid UTF-8 (\(describe(index + 1)))") }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            throw error(at: index + offset, "invalid UTF-8 (\(describe(index + offset)))")
        }
        index += length
    }

    /// Decodes one escape sequence (the cursor is on the backslash) and appends its UTF-8.
    private mutating func appendEscape(to content: inout [UInt8]) throws {
        let start = index
        guard index + 1 < bytes.count else { throw error(at: start, "the string is not closed") }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): content.append(letter)
        case UInt8(ascii: "b"): content.append(0x08)
        case UInt8(ascii: "f"): content.append(0x0C)
        case UInt8(ascii: "n"): content.append(0x0A)
        case UInt8(ascii: "r"): content.append(0x0D)
        case UInt8(ascii: "t"): content.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4(escapeAt: start)
            if (0xD800...0xDBFF).contains(code) {
                let lowStart = index
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(at: start, "a \\u escape holds a high surrogate without the low surrogate after it")
                }
                index += 2
                let low = try readHex4(escapeAt: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(at: lowStart, "a high surrogate is followed by a \\u escape that is not a low surrogate")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw error(at: start, "a \\u escape holds a low surrogate without a high surrogate before it")
            }
            // Every code here is a valid scalar: surrogates were paired or refused above.
            content.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8)
        default:
            throw error(at: start, "unknown escape \\\(Character(Unicode.Scalar(letter))) in a string")
        }
    }

    private mutating func readHex4(escapeAt start: Int) throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(at: start, "a \\u escape needs four hexadecimal digits") }
        var code: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(at: start, "a \\u escape needs four hexadecimal digits")
            }
            code = code << 4 | UInt32(digit)
        }
        index += 4
        return code
    }

    /// Reads a number per RFC 8259 §6 and returns its text unchanged.
    mutating func parseNumber() throws -> String {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, isDigit(first) else { throw error(at: index, "expected a digit, found \(describe(index))") }
        index += 1
        if first == UInt8(ascii: "0"), let next = peek, isDigit(next) {
            throw error(at: start, "a number may not start with a leading zero")
        }
        skipDigits()
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let digit = peek, isDigit(digit) else { throw error(at: index, "expected a digit after the decimal point") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek, isDigit(digit) else { throw error(at: index, "expected a digit in the exponent") }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek, isDigit(byte) { index += 1 }
    }
}
