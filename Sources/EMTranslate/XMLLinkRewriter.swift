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
/// A document in UTF-16 or ISO-8859-1 is transcoded to UTF-8 first (its byte order mark dropped,
/// its declaration's `encoding` rewritten; ``outputCharset`` is then `utf-8`, for the media
/// type): links in it are found and rewritten like any others. A document in another encoding
/// passes unchanged, links included; ``untranscodedEncoding`` names it for a warning.
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
    private let transcoder: XMLTranscoder

    /// Creates a rewriter.
    /// - Parameters:
    ///   - rewriter: where links should point.
    ///   - attributeNames: the attributes holding links. Default `["Href"]`; use
    ///     ``TranslationSchema/linkAttributeNames`` for every link attribute the schema knows.
    ///   - charset: the `charset` parameter of EM's `Content-Type`, if any (the XML declaration,
    ///     when it names an encoding, decides).
    public init(rewriter: LinkRewriter, attributeNames: Set<String> = ["Href"], charset: String? = nil) {
        self.rewriter = rewriter
        self.attributeNames = Set(attributeNames.map { Array($0.utf8) })
        self.transcoder = XMLTranscoder(charset: charset)
    }

    /// `utf-8` when the document was transcoded from UTF-16 or ISO-8859-1 (the client's media
    /// type must then say `charset=utf-8`); `nil` when it passes in its own encoding. Known once
    /// the first output is returned.
    public var outputCharset: String? { transcoder.transcodes ? "utf-8" : nil }

    /// The encoding the document declared when it is neither UTF-8, UTF-16 nor ISO-8859-1: it
    /// passes unchanged and its links may stay EM's. `nil` otherwise.
    public var untranscodedEncoding: String? { transcoder.unsupportedEncoding }

    private func append(_ chunk: ByteBuffer, final: Bool) {
        if transcoder.encoding == .unchanged {
            held.append(contentsOf: chunk.readableBytesView)
        } else {
            held.append(contentsOf: transcoder.feed(chunk.readableBytesView, final: final))
        }
    }

    /// Rewrites the next chunk.
    /// - Parameter chunk: the next bytes of EM's XML.
    /// - Returns: the bytes that are decided (possibly fewer than given; the rest follows later).
    public func feed(_ chunk: ByteBuffer) -> ByteBuffer {
        append(chunk, final: false)
        return process(final: false)
    }

    /// Ends the document.
    /// - Returns: everything still held.
    public func finish() -> ByteBuffer {
        append(ByteBuffer(), final: true)
        return process(final: true)
    }

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

    /// The `charset` parameter of a `Content-Type` value (`application/xml; charset=utf-16` →
    /// `utf-16`), unquoted, or `nil`.
    /// - Parameter contentType: the header field's value.
    /// - Returns: the charset's name as written, or `nil` when there is none.
    public static func charset(ofContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "charset" else { continue }
            var value = pair[1].trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// `contentType`'s media type with `charset` as its only parameter (`text/xml; charset=utf-16`
    /// and `utf-8` → `text/xml; charset=utf-8`); `application/xml` when there is none.
    /// - Parameters:
    ///   - contentType: EM's `Content-Type`.
    ///   - charset: the charset of the bytes sent, usually ``outputCharset``.
    /// - Returns: the client's `Content-Type`.
    public static func contentType(_ contentType: String?, charset: String) -> String {
        let type = contentType?.split(separator: ";").first?.trimmingSpaces ?? ""
        return (type.isEmpty ? "application/xml" : type) + "; charset=" + charset
    }

    /// Where the attribute name that ends just before `equals` starts.
    private static func nameStart(_ bytes: UnsafeBufferPointer<UInt8>, before equals: Int) -> Int {
        var start = equals
        while start > 0 {
            let byte = bytes[start - 1]
            let isName =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            guard isName else { break }
            start -= 1
        }
        return start
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
