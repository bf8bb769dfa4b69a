@preconcurrency internal import CLibXML2

/// Reads an XSD file's bytes into an ``XSDNode`` tree with libxml2's SAX2 parser.
///
/// The file comes from the user, but it is treated like any input: no network
/// (`XML_PARSE_NONET`), no DTD loading, no entity substitution; a DOCTYPE or an entity
/// declaration stops the parse with ``SchemaError/Code/forbiddenDTD``.
///
/// One reader parses one document; it is not `Sendable` (it owns a libxml2 parser context).
final class XSDReader {
    /// The largest XSD accepted (EM's own is about 150 KB).
    static let maxBytes = 32 << 20
    /// The deepest element nesting accepted.
    static let maxDepth = 256

    private var stack: [XSDNode] = []
    private var root: XSDNode?
    private var failure: SchemaError?
    private var parser: xmlParserCtxtPtr?

    /// Parses a whole XSD document.
    /// - Parameter bytes: the document.
    /// - Returns: the root element.
    /// - Throws: ``SchemaError`` `.forbiddenDTD` for a DOCTYPE or entity declaration,
    ///   `.malformedXSD` when the bytes are not well-formed XML (or too large or too deep).
    static func parse(_ bytes: [UInt8]) throws -> XSDNode {
        guard bytes.count <= maxBytes else { throw SchemaError(.malformedXSD, "the XSD is larger than \(maxBytes) bytes") }
        let reader = XSDReader()
        return try reader.run(bytes)
    }

    private init() {}

    deinit {
        if let parser { xmlFreeParserCtxt(parser) }
    }

    private func run(_ bytes: [UInt8]) throws -> XSDNode {
        xmlInitParser()
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localname, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let context, let localname else { return }
            Unmanaged<XSDReader>.fromOpaque(context).takeUnretainedValue().start(
                localname, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<XSDReader>.fromOpaque(context).takeUnretainedValue().end()
        }
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<XSDReader>.fromOpaque(context).takeUnretainedValue()
                .fail(SchemaError(.forbiddenDTD, "the XSD has a DOCTYPE; XSD files need none, and none is read"))
        }
        handler.externalSubset = handler.internalSubset
        handler.entityDecl = { context, _, _, _, _, _ in
            guard let context else { return }
            Unmanaged<XSDReader>.fromOpaque(context).takeUnretainedValue()
                .fail(SchemaError(.forbiddenDTD, "the XSD declares an entity"))
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<XSDReader>.fromOpaque(context).takeUnretainedValue().parserError(error.pointee)
        }
        // The reader outlives its parser (freed in deinit), so an unretained pointer is enough.
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let parser = xmlCreatePushParserCtxt(&handler, context, nil, 0, nil) else {
            throw SchemaError(.malformedXSD, "libxml2 could not create a parser")
        }
        self.parser = parser
        xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
        let code = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlParseChunk(parser, $0.baseAddress, Int32($0.count), 1) }
        }
        if let failure { throw failure }
        guard code == 0, let root, stack.isEmpty else {
            throw SchemaError(.malformedXSD, "the XSD is not well-formed XML (libxml2 error \(code))")
        }
        return root
    }

    private func fail(_ error: SchemaError) {
        if failure == nil { failure = error }
        if let parser { xmlStopParser(parser) }
    }

    private func parserError(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error"
        while message.last?.isNewline == true { message.removeLast() }
        let code = Int32(error.code)
        if code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) || code == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
            fail(SchemaError(.forbiddenDTD, "\(message) (line \(error.line))"))
        } else {
            fail(SchemaError(.malformedXSD, "the XSD is not well-formed XML: \(message) (line \(error.line))"))
        }
    }

    private func start(
        _ localname: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?, namespaceCount: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard failure == nil else { return }
        guard stack.count < Self.maxDepth else {
            fail(SchemaError(.malformedXSD, "the XSD nests elements deeper than \(Self.maxDepth)"))
            return
        }
        var prefixes = stack.last?.prefixes ?? [:]
        for index in 0..<namespaceCount {
            let prefix = namespaces?[2 * index].map { String(cString: $0) } ?? ""
            prefixes[prefix] = namespaces?[2 * index + 1].map { String(cString: $0) } ?? ""
        }
        var values: [String: String] = [:]
        for index in 0..<attributeCount {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            guard let name = attributes?[5 * index], attributes?[5 * index + 1] == nil,
                let start = attributes?[5 * index + 3], let end = attributes?[5 * index + 4]
            else { continue }
            let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            values[String(cString: name)] = value
        }
        stack.append(
            XSDNode(
                namespace: uri.map { String(cString: $0) } ?? "", name: String(cString: localname),
                attributes: values, prefixes: prefixes))
    }

    private func end() {
        guard failure == nil, let node = stack.popLast() else { return }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}

@available(*, unavailable)
extension XSDReader: Sendable {}
