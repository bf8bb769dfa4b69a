@preconcurrency internal import CLibXML2
import EMSchema
public import NIOCore

/// Converts EM's XML to EM's native JSON as the bytes arrive: libxml2's SAX2 push parser in,
/// JSON bytes out, no tree of the document held (elements the schema does not know stream too;
/// at most ``Limits/maxBufferedBytes`` of output waits to learn whether one of them repeats).
///
/// The rules are EM's own (see the README, "JSON dialect"): the root element's name is dropped;
/// attributes and child elements become properties; text beside attributes becomes `Value`;
/// namespaces are dropped; scalars are typed by the schema only; list shapes come from the
/// schema (`Links` is an array even with one link); members the schema has but the XML lacks
/// are `null` (``JSONDialect/native``). `Href`s and other schema links are rewritten through
/// ``Configuration/linkRewriter``. DOCTYPEs, entity declarations and undeclared entities are
/// errors, so no entity is ever expanded and nothing outside the document is read.
///
/// ```swift
/// let converter = XMLToJSONConverter(schema: .builtIn, configuration: .init(linkRewriter: LinkRewriter(publicBaseURL: "http://gw:8080")))
/// var json = try converter.feed(firstChunk)
/// json.writeImmutableBuffer(try converter.feed(nextChunk))
/// json.writeImmutableBuffer(try converter.finish())
/// ```
///
/// - Important: one converter translates one document, from one thread at a time. After an
///   error it stays failed: the output so far is not a complete document and must not be sent
///   as one.
public final class XMLToJSONConverter {
    /// Bounds on what one document may use; past one, conversion fails with the matching ``TranslateError/Code``.
    public struct Limits: Sendable {
        /// Deepest element nesting accepted. Default 64 (EM's deepest documents nest about 12 levels).
        public var maxDepth: Int = 64
        /// Longest text node or attribute value, in bytes. Default 16 MiB.
        public var maxTextBytes: Int = 16 << 20
        /// Most attributes on one element. Default 64.
        public var maxAttributes: Int = 64
        /// Most XML input bytes for one document. Default 4 GiB (EM's unpaged collections are large).
        public var maxInputBytes: Int = 4 << 30
        /// Most bytes of output held back while the converter learns whether an element the schema
        /// does not know is alone or the first of several (plain rules make repeated siblings an
        /// array). Past it the element is released as a single value, and a later sibling of the
        /// same name fails with `.bufferLimitExceeded`. Default 1 MiB.
        public var maxBufferedBytes: Int = 1 << 20
        /// Creates the default limits.
        public init() {}
    }

    /// How to convert.
    public struct Configuration: Sendable {
        /// Rewrites EM's links to the gateway; `nil` leaves them as EM wrote them. Default `nil`.
        public var linkRewriter: LinkRewriter?
        /// The JSON form to write. Default ``JSONDialect/native``.
        public var dialect: JSONDialect
        /// Resource bounds. Default ``Limits/init()``.
        public var limits: Limits

        /// Creates a configuration.
        /// - Parameters:
        ///   - linkRewriter: where links should point, or `nil` to keep them.
        ///   - dialect: the JSON form.
        ///   - limits: resource bounds.
        public init(linkRewriter: LinkRewriter? = nil, dialect: JSONDialect = .native, limits: Limits = Limits()) {
            self.linkRewriter = linkRewriter
            self.dialect = dialect
            self.limits = limits
        }
    }

    /// Counts of what the schema did not cover, for metrics and debug logs.
    public struct Statistics: Sendable, Equatable {
        /// Elements and attributes the schema does not know (converted by plain rules).
        public var unknownNodes: Int = 0
        /// Text found between child elements (kept under the reserved key `#text`).
        public var mixedText: Int = 0
        /// XML bytes read.
        public var inputBytes: Int = 0
        /// JSON bytes written.
        public var outputBytes: Int = 0
    }

    let schema: TranslationSchema
    let configuration: Configuration
    /// Whether ``Configuration/linkRewriter`` is set (read per value without copying the rewriter).
    let rewritesLinks: Bool
    let writer = JSONWriter()
    var state = ConversionState()
    /// Unknown names seen (first few), for a debug log line.
    public internal(set) var unknownNames: [String] = []
    /// What the schema did not cover so far.
    public internal(set) var statistics = Statistics()
    var failure: TranslateError?
    var parser: xmlParserCtxtPtr?
    var finished = false

