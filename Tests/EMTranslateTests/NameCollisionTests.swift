import EMTranslate
import Foundation
import NIOCore
import Testing

/// Attributes and elements whose names collide: with each other when the schema knows neither
/// (grouped under one key), or with a schema member (the member keeps its key; the other goes
/// into the reserved `#unknown` object). One key per name, whatever the chunking.
@Suite("Name collisions")
struct NameCollisionTests {
    static let ns = #"xmlns="http://www.veeam.com/ent/v1.0""#

    /// Converts `xml` whole, then split at every byte, and expects the same bytes each time.
    static func convert(_ xml: String, schema: TranslationSchema = TestModel.schema) throws -> String {
        let bytes = Array(xml.utf8)
        let whole = try XMLToJSONConverter.convert(bytes, schema: schema)
        for split in 0...bytes.count {
            let converter = XMLToJSONConverter(schema: schema)
            var output = try converter.feed(ByteBuffer(bytes: bytes[..<split]))
            var rest = try converter.feed(ByteBuffer(bytes: bytes[split...]))
            output.writeBuffer(&rest)
            var last = try converter.finish()
            output.writeBuffer(&last)
            #expect(Array(output.readableBytesView) == whole, "split at \(split)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let converter = XMLToJSONConverter(schema: schema)
            var output = ByteBuffer()
            var index = 0
            while index < bytes.count {
                let length = Int.random(in: 1...7, using: &generator)
                var part = try converter.feed(ByteBuffer(bytes: bytes[index..<min(index + length, bytes.count)]))
                output.writeBuffer(&part)
                index += length
            }
            var last = try converter.finish()
            output.writeBuffer(&last)
            #expect(Array(output.readableBytesView) == whole, "random chunks")
        }
        return String(decoding: whole, as: UTF8.self)
    }

    @Test("an unknown attribute and an unknown child of one name in a known object: one key, an array")
    func unknownAttributeAndChild() throws {
        let json = try Self.convert(
            #"<LogonSession \#(Self.ns) Name="a"><UserName>u</UserName><Name>b</Name></LogonSession>"#, schema: .builtIn)
        #expect(json.contains(#""Name":["a","b"]"#))
        #expect(json.components(separatedBy: #""Name""#).count == 2)
        #expect(json.contains(#""UserName":"u""#))
    }

    @Test("unknown names that come back in a known object are grouped, adjacent or not")
    func unknownSiblingsInKnownObject() throws {
        #expect(
            try Self.convert(#"<Session Foo="1"><Foo>2</Foo><Name>n</Name><Foo>3</Foo><Bar/></Session>"#)
                == #"{"Foo":["1","2","3"],"Name":"n","Bar":"","Href":null,"Links":null,"Progress":null,"IsRetry":null,"Ratio":null,"EndTimeUTC":null,"Days":null,"Resources":null,"RetrySpecified1":null,"Day":null}"#
        )
    }

    @Test("an attribute named like an element member: the member keeps key, type and position; the attribute goes into #unknown")
    func attributeNamedLikeMember() throws {
        let json = try Self.convert(#"<Session Progress="x"><Progress>7</Progress></Session>"#)
        #expect(json.hasPrefix(##"{"#unknown":{"Progress":"x"},"Progress":7,"##))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["Progress"] as? Int == 7)
        // The known member with the attribute only: the member stays null (it is absent).
        let alone = try Self.convert(#"<Session Progress="x"/>"#)
        #expect(alone.contains(##""#unknown":{"Progress":"x"}"##) && alone.contains(#""Progress":null"#))
    }

    @Test("a known member colliding with an attribute is no longer a 502: LogonSession UserName as attribute and element")
    func knownMemberAndAttribute() throws {
        let json = try Self.convert(
            #"<LogonSession \#(Self.ns) UserName="attr"><UserName>elem</UserName></LogonSession>"#, schema: .builtIn)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["UserName"] as? String == "elem")
        #expect((object["#unknown"] as? [String: Any])?["UserName"] as? String == "attr")
    }

    @Test("several collisions share one #unknown object, names grouped inside; an element after its attribute member goes there too")
    func oneUnknownObject() throws {
        let json = try Self.convert(#"<Session Progress="x" Links="l"><Progress>7</Progress><Links/><Name>n</Name></Session>"#)
        #expect(json.components(separatedBy: ##""#unknown""##).count == 2)
        #expect(json.contains(##""#unknown":{"Progress":"x","Links":"l"}"##))
        let day = try Self.convert(#"<Session><Day Name="a"><Name>b</Name><Name>c</Name></Day></Session>"#)
        #expect(day.contains(##""Day":{"Name":"a","#unknown":{"Name":["b","c"]}"##))
    }

    @Test("an unknown element named like a member's JSON key (not its XML name) goes into #unknown")
    func jsonKeyCollision() throws {
        let json = try Self.convert(#"<Session><RetrySpecified1>x</RetrySpecified1><RetrySpecified>true</RetrySpecified></Session>"#)
        #expect(json.contains(##""#unknown":{"RetrySpecified1":"x"}"##))
        #expect(json.contains(#""RetrySpecified1":true"#))
    }
}
