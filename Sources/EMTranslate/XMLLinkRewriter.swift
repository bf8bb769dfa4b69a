public import NIOCore

/// Rewrites EM's links inside XML as it streams, for clients that ask for XML: the document
/// passes byte for byte, except that the `scheme://authority` of link attribute values into
/// EM's `/api` (`Href="https://em01:9398/api/jobs/…"`) becomes the gateway's public base.
///
/// Attribute values are found by their `name="` or `name='` opening, so the rewriter needs no
/// parse of the document; values of other attributes, text and markup are never changed.
/// Chunks may split a value anywhere: the undecided tail is held back (at most
/// ``maxHeldBytes``, past which it passes unchanged).
///
/// ```swift
/// let links = XMLLinkRewriter(rewriter: LinkRewriter(publicBaseURL: "http://gw:8080"))
/// var out = links.feed(chunk)
/// out.writeImmutableBuffer(links.finish())
/// ```
public final class XMLLinkRewriter {
    /// Longest undecided tail held between chunks, in bytes.
    public static let maxHeldBytes = 64 * 1024
    /// Bytes before a chunk's end kept back so an attribute name split across chunks is whole.
    static let lookBehind = 256

    let rewriter: LinkRewriter
    let attributeNames: Set<[UInt8]>
    private var held: [UInt8] = []

    /// Creates a rewriter.
    /// - Parameters:
    ///   - rewriter: where links should point.
    ///   - attributeNames: the attributes holding links. Default `["Href"]`; use
    ///     ``TranslationSchema/linkAttributeNames`` for every link attribute the schema knows.
    public init(rewriter: LinkRewriter, attributeNames: Set<String> = ["Href"]) {
        self.rewriter = rewriter
        self.attributeNames = Set(attributeNames.map { Array($0.utf8) })
    }

    /// Rewrites the next chunk.
    /// - Parameter chunk: the next bytes of EM's XML.
    /// - Returns: the bytes that are decided (possibly fewer than given; the rest follows later).
    public func feed(_ chunk: ByteBuffer) -> ByteBuffer {
        held.append(contentsOf: chunk.readableBytesView)
        return process(final: false)
    }

    /// Ends the document.
    /// - Returns: everything still held.
    public func finish() -> ByteBuffer { process(final: true) }

    private func process(final: Bool) -> ByteBuffer {
        var output = ByteBuffer()
        let buffer = held
        let count = buffer.count
        let limit = final ? count : max(0, count - Self.lookBehind)
        var emitted = 0
        var end = limit
        var index = 0
        buffer.withUnsafeBufferPointer { bytes in
            scan: while index < limit {
                guard let equals = bytes[index..<limit].firstIndex(of: UInt8(ascii: "=")) else { break }
                let quoteIndex = equals + 1
                guard quoteIndex < count else {
                    end = min(end, Self.nameStart(bytes, before: equals))
                    break
                }
                let quote = bytes[quoteIndex]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    index = equals + 1
                    continue
                }
                let nameStart = Self.nameStart(bytes, before: equals)
                guard attributeNames.contains(Array(bytes[nameStart..<equals])) else {
                    index = quoteIndex + 1
                    continue
                }
                guard let close = bytes[(quoteIndex + 1)..<count].firstIndex(of: quote) else {
                    if !final && count - nameStart <= Self.maxHeldBytes { end = min(end, nameStart) }
                    break scan
                }
                let value = UnsafeBufferPointer(rebasing: bytes[(quoteIndex + 1)..<close])
                if let pathStart = LinkRewriter.apiPathStart(value) {
                    output.writeBytes(UnsafeBufferPointer(rebasing: bytes[emitted...quoteIndex]))
                    output.writeBytes(rewriter.baseBytes)
                    output.writeBytes(UnsafeBufferPointer(rebasing: value[pathStart...]))
                    emitted = close
                }
                index = close + 1
            }
            // Never emit part of a name: one that runs up to `end` may still meet its `=` later.
            if !final { end = Self.nameStart(bytes, before: end) }
            end = max(end, emitted)
            output.writeBytes(UnsafeBufferPointer(rebasing: bytes[emitted..<end]))
        }
        held.removeSubrange(0..<end)
        return output
    }

    /// Where the attribute name that ends just before `equals` starts.
    private static func nameStart(_ bytes: UnsafeBufferPointer<UInt8>, before equals: Int) -> Int {
        var start = equals
        while start > 0 {
            let byte = bytes[start - 1]
            let isName = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            guard isName else { break }
            start -= 1
        }
        return start
    }
}