    /// Creates a converter for one document.
    /// - Parameters:
    ///   - schema: the prepared schema (share one for all converters).
    ///   - configuration: links, dialect and limits.
    public init(schema: TranslationSchema = .builtIn, configuration: Configuration = Configuration()) {
        self.schema = schema
        self.configuration = configuration
        self.rewritesLinks = configuration.linkRewriter != nil
        LibXML2.initialize()
    }

    deinit {
        guard let parser else { return }
        // A context that parsed a whole document cleanly serves the next one (see
        // ``ParserContextPool``); any other is freed.
        if finished && failure == nil {
            ParserContextPool.shared.give(.init(parser: parser, memberCache: state.memberCache, schema: schema))
        } else {
            xmlFreeParserCtxt(parser)
        }
    }

    /// Parses the next chunk of XML.
    /// - Parameter chunk: the next bytes of the document, any size, split anywhere.
    /// - Returns: the JSON bytes this chunk completed (possibly empty).
    /// - Throws: ``TranslateError`` (`.malformedXML`, `.forbiddenDTD`, `.encoding`, `.contentAfterRoot`,
    ///   `.schemaMismatch`, a `…LimitExceeded`) when the
    ///   document is bad; the converter is then failed.
    public func feed(_ chunk: ByteBuffer) throws -> ByteBuffer {
        var output = ByteBuffer()
        try feed(chunk, into: &output)
        return output
    }

    /// Parses the next chunk of XML and appends the JSON bytes it completed to `output`: the
    /// converter's bytes are copied once, into the caller's buffer (a body collected whole).
    /// - Parameters:
    ///   - chunk: the next bytes of the document, any size, split anywhere.
    ///   - output: the buffer the JSON is appended to.
    /// - Throws: ``TranslateError`` as ``feed(_:)-(ByteBuffer)``.
    public func feed(_ chunk: ByteBuffer, into output: inout ByteBuffer) throws {
        try chunk.withUnsafeReadableBytes { try parse(UnsafeRawBufferPointer($0), terminate: false) }
        moveOutput(into: &output)
    }

    /// Parses the next chunk of XML from raw bytes; see ``feed(_:)-(ByteBuffer)``.
    /// - Parameter bytes: the next bytes of the document.
    /// - Returns: the JSON bytes this chunk completed.
    /// - Throws: ``TranslateError`` as ``feed(_:)-(ByteBuffer)``.
    public func feed(bytes: UnsafeRawBufferPointer) throws -> ByteBuffer {
        try parse(bytes, terminate: false)
        var output = ByteBuffer()
        moveOutput(into: &output)
        return output
    }

    /// Ends the document.
    /// - Returns: the last JSON bytes.
    /// - Throws: ``TranslateError`` `.malformedXML` when the document is incomplete or ill-formed.
    public func finish() throws -> ByteBuffer {
        var output = ByteBuffer()
        try finish(into: &output)
        return output
    }

    /// Ends the document and appends the last JSON bytes to `output`.
    /// - Parameter output: the buffer the JSON is appended to.
    /// - Throws: ``TranslateError`` as ``finish()``.
    public func finish(into output: inout ByteBuffer) throws {
        try parse(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true)
        guard state.documentComplete else {
            throw fail(TranslateError(.malformedXML, "the document ended before its root element closed"))
        }
        if utf16ByteOrder != nil && epilogBytes % 2 == 1 {
            throw fail(TranslateError(.contentAfterRoot, "half a UTF-16 code unit after the root element"))
        }
        finished = true
        moveOutput(into: &output)
    }

    /// Converts a whole document in one call.
    /// - Parameters:
    ///   - xml: the complete XML document.
    ///   - schema: the prepared schema.
    ///   - configuration: links, dialect and limits.
    /// - Returns: the JSON document (no trailing newline).
    /// - Throws: ``TranslateError`` as ``feed(_:)-(ByteBuffer)`` and ``finish()``.
    public static func convert(
        _ xml: some Collection<UInt8>, schema: TranslationSchema = .builtIn, configuration: Configuration = Configuration()
    ) throws -> [UInt8] {
        let converter = XMLToJSONConverter(schema: schema, configuration: configuration)
        var output = ByteBuffer()
        try converter.feed(ByteBuffer(bytes: xml), into: &output)
        try converter.finish(into: &output)
        return Array(output.readableBytesView)
    }

