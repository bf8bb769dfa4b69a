import Foundation
import Hummingbird
import TestSupport
import Testing

@testable import EMSimulator

@Suite struct XMLWriterTests {
    private func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    @Test func escapesTextAndAttributes() throws {
        var xml = XMLWriter()
        xml.start("R", ["A": "& < > \" ' \t\n\r end", "Skipped": nil], namespaces: .em)
        xml.element("T", "& < > \" ' \r end")
        xml.element("Empty", "")
        xml.element("Absent", nil as String?)
        xml.end()
        let output = self.text(xml.takeBytes())
        #expect(
            output == """
                <R A="&amp; &lt; &gt; &quot; &apos; &#x9;&#xA;&#xD; end" xmlns="http://www.veeam.com/ent/v1.0">
                  <T>&amp; &lt; &gt; " ' &#xD; end</T>
                  <Empty />
                </R>

                """)
        let root = try XMLNode.parse(Array(output.utf8))
        #expect(root.attributes["A"] == "& < > \" ' \t\n\r end")
        #expect(root.text("T") == "& < > \" ' \r end")
    }

    @Test func nonASCIIAndControlCharacters() throws {
        var xml = XMLWriter()
        xml.start("R")
        xml.element("T", "w\u{F6}rd \u{20AC} \u{1F600} bell:\u{07}")
        xml.end()
        let root = try XMLNode.parse(Array(self.text(xml.takeBytes()).utf8))
        #expect(root.text("T") == "w\u{F6}rd \u{20AC} \u{1F600} bell:\u{FFFD}")
    }

    @Test func takeBytesKeepsElementsOpen() throws {
        var xml = XMLWriter()
        xml.declaration()
        xml.start("List", attributeList: [], namespacesFirst: .em)
        var parts: [ByteBuffer] = []
        for index in 0..<5 {
            xml.element("Item", String(index))
            parts.append(xml.takeBytes())
        }
        xml.end()
        parts.append(xml.takeBytes())
        let whole = parts.map { self.text($0) }.joined()
        let root = try XMLNode.parse(Array(whole.utf8))
        #expect(root.children("Item").map(\.text) == ["0", "1", "2", "3", "4"])
        #expect(xml.depth == 0)
    }

    @Test func largeListsAreStreamedAndSmallOnesHaveALength() async throws {
        let small = XMLResponse.list(items: Array(0..<3), open: { $0.start("L") }, item: { $0.element("I", String($1)) })
        #expect(small.body.contentLength != nil)

        let count = 40_000
        let large = XMLResponse.list(
            items: Array(0..<count), open: { $0.start("L", attributeList: [], namespacesFirst: .em) },
            item: { $0.element("Item", "value number \($1) with some padding text") })
        #expect(large.body.contentLength == nil)
        let collector = Collector()
        try await large.body.write(CollectingWriter(collector: collector))
        #expect(collector.writes > 2)
        let root = try XMLNode.parse(collector.bytes)
        #expect(root.children("Item").count == count)
        #expect(root.children.last?.text == "value number \(count - 1) with some padding text")
    }
}

// Safe because the test writes from one task at a time, in sequence.
private final class Collector: @unchecked Sendable {
    var bytes: [UInt8] = []
    var writes = 0
}

private struct CollectingWriter: ResponseBodyWriter {
    let collector: Collector

    mutating func write(_ buffer: ByteBuffer) async throws {
        self.collector.bytes += buffer.readableBytesView
        self.collector.writes += 1
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
