import EMTranslate
import Foundation
import NIOCore
import Testing

/// Answers in UTF-16 and ISO-8859-1: converted to JSON, and transcoded to UTF-8 when XML passes
/// through with its links rewritten.
@Suite("Encodings")
struct EncodingTests {
    static let document =
        #"<?xml version="1.0" encoding="utf-16"?><Session Href="https://em:9398/api/x/1"><Name>caf\#u{E9} \#u{1F600}</Name></Session>"#

    static func utf16(_ text: String, littleEndian: Bool, bom: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        return bytes
    }

    /// Feeds `bytes` in two parts split at `split` (compact dialect: no `null`s).
    static func convert(_ bytes: [UInt8], split: Int) throws -> String {
        let converter = XMLToJSONConverter(schema: TestModel.schema, configuration: .init(dialect: .compact))
        var output = try converter.feed(ByteBuffer(bytes: bytes[..<split]))
        var rest = try converter.feed(ByteBuffer(bytes: bytes[split...]))
        output.writeBuffer(&rest)
        var last = try converter.finish()
        output.writeBuffer(&last)
        return String(buffer: output)
    }

    @Test("UTF-16 LE and BE with a byte order mark and white space after the root convert, split anywhere", arguments: [true, false])
    func utf16TrailingSpace(littleEndian: Bool) throws {
        let bytes = Self.utf16(Self.document + " \r\n\t ", littleEndian: littleEndian)
        let expected = #"{"Href":"https://em:9398/api/x/1","Name":"café 😀"}"#
        for split in 0...bytes.count {
            #expect(try Self.convert(bytes, split: split) == expected, "split at \(split)")
        }
    }

    @Test("UTF-16 with anything but white space after the root: contentAfterRoot, split anywhere", arguments: [true, false])
    func utf16TrailingContent(littleEndian: Bool) throws {
        var bytes = Self.utf16(Self.document + " x", littleEndian: littleEndian)
        for split in 0...bytes.count {
            #expect(throws: TranslateError(.contentAfterRoot), "split at \(split)") { try Self.convert(bytes, split: split) }
        }
        bytes = Self.utf16(Self.document + " ", littleEndian: littleEndian) + [0x20]
        #expect(throws: TranslateError(.contentAfterRoot)) { try Self.convert(bytes, split: 0) }
    }

    @Test("XML pass-through: UTF-16 (with or without BOM) and ISO-8859-1 become UTF-8, declaration and links rewritten, split anywhere")
    func passThroughTranscodes() throws {
        let rewriter = LinkRewriter(publicBaseURL: "http://gw:8080")
        let latin1Text = #"<?xml version='1.0' encoding='ISO-8859-1'?><Session Href="https://em:9398/api/x/1"><Name>café</Name></Session>"#
        let cases: [([UInt8], String, String?)] = [
            (Self.utf16(Self.document, littleEndian: true), "caf\u{E9} \u{1F600}", nil),
            (Self.utf16(Self.document, littleEndian: false), "caf\u{E9} \u{1F600}", nil),
            (Self.utf16(Self.document, littleEndian: true, bom: false), "caf\u{E9} \u{1F600}", nil),
            (latin1Text.unicodeScalars.map { UInt8($0.value) }, "café", nil),
            (
                Array(
                    latin1Text.replacingOccurrences(of: "<?xml version='1.0' encoding='ISO-8859-1'?>", with: "").unicodeScalars.map {
                        UInt8($0.value)
                    }), "café", "ISO-8859-1"
            ),
        ]
        for (bytes, name, charset) in cases {
            for split in stride(from: 0, through: bytes.count, by: 1) {
                let links = XMLLinkRewriter(rewriter: rewriter, charset: charset)
                var output = links.feed(ByteBuffer(bytes: bytes[..<split]))
                var rest = links.feed(ByteBuffer(bytes: bytes[split...]))
                output.writeBuffer(&rest)
                var last = links.finish()
                output.writeBuffer(&last)
                let text = String(buffer: output)
                #expect(links.outputCharset == "utf-8")
                #expect(text.contains(#"Href="http://gw:8080/api/x/1""#), "split at \(split)")
                #expect(text.contains("<Name>\(name)</Name>"), "split at \(split)")
                #expect(!text.contains("utf-16") && !text.contains("ISO-8859-1"), "split at \(split)")
                #expect(output.readableBytesView.first == UInt8(ascii: "<"), "no byte order mark")
            }
        }
    }

    @Test("XML pass-through: UTF-8 passes byte for byte; another encoding passes unchanged and is named")
    func passThroughUnchanged() throws {
        let rewriter = LinkRewriter(publicBaseURL: "http://gw:8080")
        let utf8 = Array(#"<?xml version="1.0" encoding="utf-8"?><Session Name="café"/>"#.utf8)
        let plain = XMLLinkRewriter(rewriter: rewriter)
        var output = plain.feed(ByteBuffer(bytes: utf8))
        var last = plain.finish()
        output.writeBuffer(&last)
        #expect(Array(output.readableBytesView) == utf8)
        #expect(plain.outputCharset == nil && plain.untranscodedEncoding == nil)
        let other = Array(#"<?xml version="1.0" encoding="windows-1252"?><Session Name="caf"#.utf8) + [0xE9] + Array(#""/>"#.utf8)
        let links = XMLLinkRewriter(rewriter: rewriter)
        output = links.feed(ByteBuffer(bytes: other))
        last = links.finish()
        output.writeBuffer(&last)
        #expect(Array(output.readableBytesView) == other)
        #expect(links.outputCharset == nil)
        #expect(links.untranscodedEncoding == "windows-1252")
    }

    @Test("Content-Type helpers: charset read, media type kept")
    func contentTypes() {
        #expect(XMLLinkRewriter.charset(ofContentType: "application/xml; charset=\"UTF-16\"") == "UTF-16")
        #expect(XMLLinkRewriter.charset(ofContentType: "text/xml") == nil)
        #expect(XMLLinkRewriter.contentType("text/xml; charset=utf-16", charset: "utf-8") == "text/xml; charset=utf-8")
    }
}
