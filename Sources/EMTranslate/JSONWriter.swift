import EMSchema
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends JSON text to a growing buffer: punctuation, escaped strings and schema-typed scalars.
///
/// Strings are escaped per RFC 8259 §7: `"` and `\` are escaped, control bytes below 0x20 use
/// the short forms or `\u00XX`; every other byte (UTF-8 from libxml2) is copied as is, in runs.
///
/// The buffer is managed by hand rather than as a `[UInt8]`: the converter appends a few bytes
/// at a time millions of times, and an array's uniqueness and capacity checks plus its generic
/// `append(contentsOf:)` cost more than the bytes themselves (measured with callgrind).
final class JSONWriter {
    /// The bytes written, `count` of them, in a buffer of `capacity`.
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 16 * 1024) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always) func append(_ raw: [UInt8]) { raw.withUnsafeBufferPointer { append(bytes: $0) } }

    func append(_ raw: StaticString) {
        raw.withUTF8Buffer { append(bytes: $0) }
    }

    /// Inserts one byte at `offset`, moving what follows.
    func insert(_ byte: UInt8, at offset: Int) {
        reserve(1)
        (base + offset + 1).update(from: base + offset, count: count - offset)
        base[offset] = byte
        count += 1
    }

    /// Drops the bytes from `offset` on.
    func truncate(to offset: Int) {
        count = min(count, offset)
    }

    /// Appends the first `length` bytes to `output` and keeps the rest at the front of the buffer.
    func move(_ length: Int, into output: inout ByteBuffer) {
        if length > 0 { output.writeBytes(UnsafeRawBufferPointer(start: base, count: length)) }
        if length < count { base.update(from: base + length, count: count - length) }
        count -= length
    }

    /// Appends `"name":` (the name is escaped).
    func appendKey(_ name: [UInt8]) {
        append(UInt8(ascii: "\""))
        appendStringContent(name)
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
    }

    /// Appends `"name":` for a NUL-terminated XML name (libxml2's interned element and attribute
    /// names). XML names never hold `"`, `\` or control characters, so nothing needs escaping.
    func appendKey(cString name: UnsafePointer<UInt8>) {
        append(UInt8(ascii: "\""))
        append(bytes: UnsafeBufferPointer(start: name, count: strlen(name)))
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
    }

    /// Appends a quoted, escaped JSON string.
    func appendString(_ content: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        appendStringContent(content)
        append(UInt8(ascii: "\""))
    }

    func appendString(_ content: [UInt8]) {
        content.withUnsafeBufferPointer { appendString($0) }
    }

    func appendStringContent(_ content: [UInt8]) {
        content.withUnsafeBufferPointer { appendStringContent($0) }
    }

    /// Appends escaped string content without quotes, copying unescaped runs in bulk.
    ///
    /// Runs are found eight bytes at a time: a word needs a closer look only when one of its
    /// bytes is below 0x20, `"` or `\` (the classic "has a byte less than / equal to" bit tricks,
    /// which may flag a clean word but never miss a byte that needs escaping).
    func appendStringContent(_ content: UnsafeBufferPointer<UInt8>) {
        guard let start = content.baseAddress else { return }
        let length = content.count
        var runStart = 0
        var index = 0
        while index < length {
            if length - index >= 8 {
                let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
                if !Self.mayNeedEscape(word) {
                    index += 8
                    continue
                }
            }
            let end = min(index + 8, length)
            while index < end {
                let byte = start[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                if index > runStart { append(bytes: UnsafeBufferPointer(start: start + runStart, count: index - runStart)) }
                appendEscape(byte)
                index += 1
                runStart = index
            }
        }
        if length > runStart { append(bytes: UnsafeBufferPointer(start: start + runStart, count: length - runStart)) }
    }

    /// Whether any byte of `word` may be a control byte, `"` or `\`.
    @inline(__always) private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeros = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return (below | (zeros & highs)) != 0
    }

    private func appendEscape(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): append(UInt8(ascii: "\\"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x08: append(UInt8(ascii: "b"))
        case 0x0C: append(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            for digit in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]] {
                append(digit)
            }
        }
    }

    /// Appends an XML text value as the JSON scalar the schema asks for.
    ///
    /// Typing follows the schema only: `integer` and `number` values are written with their
    /// own digits (never through a floating-point value; a `+` sign and leading zeros, which JSON
    /// forbids, are dropped); `boolean` accepts XML Schema's `true`/`false`/`1`/`0` (and .NET's
    /// `True`/`False`). Empty typed values are `null`. Text that does not fit its type stays a
    /// string, so nothing is lost. Links go through `rewriter` when one is given.
    func appendScalar(
        _ text: UnsafeBufferPointer<UInt8>, as scalar: Member.Scalar, isLink: Bool, rewriter: LinkRewriter?
    ) {
        switch scalar {
        case .string:
            if isLink, let rewriter {
                append(UInt8(ascii: "\""))
                rewriter.appendRewritten(text, to: self)
                append(UInt8(ascii: "\""))
            } else {
                appendString(text)
            }
        case .integer, .number:
            let trimmed = XMLText.trimmed(text)
            if trimmed.isEmpty {
                append("null")
            } else if let range = JSONNumber.canonicalRange(trimmed, integerOnly: scalar == .integer) {
                if range.negative { append(UInt8(ascii: "-")) }
                append(bytes: UnsafeBufferPointer(rebasing: trimmed[range.start..<trimmed.count]))
            } else {
                appendString(text)
            }
        case .boolean:
            let trimmed = XMLText.trimmed(text)
            switch XMLText.boolean(trimmed) {
            case .some(true): append("true")
            case .some(false): append("false")
            case .none: if trimmed.isEmpty { append("null") } else { appendString(text) }
            }
        }
    }
}

