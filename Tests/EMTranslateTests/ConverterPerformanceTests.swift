import EMTranslate
import Foundation
import NIOCore
import Testing

/// Correctness of the converter at sizes where streaming matters (no timings here; those are in
/// `scripts/bench`): output leaves while input still arrives, memory held back stays bounded, and
/// chunking never changes the bytes.
@Suite("Converter at scale")
struct ConverterPerformanceTests {
    /// An unknown list root with `count` items, each with attributes, a nested list and text.
    static func unknownCollection(_ count: Int) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Things xmlns=\"http://www.veeam.com/ent/v1.0\">\n"
        for index in 0..<count {
            xml += """
                  <Thing Href="https://em:9398/api/things/\(index)" Name="thing &amp; \(index)">
                    <Parts><Part>a\(index)</Part><Part>b</Part></Parts>
                    <Note>n\(index)</Note>
                  </Thing>

                """
        }
        return Array((xml + "</Things>\n").utf8)
    }

    /// Feeds `xml` in `chunk`-byte pieces; returns the output and how much of it had left after each piece.
    static func feed(
        _ xml: [UInt8], chunk: Int, configuration: XMLToJSONConverter.Configuration = .init()
    ) throws -> (output: [UInt8], released: [Int]) {
        let converter = XMLToJSONConverter(schema: TestModel.schema, configuration: configuration)
        var output: [UInt8] = []
        var released: [Int] = []
        var index = 0
        while index < xml.count {
            let end = min(index + chunk, xml.count)
            let produced = try converter.feed(ByteBuffer(bytes: xml[index..<end]))
            output += produced.readableBytesView
            released.append(output.count)
            index = end
        }
        output += try converter.finish().readableBytesView
        return (output, released)
    }

    @Test("an unknown collection streams: JSON leaves while XML arrives, same bytes as one piece")
    func unknownCollectionStreams() throws {
        let xml = Self.unknownCollection(3_000)
        let whole = try XMLToJSONConverter.convert(xml, schema: TestModel.schema)
        // An unknown element's output is held up to the buffer limit (in case a name comes back
        // after another); past it, it streams.
        var limits = XMLToJSONConverter.Limits()
        limits.maxBufferedBytes = 64 << 10
        let (output, released) = try Self.feed(xml, chunk: 16 << 10, configuration: .init(limits: limits))
        #expect(output == whole)
        // Halfway through the XML, nearly half of the JSON is out (only the first 64 KiB waited).
        let half = released[released.count / 2]
        #expect(half > output.count * 4 / 10)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        let things = try #require(json["Thing"] as? [[String: Any]])
        #expect(things.count == 3_000)
        #expect(things[7]["Name"] as? String == "thing & 7")
        #expect(things[7]["Parts"] as? [String: [String]] == ["Part": ["a7", "b"]])
        #expect(json.keys.sorted() == ["Thing"])
    }

    @Test("a lone unknown child larger than maxBufferedBytes is released as a single value")
    func oversizedLoneChild() throws {
        var xml = "<Root><Big Kind=\"x\">"
        for index in 0..<5000 { xml += "<Item>\(index)</Item>" }
        xml += "</Big><Small/></Root>"
        var limits = XMLToJSONConverter.Limits()
        limits.maxBufferedBytes = 4096
        let bytes = Array(xml.utf8)
        let (output, released) = try Self.feed(bytes, chunk: 1024, configuration: .init(limits: limits))
        #expect(output == (try XMLToJSONConverter.convert(bytes, schema: TestModel.schema)))
        #expect(released[released.count / 2] > output.count / 3)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        let big = try #require(json["Big"] as? [String: Any])
        #expect((big["Item"] as? [String])?.count == 5000)
        #expect(json["Small"] as? String == "")
    }

    @Test("a repeat after a lone child was released cannot become an array: bufferLimitExceeded")
    func repeatAfterRelease() throws {
        var xml = "<Root><Big>"
        for index in 0..<5000 { xml += "<Item>\(index)</Item>" }
        xml += "</Big><Big/></Root>"
        var limits = XMLToJSONConverter.Limits()
        limits.maxBufferedBytes = 4096
        #expect(throws: TranslateError(.bufferLimitExceeded)) {
            _ = try Self.feed(Array(xml.utf8), chunk: 1024, configuration: .init(limits: limits))
        }
    }

    @Test("a known list of thousands of items: every chunking gives the same bytes, nothing held back")
    func knownListChunking() throws {
        var xml = "<EntityReferences xmlns=\"http://www.veeam.com/ent/v1.0\">"
        for index in 0..<2000 { xml += "<Ref Id=\"\(index)\"/>\n" }
        xml += "</EntityReferences>"
        let bytes = Array(xml.utf8)
        let whole = try XMLToJSONConverter.convert(bytes, schema: TestModel.schema)
        #expect(whole.count > 16_000)
        for chunk in [7, 13, 1024, 1 << 20] {
            let (output, released) = try Self.feed(bytes, chunk: chunk)
            #expect(output == whole, "chunk size \(chunk)")
            if released.count > 4 { #expect(released[released.count / 2] > whole.count / 3) }
        }
    }

    @Test("unknown siblings: adjacent ones group, mixed text and Value as before, nested runs")
    func unknownShapes() throws {
        #expect(
            try TestModel.convertText("<Other><A>1</A><A>2</A><B>x</B><C k=\"v\">t</C></Other>")
                == #"{"A":["1","2"],"B":"x","C":{"k":"v","Value":"t"}}"#)
        #expect(try TestModel.convertText("<Other> lead <A/> tail </Other>") == ##"{"A":"","#text":"lead  tail"}"##)
        #expect(try TestModel.convertText("<Other>  </Other>") == #""  ""#)
        #expect(try TestModel.convertText("<Other><A><B>1</B><B>2</B></A><A><B>3</B></A></Other>") == #"{"A":[{"B":["1","2"]},{"B":"3"}]}"#)
        #expect(
            try TestModel.convertText("<Session><Name>x<Sub>y</Sub></Name><Progress>2</Progress></Session>", dialect: .compact)
                == ##"{"Name":{"Sub":"y","#text":"x"},"Progress":2}"##)
        #expect(
            try TestModel.convertText("<Session><Links><Odd n=\"1\"/><Link Rel=\"r\"/></Links></Session>", dialect: .compact)
                == #"{"Links":[{"n":"1"},{"Rel":"r"}]}"#)
    }

    @Test("only white space may follow the root element, however the document is chunked (found by the fuzzer)")
    func trailingContent() throws {
        for document in ["<Other><A>1</A></Other>\u{8d}8 <Resources/> junk", "<Other k=\"v\"/><Other/>", "<Other/> x"] {
            let bytes = Array(document.utf8)
            #expect(throws: TranslateError(.contentAfterRoot), "\(document)") {
                try XMLToJSONConverter.convert(bytes, schema: TestModel.schema)
            }
            for chunk in [1, 2, 5, 9] {
                #expect(throws: TranslateError(.contentAfterRoot), "\(document), chunk size \(chunk)") {
                    try Self.feed(bytes, chunk: chunk)
                }
            }
        }
        let spaced = Array("<Other><A>1</A></Other> \r\n\t ".utf8)
        let one = try XMLToJSONConverter.convert(spaced, schema: TestModel.schema)
        #expect(String(decoding: one, as: UTF8.self) == #"{"A":"1"}"#)
        for chunk in [1, 2, 5] { #expect(try Self.feed(spaced, chunk: chunk).output == one) }
    }

    @Test("unknown siblings that are not adjacent, and an attribute and child of one name, group under one key")
    func unknownRepeatsApart() throws {
        #expect(try TestModel.convertText("<Other><Foo>1</Foo><Bar/><Foo>2</Foo></Other>") == #"{"Foo":["1","2"],"Bar":""}"#)
        #expect(
            try TestModel.convertText("<Other><A>1</A><A>2</A><B/><A>3</A><C/><B/></Other>") == #"{"A":["1","2","3"],"B":["",""],"C":""}"#)
        #expect(try TestModel.convertText("<Other A=\"1\"><A>2</A></Other>") == #"{"A":["1","2"]}"#)
        // Inside a schema object: unknown children apart from each other, known members between.
        #expect(
            try TestModel.convertText("<Session><X>1</X><Name>n</Name><X>2</X><Progress>3</Progress></Session>", dialect: .compact)
                == #"{"X":["1","2"],"Name":"n","Progress":3}"#)
        // Nested: each frame groups its own children; escapes and numbers come out as written.
        #expect(
            try TestModel.convertText("<Other><P><Q>&quot;a\\b&quot;</Q><R/><Q>\u{e9}</Q></P><S/><P/></Other>")
                == #"{"P":[{"Q":["\"a\\b\"","é"],"R":""},""],"S":""}"#)
        // Whatever the chunking, the same bytes.
        let xml = Array("<Other><Foo>1</Foo><Bar k=\"v\"><Z/><Y/><Z/></Bar><Foo>2</Foo></Other>".utf8)
        let whole = try XMLToJSONConverter.convert(xml, schema: TestModel.schema)
        #expect(String(decoding: whole, as: UTF8.self) == #"{"Foo":["1","2"],"Bar":{"k":"v","Z":["",""],"Y":""}}"#)
        for chunk in [1, 3, 7] {
            #expect(try Self.feed(xml, chunk: chunk).output == whole, "chunk size \(chunk)")
        }
        // The grouping never depends on where chunks end: an element whose attributes left in an
        // earlier chunk (found by the fuzzer), and a schema object with unknown children apart.
        for document in [
            "<Other k=\"v\"><Foo>1</Foo><Bar/><Foo>2</Foo></Other>",
            "<Session xmlns=\"http://www.veeam.com/ent/v1.0\"><X>1</X><Name>n</Name><X>2</X></Session>",
        ] {
            let bytes = Array(document.utf8)
            let one = try XMLToJSONConverter.convert(bytes, schema: TestModel.schema)
            #expect(
                String(decoding: one, as: UTF8.self).contains(#""X":["1","2"]"#)
                    || String(decoding: one, as: UTF8.self).contains(#""Foo":["1","2"]"#))
            for chunk in [1, 2, 5, 16] {
                #expect(try Self.feed(bytes, chunk: chunk).output == one, "\(document), chunk size \(chunk)")
            }
        }
    }
}
