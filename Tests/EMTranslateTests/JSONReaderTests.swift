import EMTranslate
import Testing

@Suite("JSON reader: RFC 8259, exact numbers, positions, limits")
struct JSONReaderTests {
    func parse(_ text: String, limits: JSONReader.Limits = .init()) throws -> JSONValue {
        try JSONReader.parse(Array(text.utf8), limits: limits)
    }

    /// The `.malformedJSON` message for `bytes`, or `nil` when they parse.
    func failure(_ bytes: [UInt8], limits: JSONReader.Limits = .init()) -> String? {
        do {
            _ = try JSONReader.parse(bytes, limits: limits)
            return nil
        } catch let error as TranslateError {
            return error.code == .malformedJSON ? error.message : "wrong code \(error.code)"
        } catch {
            return "unexpected \(error)"
        }
    }

    func failure(_ text: String, limits: JSONReader.Limits = .init()) -> String? { failure(Array(text.utf8), limits: limits) }

    @Test("numbers keep their exact digits; booleans are not numbers")
    func numbersAndBooleans() throws {
        #expect(try parse("12345678901234567890") == .number("12345678901234567890"))
        #expect(
            try parse("[-0.5e-10, 1E+400, 0, -0]")
                == .array([.number("-0.5e-10"), .number("1E+400"), .number("0"), .number("-0")]))
        #expect(try parse("[true, 1, false, 0, null]") == .array([.bool(true), .number("1"), .bool(false), .number("0"), .null]))
    }

    @Test("strings: every escape, surrogate pairs, raw UTF-8")
    func strings() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""\u00e9\u00C9 \uD83D\uDE00 \u0000""#) == .string("éÉ 😀 \u{0}"))
        #expect(try parse("\"Grüße 😀 22:00:00.0000000+01:00\"") == .string("Grüße 😀 22:00:00.0000000+01:00"))
        #expect(try parse(#""""#) == .string(""))
    }

    @Test("objects keep property order; the same name in different objects is fine")
    func objects() throws {
        let value = try parse(#" { "b" : 1 , "a" : { "b" : [ ] , "a" : { } } } "#)
        #expect(
            value
                == .object([
                    .init(name: "b", value: .number("1")),
                    .init(name: "a", value: .object([.init(name: "b", value: .array([])), .init(name: "a", value: .object([]))])),
                ]))
        #expect(value["a"]?["a"] == .object([]))
        #expect(value["missing"] == nil)
    }

    @Test("duplicate property names are refused, with the position of the second")
    func duplicates() throws {
        let message = try #require(failure(#"{"Name": "a", "Name": "b"}"#))
        #expect(message.contains(#""Name" appears twice"#))
        #expect(message.contains("byte 14"))
        #expect(failure(#"{"a": {"x": 1, "y": {"x": 2}}, "b": {"x": 3}}"#) == nil)
        #expect(failure(#"[{"x": 1, "x": 1}]"#) != nil)
    }

    @Test("a leading byte order mark is skipped; top-level scalars are values")
    func byteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([]))
        #expect(try parse(" \"x\" ") == .string("x"))
        #expect(try parse("null") == .null)
    }

    @Test(
        "malformed documents are refused with their position",
        arguments: [
            (#"{"a": 1,}"#, "byte 8"),
            ("[1 2]", "expected ',' or ']'"),
            (#"{"a" 1}"#, "expected ':'"),
            ("{a: 1}", "property name in double quotes"),
            ("01", "leading zero"),
            ("1.", "after the decimal point"),
            ("1e", "exponent"),
            ("-", "expected a digit"),
            (".5", "expected a value"),
            ("tru", "expected a value"),
            ("NaN", "expected a value"),
            ("'a'", "expected a value"),
            (#""abc"#, "not closed"),
            (#""\x""#, "unknown escape"),
            (#""\u12G4""#, "four hexadecimal digits"),
            (#""\uD800""#, "high surrogate"),
            (#""\uD800\u0041""#, "not a low surrogate"),
            (#""\uDC00""#, "low surrogate"),
            ("{} x", "after the JSON value"),
            ("", "empty"),
            ("  \n ", "empty"),
            ("[", "end of the document"),
            ("\"a\tb\"", "raw control character"),
        ])
    func malformed(input: String, expected: String) throws {
        let message = try #require(failure(input), "\(input) should not parse")
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("line 1") || input.contains("\n"))
    }

    @Test("invalid UTF-8 is refused at the offending byte")
    func invalidUTF8() throws {
        let quote = UInt8(ascii: "\"")
        for bytes: [UInt8] in [[0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]] {
            let message = try #require(failure([quote] + bytes + [quote]), "\(bytes) should not parse")
            #expect(message.contains("UTF-8"), "\(message)")
        }
    }

    @Test("positions name the line and column")
    func positions() throws {
        let message = try #require(failure("{\n  \"a\": 1,\n  \"b\": tru\n}"))
        #expect(message.contains("line 3, column 8"), "\(message)")
        #expect(message.contains("byte 19"), "\(message)")
    }

    @Test("depth limit: the limit passes, one more level fails")
    func depth() throws {
        let atLimit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(failure(atLimit) == nil)
        let over = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(try #require(failure(over)).contains("deeper than 64"))
        var limits = JSONReader.Limits()
        limits.maxDepth = 2
        #expect(failure(#"{"a": {"b": 1}}"#, limits: limits) == nil)
        #expect(try #require(failure(#"{"a": {"b": [1]}}"#, limits: limits)).contains("byte 12"))
        // A hostile depth never reaches the stack's limit.
        #expect(failure(String(repeating: "[", count: 100_000)) != nil)
    }

    @Test("size limit: the limit passes, one more byte fails")
    func size() throws {
        var limits = JSONReader.Limits()
        limits.maxInputBytes = 10
        #expect(failure(#"["abcdef"]"#, limits: limits) == nil)
        #expect(try #require(failure(#"["abcdefg"]"#, limits: limits)).contains("larger than 10 bytes"))
        #expect(JSONReader.Limits().maxInputBytes == 1 << 20)
    }
}