/// XML Schema lexical helpers.
enum XMLText {
    /// `text` without leading and trailing XML whitespace (space, tab, CR, LF).
    static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = text.count
        while start < end, isSpace(text[start]) { start += 1 }
        while end > start, isSpace(text[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: text[start..<end])
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Whether `text` holds only XML whitespace.
    static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in text where !isSpace(byte) { return false }
        return true
    }

    /// The `xs:boolean` value of trimmed text: `true`/`1` and `false`/`0`; .NET's `True`/`False` too.
    static func boolean(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch text.count {
        case 1:
            if text[0] == UInt8(ascii: "1") { return true }
            if text[0] == UInt8(ascii: "0") { return false }
        case 4:
            if (text[0] | 0x20) == UInt8(ascii: "t"), text[1] == UInt8(ascii: "r"), text[2] == UInt8(ascii: "u"),
                text[3] == UInt8(ascii: "e")
            {
                return true
            }
        case 5:
            if (text[0] | 0x20) == UInt8(ascii: "f"), text[1] == UInt8(ascii: "a"), text[2] == UInt8(ascii: "l"),
                text[3] == UInt8(ascii: "s"), text[4] == UInt8(ascii: "e")
            {
                return false
            }
        default: break
        }
        return nil
    }
}

/// Recognises XML Schema numerals that can be written as JSON numbers with the same digits.
enum JSONNumber {
    /// For a trimmed `xs:integer`/`xs:decimal`/`xs:double` lexical value, where the JSON digits
    /// start (after the sign and redundant leading zeros) and whether it is negative; `nil` when
    /// the text is not a numeral JSON can carry (`INF`, `NaN`, `1.`, `.5`, hex...).
    static func canonicalRange(_ text: UnsafeBufferPointer<UInt8>, integerOnly: Bool) -> (start: Int, negative: Bool)? {
        let count = text.count
        var index = 0
        var negative = false
        if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        let intStart = index
        while index < count, isDigit(text[index]) { index += 1 }
        guard index > intStart else { return nil }
        var start = intStart
        while start < index - 1, text[start] == UInt8(ascii: "0") { start += 1 }
        if index == count { return (start, negative && !(index - start == 1 && text[start] == UInt8(ascii: "0"))) }
        if integerOnly { return nil }
        if text[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, isDigit(text[index]) { index += 1 }
            guard index > fractionStart else { return nil }
        }
        if index < count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < count, isDigit(text[index]) { index += 1 }
            guard index > exponentStart else { return nil }
        }
        return index == count ? (start, negative) : nil
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
