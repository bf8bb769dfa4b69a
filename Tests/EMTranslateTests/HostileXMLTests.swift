import EMTranslate
import NIOCore
import Testing

@Suite("Malformed and hostile XML")
struct HostileXMLTests {
    func convert(_ xml: String, limits: XMLToJSONConverter.Limits = .init()) throws -> String {
        let bytes = try XMLToJSONConverter.convert(
            Array(xml.utf8), schema: TestModel.schema, configuration: .init(dialect: .compact, limits: limits))
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("malformed XML is an error, never half a document")
    func malformed() throws {
        #expect(throws: TranslateError(.malformedXML)) { try convert("<Session><Progress>1</Session>") }
        #expect(throws: TranslateError(.malformedXML)) { try convert("<Session><Progress>1</Progress>") }
        #expect(throws: TranslateError(.malformedXML)) { try convert("") }
        #expect(throws: TranslateError(.malformedXML)) { try convert("not xml") }
        #expect(throws: TranslateError(.contentAfterRoot)) { try convert("<Session/><Session/>") }
    }

    @Test("a truncated stream fails at finish")
    func truncated() throws {
        let converter = XMLToJSONConverter(schema: TestModel.schema)
        _ = try converter.feed(ByteBuffer(string: "<Session><Links><Link Rel=\"a\"/>"))
        #expect(throws: TranslateError(.malformedXML)) { try converter.finish() }
        #expect(throws: TranslateError(.malformedXML)) { try converter.finish() }
    }

    @Test("billion laughs: DOCTYPE refused, nothing expanded")
    func billionLaughs() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <Session><Name>&lol3;</Name></Session>
            """
        #expect(throws: TranslateError(.forbiddenDTD)) { try convert(xml) }
    }

    @Test("external entity: DOCTYPE refused, no file read")
    func externalEntity() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Session><Name>&x;</Name></Session>"#
        #expect(throws: TranslateError(.forbiddenDTD)) { try convert(xml) }
    }

    @Test("undeclared entity reference is refused")
    func undeclaredEntity() throws {
        #expect(throws: TranslateError.self) { try convert("<Session><Name>&x;</Name></Session>") }
    }

    @Test("depth limit: at the limit passes, one more fails")
    func depth() throws {
        var limits = XMLToJSONConverter.Limits()
        limits.maxDepth = 4
        let ok = "<Other><a><b><c>x</c></b></a></Other>"
        #expect(try convert(ok, limits: limits) == #"{"a":{"b":{"c":"x"}}}"#)
        #expect(throws: TranslateError(.depthLimitExceeded)) { try convert("<Other><a><b><c><d/></c></b></a></Other>", limits: limits) }
    }

    @Test("text limit: at the limit passes, one more byte fails")
    func text() throws {
        var limits = XMLToJSONConverter.Limits()
        limits.maxTextBytes = 10
        #expect(try convert("<Session><Name>0123456789</Name></Session>", limits: limits) == #"{"Name":"0123456789"}"#)
        #expect(throws: TranslateError(.textLimitExceeded)) { try convert("<Session><Name>0123456789a</Name></Session>", limits: limits) }
        #expect(throws: TranslateError(.textLimitExceeded)) {
            try convert("<Session><Link Rel=\"0123456789a\"/></Session>", limits: limits)
        }
    }

    @Test("attribute count limit")
    func attributes() throws {
        var limits = XMLToJSONConverter.Limits()
        limits.maxAttributes = 2
        #expect(try convert("<Other a=\"1\" b=\"2\"/>", limits: limits) == #"{"a":"1","b":"2"}"#)
        #expect(throws: TranslateError(.attributeLimitExceeded)) { try convert("<Other a=\"1\" b=\"2\" c=\"3\"/>", limits: limits) }
    }

    @Test("input size limit")
    func size() throws {
        var limits = XMLToJSONConverter.Limits()
        limits.maxInputBytes = 40
        #expect(try convert("<Session><Name>x</Name></Session>", limits: limits) == #"{"Name":"x"}"#)
        #expect(throws: TranslateError(.sizeLimitExceeded)) {
            try convert("<Session><Name>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</Name></Session>", limits: limits)
        }
    }

    @Test("encodings other than UTF-8 come out as UTF-8")
    func latin1() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Session><Name>caf".utf8)
        bytes.append(0xE9)
        bytes += Array("</Name></Session>".utf8)
        let json = try XMLToJSONConverter.convert(bytes, schema: TestModel.schema, configuration: .init(dialect: .compact))
        #expect(String(decoding: json, as: UTF8.self) == #"{"Name":"café"}"#)
    }
}