    /// Moves the JSON written so far to the end of `output`, except output held back for an
    /// unknown element's run.
    private func moveOutput(into output: inout ByteBuffer) {
        releaseOversizedHolds()
        let count = releasableBytes
        statistics.outputBytes += count
        writer.move(count, into: &output)
        outputTaken(count)
    }

    @discardableResult
    func fail(_ error: TranslateError) -> TranslateError {
        if failure == nil { failure = error }
        if let parser { xmlStopParser(parser) }
        return failure!
    }

    /// Feeds libxml2 in slices well under its 10 MB single-chunk ceiling.
    private func parse(_ bytes: UnsafeRawBufferPointer, terminate: Bool) throws {
        if let failure { throw failure }
        guard !finished else { throw TranslateError(.misuse, "the converter has already finished") }
        statistics.inputBytes += bytes.count
        guard statistics.inputBytes <= configuration.limits.maxInputBytes else {
            throw fail(TranslateError(.sizeLimitExceeded, "more than \(configuration.limits.maxInputBytes) bytes of XML"))
        }
        // Only white space may follow the root element (EM sends nothing there). libxml2 is not
        // fed past it: what it reports of such bytes depends on where chunks end, and the outcome
        // must not.
        let documentStart = statistics.inputBytes - bytes.count
        if leadingBytes.count < 4 { leadingBytes += bytes.prefix(4 - leadingBytes.count) }
        if state.documentComplete {
            try checkEpilog(bytes, from: 0)
            return
        }
        let slice = 1 << 20
        var offset = 0
        repeat {
            let length = min(slice, bytes.count - offset)
            let base = bytes.baseAddress.map { $0 + offset }?.assumingMemoryBound(to: CChar.self)
            let last = terminate && offset + length == bytes.count
            let parser = self.parser ?? createParser()
            let code = xmlParseChunk(parser, base, Int32(length), last ? 1 : 0)
            if let failure { throw failure }
            if state.documentComplete {
                try checkEpilog(bytes, from: max(0, state.rootEnd - documentStart))
                return
            }
            if code != 0 {
                throw fail(TranslateError(.malformedXML, lastParserMessage ?? "libxml2 error \(code)"))
            }
            offset += length
        } while offset < bytes.count
    }

    /// Fails the conversion when anything but white space follows the root element. White space
    /// is checked in the document's encoding: in UTF-16 (told by its byte order mark or its first
    /// character, XML 1.0 Appendix F) a space is two bytes, one of them zero.
    private func checkEpilog(_ bytes: UnsafeRawBufferPointer, from start: Int) throws {
        guard start < bytes.count else { return }
        let utf16 = utf16ByteOrder
        for byte in bytes[start...] {
            let fits: Bool
            switch utf16 {
            case .none: fits = XMLText.isSpace(byte)
            case .some(true): fits = epilogBytes % 2 == 0 ? XMLText.isSpace(byte) : byte == 0
            case .some(false): fits = epilogBytes % 2 == 0 ? byte == 0 : XMLText.isSpace(byte)
            }
            epilogBytes += 1
            if !fits { throw fail(TranslateError(.contentAfterRoot, "content after the root element")) }
        }
    }

    /// `true` for UTF-16 little endian, `false` for big endian, `nil` for a byte-oriented encoding,
    /// from the document's first bytes.
    private var utf16ByteOrder: Bool? {
        if leadingBytes.starts(with: [0xFF, 0xFE]) || leadingBytes.starts(with: [0x3C, 0x00]) { return true }
        if leadingBytes.starts(with: [0xFE, 0xFF]) || leadingBytes.starts(with: [0x00, 0x3C]) { return false }
        return nil
    }

    var lastParserMessage: String?
    /// The document's first bytes (up to four), which tell its encoding family.
    private var leadingBytes: [UInt8] = []
    /// Bytes checked after the root element so far.
    private var epilogBytes = 0
}

/// A converter owns a libxml2 parser context, which is not thread-safe: it is used from one
/// thread at a time and handed between tasks only inside a type that guarantees that.
@available(*, unavailable)
extension XMLToJSONConverter: Sendable {}
