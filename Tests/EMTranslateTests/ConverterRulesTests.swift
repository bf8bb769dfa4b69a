import EMTranslate
import Foundation
import NIOCore
import Testing

@Suite("XML→JSON rules on a hand-written schema")
struct ConverterRulesTests {
    let ns = "xmlns=\"http://www.veeam.com/ent/v1.0\""

    @Test("root dropped, namespace dropped, typed scalars, absent members null")
    func typedScalars() throws {
        let json = try TestModel.convertText(
            "<Session \(ns) Href=\"https://em:9398/api/x\"><Progress>100</Progress><IsRetry>false</IsRetry><Name>007</Name></Session>")
        #expect(
            json
                == #"{"Href":"https://em:9398/api/x","Progress":100,"IsRetry":false,"Name":"007","Links":null,"Ratio":null,"EndTimeUTC":null,"Days":null,"Resources":null,"RetrySpecified1":null,"Day":null}"#
        )
    }

    @Test("compact dialect leaves absent members out")
    func compact() throws {
        let json = try TestModel.convertText("<Session><Progress>5</Progress></Session>", dialect: .compact)
        #expect(json == #"{"Progress":5}"#)
    }

    @Test("integers keep exact digits beyond Double precision; + and leading zeros dropped")
    func exactIntegers() throws {
        #expect(
            try TestModel.convertText("<Session><Progress>123456789012345678901234567890</Progress></Session>", dialect: .compact)
                == #"{"Progress":123456789012345678901234567890}"#)
        #expect(try TestModel.convertText("<Session><Progress> +007 </Progress></Session>", dialect: .compact) == #"{"Progress":7}"#)
        #expect(try TestModel.convertText("<Session><Progress>-12</Progress></Session>", dialect: .compact) == #"{"Progress":-12}"#)
        #expect(try TestModel.convertText("<Session><Ratio>1.50E3</Ratio></Session>", dialect: .compact) == #"{"Ratio":1.50E3}"#)
    }

    @Test("text that does not fit its type stays a string; empty typed text is null")
    func misfits() throws {
        #expect(
            try TestModel.convertText("<Session><Progress>12a</Progress><IsRetry>maybe</IsRetry></Session>", dialect: .compact)
                == #"{"Progress":"12a","IsRetry":"maybe"}"#)
        #expect(
            try TestModel.convertText("<Session><Progress/><Ratio>INF</Ratio></Session>", dialect: .compact)
                == #"{"Progress":null,"Ratio":"INF"}"#)
        #expect(
            try TestModel.convertText("<Session><IsRetry>True</IsRetry><RetrySpecified>1</RetrySpecified></Session>", dialect: .compact)
                == #"{"IsRetry":true,"RetrySpecified1":true}"#)
    }

    @Test("empty string element is \"\"; strings that look like numbers stay strings")
    func strings() throws {
        #expect(try TestModel.convertText("<Session><Name/></Session>", dialect: .compact) == #"{"Name":""}"#)
        #expect(try TestModel.convertText("<Session><Name>1E5</Name></Session>", dialect: .compact) == #"{"Name":"1E5"}"#)
    }

    @Test("wrapped list: one link is an array; empty is []; absent is null")
    func wrappedLists() throws {
        let one = try TestModel.convertText("<Session><Links><Link Rel=\"Up\" Href=\"h\"/></Links></Session>", dialect: .compact)
        #expect(one == #"{"Links":[{"Rel":"Up","Href":"h"}]}"#)
        let empty = try TestModel.convertText("<Session><Links /></Session>", dialect: .compact)
        #expect(empty == #"{"Links":[]}"#)
        let native = try TestModel.convert("<Session><Links><Link Rel=\"Up\" Href=\"h\"/></Links></Session>") as! [String: Any]
        let links = native["Links"] as! [[String: Any]]
        #expect(links.count == 1)
        #expect(links[0]["Name"] is NSNull)
        #expect(native["Days"] is NSNull)
    }

    @Test("repeated simple elements are an array; list wrapper holds a plural property")
    func repeated() throws {
        #expect(
            try TestModel.convertText("<Session><Days>Monday</Days><Days>Friday</Days></Session>", dialect: .compact)
                == #"{"Days":["Monday","Friday"]}"#)
        #expect(try TestModel.convertText("<Session><Days>Monday</Days></Session>", dialect: .compact) == #"{"Days":["Monday"]}"#)
        #expect(
            try TestModel.convertText("<Session><Resources><Item Id=\"1\"/><Item Id=\"2\"/></Resources></Session>", dialect: .compact)
                == #"{"Resources":{"Items":[{"Id":1},{"Id":2}]}}"#)
        #expect(try TestModel.convertText("<Session><Resources/></Session>").contains(#""Resources":{"Items":null}"#))
        #expect(try TestModel.convertText("<Session><Resources/></Session>", dialect: .compact) == #"{"Resources":{"Items":[]}}"#)
    }

    @Test("list root: zero, one and two items have the same shape")
    func listRoot() throws {
        #expect(try TestModel.convertText("<EntityReferences/>") == #"{"Refs":null}"#)
        #expect(try TestModel.convertText("<EntityReferences><Ref Id=\"1\"/></EntityReferences>") == #"{"Refs":[{"Id":1}]}"#)
        #expect(
            try TestModel.convertText("<EntityReferences><Ref Id=\"1\"/><Ref Id=\"2\"/></EntityReferences>")
                == #"{"Refs":[{"Id":1},{"Id":2}]}"#)
    }

    @Test("text beside attributes becomes Value")
    func value() throws {
        #expect(
            try TestModel.convertText("<Session><Day Name=\"Sunday\">1,1,0</Day></Session>", dialect: .compact)
                == #"{"Day":{"Name":"Sunday","Value":"1,1,0"}}"#)
    }

    @Test("links are rewritten whatever EM's host; path and query bytes kept")
    func linkRewrite() throws {
        let xml =
            #"<Session Href="https://em04.example.local:9398/api/query?type=Job&amp;filter=Name%3d%3d%22A%22"><Links><Link Href="http://127.0.0.1:9399/api/jobs/1?format=Entity"/><Link Href="https://vcenter/sdk"/></Links></Session>"#
        let object = try TestModel.convert(xml, dialect: .compact, base: "http://gw:8080/") as! [String: Any]
        #expect(object["Href"] as? String == "http://gw:8080/api/query?type=Job&filter=Name%3d%3d%22A%22")
        let links = object["Links"] as! [[String: Any]]
        #expect(links[0]["Href"] as? String == "http://gw:8080/api/jobs/1?format=Entity")
        #expect(links[1]["Href"] as? String == "https://vcenter/sdk")
        let untouched = try TestModel.convert(xml, dialect: .compact) as! [String: Any]
        #expect(untouched["Href"] as? String == "https://em04.example.local:9398/api/query?type=Job&filter=Name%3d%3d%22A%22")
    }

    @Test("JSON string escaping of quotes, backslashes, control characters and non-ASCII")
    func escaping() throws {
        let json = try TestModel.convertText("<Session><Name>a\"b\\c&#9;d&#10;é&lt;&#13;</Name></Session>", dialect: .compact)
        #expect(json == #"{"Name":"a\"b\\c\td\né<\r"}"#)
    }

    @Test("unknown elements convert by plain rules and are counted; repeated unknown siblings form an array")
    func unknown() throws {
        let converter = XMLToJSONConverter(schema: TestModel.schema, configuration: .init(dialect: .compact))
        var out = try converter.feed(
            ByteBuffer(
                string: "<Session><Extra a=\"1\"><Sub>x</Sub><Sub>y</Sub></Extra><Tag>t1</Tag><Tag>t2</Tag><Progress>1</Progress></Session>"
            ))
        out.writeImmutableBuffer(try converter.finish())
        #expect(String(buffer: out) == #"{"Extra":{"a":"1","Sub":["x","y"]},"Tag":["t1","t2"],"Progress":1}"#)
        #expect(converter.statistics.unknownNodes >= 2)
        #expect(converter.unknownNames.contains("Extra"))
    }

    @Test("an unknown root converts by plain rules")
    func unknownRoot() throws {
        #expect(try TestModel.convertText("<Other Href=\"x\"><A>1</A><B/></Other>") == #"{"Href":"x","A":"1","B":""}"#)
    }

    @Test("mixed text is kept under #text and counted")
    func mixedText() throws {
        let converter = XMLToJSONConverter(schema: TestModel.schema, configuration: .init(dialect: .compact))
        var out = try converter.feed(ByteBuffer(string: "<Session>stray<Progress>1</Progress> more</Session>"))
        out.writeImmutableBuffer(try converter.finish())
        #expect(String(buffer: out) == ##"{"Progress":1,"#text":"stray more"}"##)
        #expect(converter.statistics.mixedText == 1)
    }

    @Test("any chunking gives the same bytes")
    func chunking() throws {
        let xml = Array(
            #"<?xml version="1.0" encoding="utf-8"?><Session Href="https://em/api/s"><Links><Link Rel="Up" Href="https://em/api/a" Name="é&amp;x"/><Link Rel="Down" Href="https://em/api/b"/></Links><Progress>100</Progress><Days>Mo</Days><Days>Tu</Days><Day Name="Sun">1,0</Day></Session>"#
                .utf8)
        let whole = try XMLToJSONConverter.convert(xml, schema: TestModel.schema)
        for size in [1, 2, 3, 7, 64] {
            let converter = XMLToJSONConverter(schema: TestModel.schema)
            var output = ByteBuffer()
            var index = 0
            while index < xml.count {
                let end = min(index + size, xml.count)
                output.writeImmutableBuffer(try converter.feed(ByteBuffer(bytes: xml[index..<end])))
                index = end
            }
            output.writeImmutableBuffer(try converter.finish())
            #expect(Array(output.readableBytesView) == whole, "chunk size \(size)")
        }
    }
}

@Suite("Attribute and element of the same name")
struct SameNameTests {
    @Test("an element EM writes where the schema has an attribute fills that member: no duplicate key")
    func elementForAttribute() throws {
        // In the test model, Link's Name is an attribute.
        let json = try TestModel.convertText(#"<Session><Links><Link Rel="Up"><Name>srv</Name></Link></Links></Session>"#, dialect: .native)
        #expect(json.contains(#"{"Rel":"Up","Name":"srv","Href":null,"Type":null}"#))
    }
}
