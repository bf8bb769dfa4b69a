import EMSchema

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SAX events → JSON bytes, driven by the schema.
extension XMLToJSONConverter {
    typealias Attributes = UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    func startElement(_ localname: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes) {
        guard failure == nil else { return }
        state.depth += 1
        guard state.depth <= configuration.limits.maxDepth else {
            fail(TranslateError(.depthLimitExceeded, "elements nest deeper than \(configuration.limits.maxDepth)"))
            return
        }
        guard attributeCount <= configuration.limits.maxAttributes else {
            fail(TranslateError(.attributeLimitExceeded, "an element has more than \(configuration.limits.maxAttributes) attributes"))
            return
        }
        guard let top = state.frames.last else {
            if let type = schema.model.rootType(forElement: String(cString: localname)) {
                openObject(type: type, attributeCount: attributeCount, attributes: attributes)
            } else {
                noteUnknown(localname)
                openGeneric(attributeCount: attributeCount, attributes: attributes)
            }
            return
        }
        switch top.kind {
        case .object(let type):
            let member = memberIndex(type: type, name: localname, attribute: false)
            guard member >= 0 else {
                closeOpenRepeated()
                noteUnknown(localname)
                startUnknownChild(localname, attributeCount: attributeCount, attributes: attributes)
                return
            }
            closeRun(state.frames.count - 1)
            let info = schema.info(type, member)
            if info.shape == .repeated {
                if top.openRepeated == member {
                    writer.append(UInt8(ascii: ","))
                } else {
                    closeOpenRepeated()
                    writeKey(info)
                    writer.append(UInt8(ascii: "["))
                    state.frames[state.frames.count - 1].openRepeated = member
                }
            } else {
                closeOpenRepeated()
                writeKey(info)
            }
            state.seen[top.seenBase + member] = true
            if info.shape == .wrapped {
                writer.append(UInt8(ascii: "["))
                if attributeCount > 0 { noteUnknown("@" + schema.model.types[type].members[member].xmlName) }
                state.frames.append(.init(kind: .wrapped(type: type, member: member), seenBase: state.seen.count, textStart: state.text.count))
            } else {
                openValue(type: type, member: member, localname: localname, attributeCount: attributeCount, attributes: attributes)
            }
        case .wrapped(let type, let member):
            writeItemComma()
            if schema.isItemName(localname, of: schema.info(type, member)) {
                openValue(type: type, member: member, localname: localname, attributeCount: attributeCount, attributes: attributes)
            } else {
                noteUnknown(localname)
                openGeneric(attributeCount: attributeCount, attributes: attributes)
            }
        case .scalar(let type, let member):
            // A scalar element with child elements: from here on it converts by plain rules, its
            // text so far included (its key is already written).
            noteUnknown(schema.model.types[type].members[member].xmlName)
            let index = state.frames.count - 1
            state.frames[index].kind = .generic
            state.frames[index].isObject = false
            statistics.unknownNodes += 1
            startUnknownChild(localname, attributeCount: attributeCount, attributes: attributes)
        case .generic:
            statistics.unknownNodes += 1
            startUnknownChild(localname, attributeCount: attributeCount, attributes: attributes)
        }
    }

