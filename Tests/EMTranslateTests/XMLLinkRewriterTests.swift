import EMTranslate
import NIOCore
import Testing

@Suite("XML pass-through link rewriting")
struct XMLLinkRewriterTests {
    static let xml = #"""
        <?xml version="1.0" encoding="utf-8"?><EntityRef xmlns="http://www.veeam.com/ent/v1.0" Href="https://em04.example.local:9398/api/query?type=Job&amp;filter=Name%3d%3d%22A%22" Name="https://em/api/not-a-link" UID="urn:veeam:Job:1"><Links><Link Rel='Up' Href='http://127.0.0.1:9399/api/backupServers/1'/><Link Rel="Down" Href="https://vcenter.example/sdk"/></Links><Note>Href="https://em/api/text"</Note></EntityRef>
        """#
    static let expected = #"""
        <?xml version="1.0" encoding="utf-8"?><EntityRef xmlns="http://www.veeam.com/ent/v1.0" Href="http://gw:8080/api/query?type=Job&amp;filter=Name%3d%3d%22A%22" Name="https://em/api/not-a-link" UID="urn:veeam:Job:1"><Links><Link Rel='Up' Href='http://gw:8080/api/backupServers/1'/><Link Rel="Down" Href="https://vcenter.example/sdk"/></Links><Note>Href="http://gw:8080/api/text"</Note></EntityRef>
        """#

    func rewrite(_ input: [UInt8], chunk size: Int) -> [UInt8] {
        let links = XMLLinkRewriter(rewriter: LinkRewriter(publicBaseURL: "http://gw:8080"))
        var output = ByteBuffer()
        var index = 0
        while index < input.count {
            let end = min(index + size, input.count)
            output.writeImmutableBuffer(links.feed(ByteBuffer(bytes: input[index..<end])))
            index = end
        }
        output.writeImmutableBuffer(links.finish())
        return Array(output.readableBytesView)
    }

    @Test("Href values into /api are rewritten, every other byte kept; any chunking gives the same bytes")
    func rewrite() {
        let input = Array(Self.xml.utf8)
        for size in [1, 2, 7, 13, 64, 300, 100_000] {
            #expect(String(decoding: rewrite(input, chunk: size), as: UTF8.self) == Self.expected, "chunk size \(size)")
        }
    }

    @Test("a document without links passes byte for byte, held-back bytes included")
    func noLinks() {
        let input = Array(String(repeating: "<a b=\"c\">text = 'x'</a>", count: 500).utf8)
        #expect(rewrite(input, chunk: 1000) == input)
    }
}
