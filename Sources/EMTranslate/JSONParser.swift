/// The recursive-descent parser behind ``JSONReader``: one pass over borrowed bytes.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    var depth = 0
    /// Whether an object may repeat a property name (the converter's own output, being regrouped).
    var allowsDuplicateNames = false

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw error(at: index, "the document is empty") }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error(at: index, "unexpected \(describe(index)) after the JSON value") }
        return value
    }

    mutating func parseValue() throws -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error(at: index, "expected a value, found the end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error(at: index, "expected a value, found \(describe(index))")
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        try enter()
        index += 1
        skipWhitespace()
        var properties: [JSONValue.Property] = []
        if peek == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(properties)
        }
        var names = Set<String>()
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else {
                throw error(at: index, "expected a property name in double quotes, found \(describe(index))")
            }
            let nameStart = index
            let name = try parseString()
            guard names.insert(name).inserted || allowsDuplicateNames else {
                throw error(at: nameStart, "the property name \"\(name)\" appears twice in one object")
            }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error(at: index, "expected ':' after a property name, found \(describe(index))") }
            index += 1
            properties.append(JSONValue.Property(name: name, value: try parseValue()))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
            } else if peek == UInt8(ascii: "}") {
                index += 1
                break
            } else {
                throw error(at: index, "expected ',' or '}' after an object property, found \(describe(index))")
            }
        }
        depth -= 1
        return .object(properties)
    }

    private mutating func parseArray() throws -> JSONValue {
        try enter()
        index += 1
        skipWhitespace()
        var items: [JSONValue] = []
        if peek == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
            } else if peek == UInt8(ascii: "]") {
                index += 1
                break
            } else {
                throw error(at: index, "expected ',' or ']' after an array item, found \(describe(index))")
            }
        }
        depth -= 1
        return .array(items)
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= maxDepth else { throw error(at: index, "arrays and objects nest deeper than \(maxDepth) levels") }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let length = literal.utf8CodeUnitCount
        let matches =
            index + length <= bytes.count
            && literal.withUTF8Buffer { expected in (0..<length).allSatisfy { bytes[index + $0] == expected[$0] } }
        guard matches else { throw error(at: index, "expected a value, found \(describe(index))") }
        index += length
    }

    /// The byte at the cursor, or `nil` at the end.
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// How an error message names the byte at `position`.
    func describe(_ position: Int) -> String {
        guard position < bytes.count else { return "the end of the document" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// A ``TranslateError/Code/malformedJSON`` error naming the byte offset, line and column of `position`.
    func error(at position: Int, _ reason: String) -> TranslateError {
        let end = min(position, bytes.count)
        var line = 1
        var lineStart = 0
        for offset in 0..<end where bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        return TranslateError(.malformedJSON, "\(reason) (byte \(position), line \(line), column \(end - lineStart + 1))")
    }
}