    func endElement() {
        guard failure == nil else { return }
        state.depth -= 1
        guard let frame = state.frames.last else { return }
        switch frame.kind {
        case .object(let type):
            closeObject(type: type, frame: frame)
        case .scalar(let type, let member):
            let info = schema.info(type, member)
            state.text.withUnsafeBufferPointer { text in
                writer.appendScalar(
                    UnsafeBufferPointer(rebasing: text[frame.textStart...]), as: info.scalar, isLink: info.isLink,
                    rewriter: configuration.linkRewriter)
            }
            state.text.removeSubrange(frame.textStart...)
            state.frames.removeLast()
        case .wrapped:
            writer.append(UInt8(ascii: "]"))
            state.frames.removeLast()
        case .generic:
            closeGeneric(frame)
        }
        if state.frames.isEmpty { state.documentComplete = true }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        guard let top = state.frames.last else { return }
        switch top.kind {
        case .scalar:
            state.text.append(contentsOf: bytes)
        case .object(let type):
            if schema.textMember[type] >= 0 {
                state.text.append(contentsOf: bytes)
            } else if top.mixedText || !XMLText.isBlank(bytes) {
                state.text.append(contentsOf: bytes)
                state.frames[state.frames.count - 1].mixedText = true
            }
        case .wrapped:
            if !XMLText.isBlank(bytes) { statistics.mixedText += 1 }
        case .generic:
            // Before any child, all text counts (it may be the element's string or `Value`); after
            // one, blank text before the first non-blank run would only be trimmed away.
            if !top.hasChildren || top.mixedText {
                state.text.append(contentsOf: bytes)
            } else if !XMLText.isBlank(bytes) {
                state.text.append(contentsOf: bytes)
                state.frames[state.frames.count - 1].mixedText = true
            }
        }
        if state.text.count - top.textStart > configuration.limits.maxTextBytes { textLimitExceeded() }
    }

    // MARK: - Objects and values

    private func openObject(type: Int, attributeCount: Int, attributes: Attributes) {
        writer.append(UInt8(ascii: "{"))
        let memberCount = schema.memberCount(type)
        let base = state.seen.count
        state.seen.append(contentsOf: repeatElement(false, count: memberCount))
        state.frames.append(.init(kind: .object(type: type), seenBase: base, textStart: state.text.count))
        writeAttributes(type: type, attributeCount: attributeCount, attributes: attributes)
    }

    private func openValue(
        type: Int, member: Int, localname: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes
    ) {
        let child = schema.info(type, member).complexType
        if child >= 0 {
            openObject(type: child, attributeCount: attributeCount, attributes: attributes)
        } else if attributeCount > 0 {
            noteUnknown("@" + String(cString: localname))
            openGeneric(attributeCount: attributeCount, attributes: attributes)
        } else {
            state.frames.append(.init(kind: .scalar(type: type, member: member), seenBase: state.seen.count, textStart: state.text.count))
        }
    }

    private func closeObject(type: Int, frame: ConversionState.Frame) {
        closeRun(state.frames.count - 1)
        closeOpenRepeated()
        let textMember = schema.textMember[type]
        if textMember >= 0 {
            if state.text.count > frame.textStart || configuration.dialect.writesNulls {
                let info = schema.info(type, textMember)
                writeKey(info)
                guard info.complexType < 0 else { return }
                state.text.withUnsafeBufferPointer { text in
                    writer.appendScalar(UnsafeBufferPointer(rebasing: text[frame.textStart...]), as: info.scalar, isLink: false, rewriter: nil)
                }
            }
            state.seen[frame.seenBase + textMember] = true
        } else if frame.mixedText {
            statistics.mixedText += 1
            writeKey(Self.mixedTextKey)
            state.text.withUnsafeBufferPointer { text in
                writer.appendString(XMLText.trimmed(UnsafeBufferPointer(rebasing: text[frame.textStart...])))
            }
        }
        let writesNulls = configuration.dialect.writesNulls
        for index in 0..<schema.memberCount(type) where !state.seen[frame.seenBase + index] {
            if writesNulls {
                writeKey(schema.info(type, index))
                writer.append("null")
            } else if schema.isListType[type] {
                writeKey(schema.info(type, index))
                writer.append("[]")
            }
        }
        writer.append(UInt8(ascii: "}"))
        state.text.removeSubrange(frame.textStart...)
        state.seen.removeSubrange(frame.seenBase...)
        state.frames.removeLast()
    }

