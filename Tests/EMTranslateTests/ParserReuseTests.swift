import EMSchema
import EMTranslate
import Testing

/// libxml2 contexts are reused between documents (`ParserContextPool`): whatever ran before, a
/// document converts exactly as it would on a fresh context.
@Suite("Parser context reuse")
struct ParserReuseTests {
    /// Two schemas with the same root and names, members in a different order and of different
    /// types: a member cache carried from one to the other would put values under wrong keys.
    static func schema(integerFirst: Bool) -> TranslationSchema {
        var builder = ModelBuilder()
        let a = ModelBuilder.element("A", integerFirst ? .integer : .string)
        let b = ModelBuilder.element("B", integerFirst ? .string : .boolean)
        builder.add("Thing", root: true, integerFirst ? [ModelBuilder.attribute("Id"), a, b] : [b, a, ModelBuilder.attribute("Id")])
        return TranslationSchema(model: builder.build())
    }

    static func convert(_ xml: String, _ schema: TranslationSchema) throws -> String {
        String(decoding: try XMLToJSONConverter.convert(Array(xml.utf8), schema: schema), as: UTF8.self)
    }

    @Test func schemasDocumentsAndFailuresInTurnConvertAsOnAFreshContext() throws {
        let first = Self.schema(integerFirst: true)
        let second = Self.schema(integerFirst: false)
        let xml = #"<Thing Id="x"><A>1</A><B>true</B></Thing>"#
        for _ in 0..<50 {
            #expect(try Self.convert(xml, first) == #"{"Id":"x","A":1,"B":"true"}"#)
            #expect(try Self.convert(xml, second) == #"{"Id":"x","A":"1","B":true}"#)
            #expect(throws: TranslateError.self) { try Self.convert("<Thing><A>1</B></Thing>", first) }
            #expect(
                try Self.convert(#"<Thing><B>false</B><Unknown>u</Unknown></Thing>"#, second)
                    == #"{"B":false,"Unknown":"u","A":null,"Id":null}"#)
            #expect(
                try Self.convert(#"<?xml version="1.0" encoding="ISO-8859-1"?><Thing Id="&#233;"/>"#, first)
                    == #"{"Id":"é","A":null,"B":null}"#)
        }
    }

    /// A reused context detects the encoding from the first bytes as a fresh one does (found by a
    /// black-box trial: a byte-order mark after any successful document was a syntax error).
    @Test func byteOrderMarksAndUTF16AfterAnotherDocument() throws {
        let schema = Self.schema(integerFirst: true)
        let plain = Array(#"<Thing Id="p"/>"#.utf8)
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"<?xml version="1.0"?><Thing Id="b"/>"#.utf8)
        let utf16 = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?><Thing Id=\"é\"/>".utf16.flatMap {
            [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        }
        for _ in 0..<20 {
            #expect(try XMLToJSONConverter.convert(plain, schema: schema) == Array(#"{"Id":"p","A":null,"B":null}"#.utf8))
            #expect(try XMLToJSONConverter.convert(utf8BOM, schema: schema) == Array(#"{"Id":"b","A":null,"B":null}"#.utf8))
            #expect(try XMLToJSONConverter.convert(utf16, schema: schema) == Array(#"{"Id":"é","A":null,"B":null}"#.utf8))
        }
    }
}
