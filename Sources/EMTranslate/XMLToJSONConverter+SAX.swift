@preconcurrency internal import CLibXML2

/// The libxml2 side: one push-parser context per converter, SAX2 callbacks that forward into
/// the converter's event methods (`Unmanaged` in the user-data slot, errors stored, never thrown
/// across C).
extension XMLToJSONConverter {
    /// Parser options: no network (`XML_PARSE_NONET`), CDATA as text; no entity substitution, no
    /// DTD loading and no `XML_PARSE_HUGE` (libxml2's own size ceilings stay on).
    static let parserOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)

    func createParser() -> xmlParserCtxtPtr {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localname, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localname else { return }
            // Guaranteed references: the converter is alive for the whole parse (see below), so the
            // three hot callbacks skip a retain and release each (about 3 % of the instructions).
            Unmanaged<XMLToJSONConverter>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.startElement(localname, attributeCount: Int(attributeCount), attributes: attributes)
            }
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<XMLToJSONConverter>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.endElement() }
        }
        handler.characters = { context, text, length in
            guard let context, let text, length > 0 else { return }
            Unmanaged<XMLToJSONConverter>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.characters(UnsafeBufferPointer(start: text, count: Int(length)))
            }
        }
        handler.ignorableWhitespace = handler.characters
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            let converter = Unmanaged<XMLToJSONConverter>.fromOpaque(context).takeUnretainedValue()
            converter.fail(TranslateError(.forbiddenDTD, "the document has a DOCTYPE"))
        }
        handler.externalSubset = handler.internalSubset
        handler.entityDecl = { context, _, _, _, _, _ in
            guard let context else { return }
            let converter = Unmanaged<XMLToJSONConverter>.fromOpaque(context).takeUnretainedValue()
            converter.fail(TranslateError(.forbiddenDTD, "the document declares an entity"))
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            let converter = Unmanaged<XMLToJSONConverter>.fromOpaque(context).takeUnretainedValue()
            converter.parserError(error.pointee)
        }
        // The converter outlives its parser (pooled or freed in deinit), so an unretained pointer
        // is enough.
        let context = Unmanaged.passUnretained(self).toOpaque()
        if let pooled = ParserContextPool.shared.take(userData: context, options: Self.parserOptions) {
            // Same callbacks (the handler above is the same for every converter); the member
            // cache is keyed on the pooled dictionary's name pointers and on this schema's types.
            if pooled.schema === schema { state.memberCache = pooled.memberCache }
            self.parser = pooled.parser
            return pooled.parser
        }
        let parser = xmlCreatePushParserCtxt(&handler, context, nil, 0, nil)!
        xmlCtxtUseOptions(parser, Self.parserOptions)
        self.parser = parser
        return parser
    }

    /// libxml2's codes for an unknown or unsupported encoding and for bytes invalid in the document's encoding.
    static let encodingErrors: Set<Int32> = [
        Int32(XML_ERR_UNKNOWN_ENCODING.rawValue), Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue),
        Int32(XML_ERR_INVALID_ENCODING.rawValue),
    ]

    func parserError(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        // After the root element the converter checks the bytes itself (`checkEpilog`): libxml2
        // reports junk there only sometimes, depending on where chunks end.
        guard !state.documentComplete else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error"
        while message.last?.isNewline == true { message.removeLast() }
        message += " (line \(error.line))"
        if lastParserMessage == nil { lastParserMessage = message }
        let code = Int32(error.code)
        if code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) || code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
            || code == Int32(XML_ERR_ENTITY_LOOP.rawValue)
        {
            fail(TranslateError(.forbiddenDTD, message))
        } else if Self.encodingErrors.contains(code) || (6000..<6100).contains(code)
            || (code == Int32(XML_ERR_INVALID_CHAR.rawValue) && message.hasPrefix("Input is not proper"))
        {
            // libxml2's XML_I18N_* codes (6000…) are conversion faults too, and it reports bytes
            // that are not UTF-8 as an invalid character saying so.
            fail(TranslateError(.encoding, message))
        } else {
            fail(TranslateError(.malformedXML, message))
        }
    }
}