    private func writeAttributes(type: Int, attributeCount: Int, attributes: Attributes) {
        guard attributeCount > 0, let attributes else { return }
        let base = state.frames[state.frames.count - 1].seenBase
        for index in 0..<attributeCount {
            guard let name = attributes[index * 5], let start = attributes[index * 5 + 3], let end = attributes[index * 5 + 4]
            else { continue }
            let member = memberIndex(type: type, name: name, attribute: true)
            withAttributeValue(start: start, end: end) { value in
                if member >= 0 {
                    let info = schema.info(type, member)
                    writeKey(info)
                    if info.complexType < 0 {
                        writer.appendScalar(value, as: info.scalar, isLink: info.isLink, rewriter: configuration.linkRewriter)
                    } else {
                        writer.appendString(value)
                    }
                    state.seen[base + member] = true
                } else {
                    noteUnknown("@" + String(cString: name))
                    writeKey(cString: name)
                    writer.appendScalar(value, as: .string, isLink: Self.equals(name, "Href"), rewriter: configuration.linkRewriter)
                }
            }
        }
    }

    // MARK: - Helpers

    func writeKey(_ key: [UInt8]) {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
        writer.appendKey(key)
    }

    /// Writes a schema member's key, prepared as `"Key":` bytes in the ``TranslationSchema``.
    @inline(__always) func writeKey(_ info: TranslationSchema.MemberInfo) {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
        schema.quotedKeys.withUnsafeBufferPointer {
            writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[info.keyStart..<(info.keyStart + info.keyCount)]))
        }
    }

    func writeItemComma() {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
    }

    func closeOpenRepeated() {
        let top = state.frames.count - 1
        guard top >= 0, state.frames[top].openRepeated >= 0 else { return }
        writer.append(UInt8(ascii: "]"))
        state.frames[top].openRepeated = -1
    }

    /// The member a name stands for in a type, or -1.
    ///
    /// libxml2 interns every name in its dictionary, so within one document a name is one
    /// pointer: a small direct-mapped cache keyed by (pointer, type) answers almost every call
    /// without hashing or making a `String`; a miss looks the name up and takes the slot.
    private func memberIndex(type: Int, name: UnsafePointer<UInt8>, attribute: Bool) -> Int {
        let bits = UInt(bitPattern: name) >> 3 ^ UInt(type) &* 0x9E37_79B1 ^ (attribute ? 0x5bd1 : 0)
        let slot = Int(bits & UInt(ConversionState.memberCacheSize - 1))
        let entry = state.memberCache[slot]
        if entry.name == name, entry.type == type, entry.attribute == attribute { return entry.index }
        let string = String(cString: name)
        let index = (attribute ? schema.attributeIndex[type][string] : schema.elementIndex[type][string]) ?? -1
        state.memberCache[slot] = .init(name: name, type: type, attribute: attribute, index: index)
        return index
    }

    /// Hands `body` an attribute value with libxml2's leftover character references decoded
    /// (SAX2 without entity substitution delivers `&amp;` as `&#38;`).
    func withAttributeValue(
        start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let raw = UnsafeBufferPointer(start: start, count: end - start)
        guard raw.count <= configuration.limits.maxTextBytes else {
            textLimitExceeded()
            return
        }
        // memchr scans many bytes per step; most values hold no reference at all.
        guard memchr(start, Int32(UInt8(ascii: "&")), raw.count) != nil else {
            body(raw)
            return
        }
        state.scratch.removeAll(keepingCapacity: true)
        CharacterReferences.decode(raw, into: &state.scratch)
        state.scratch.withUnsafeBufferPointer(body)
    }

    static func equals(_ name: UnsafePointer<UInt8>, _ string: String) -> Bool {
        var index = 0
        for byte in string.utf8 {
            guard name[index] == byte else { return false }
            index += 1
        }
        return name[index] == 0
    }

    func noteUnknown(_ name: String) {
        statistics.unknownNodes += 1
        if unknownNames.count < 16, !unknownNames.contains(name) { unknownNames.append(name) }
    }

    /// ``noteUnknown(_:)-(String)`` for a libxml2 name; makes a `String` only while names are still recorded.
    func noteUnknown(_ name: UnsafePointer<UInt8>) {
        if unknownNames.count < 16 {
            noteUnknown(String(cString: name))
        } else {
            statistics.unknownNodes += 1
        }
    }

    func textLimitExceeded() {
        fail(TranslateError(.textLimitExceeded, "a text or attribute value is longer than \(configuration.limits.maxTextBytes) bytes"))
    }
}
