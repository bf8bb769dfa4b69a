import CLibXML2
import EMSchema

/// SAX events → JSON bytes, driven by the schema.
extension XMLToJSONConverter {
    typealias Attributes = UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    func startElement(_ localname: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes) {
        guard failure == nil else { return }
        // Holds past the buffer limit are released at events, not where chunks end, so what is
        // grouped never depends on chunking.
        defer { if !state.holds.isEmpty { releaseOversizedHolds() } }
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
            var member = memberIndex(type: type, name: localname, attribute: false)
            if member >= 0, state.seen[top.seenBase + member], schema.model.types[type].members[member].kind != .element {
                member = -1  // named like an attribute member that already has its value: unknown
            }
            guard member >= 0 else {
                closeOpenRepeated()
                noteUnknown(localname)
                if schema.memberKeys[type].contains(String(cString: localname)) {
                    startCollidingChild(localname, attributeCount: attributeCount, attributes: attributes)
                } else {
                    startUnknownChild(localname, attributeCount: attributeCount, attributes: attributes)
                }
                return
            }
            closeRun(state.frames.count - 1)
            let info = schema.info(type, member)
            // A member already written (a single element twice, a repeated one after other
            // members, an element after its attribute twice) would repeat a JSON key.
            if state.seen[top.seenBase + member], !(info.shape == .repeated && top.openRepeated == member) {
                duplicateMember(type: type, member: member)
                return
            }
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
                state.push(.init(kind: .wrapped(type: type, member: member), seenBase: state.seen.count, textStart: state.text.count))
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
        defer { if !state.holds.isEmpty { releaseOversizedHolds() } }
        state.depth -= 1
        guard let frame = state.frames.last else { return }
        switch frame.kind {
        case .object(let type):
            closeObject(type: type, frame: frame)
        case .scalar(let type, let member):
            let info = schema.info(type, member)
            state.text.withUnsafeBufferPointer { text in
                appendValue(UnsafeBufferPointer(rebasing: text[frame.textStart...]), as: info.scalar, isLink: info.isLink)
            }
            state.text.truncate(to: frame.textStart)
            state.popFrame()
        case .wrapped:
            writer.append(UInt8(ascii: "]"))
            state.popFrame()
        case .generic:
            closeGeneric(frame)
        }
        if state.frames.isEmpty {
            state.documentComplete = true
            if let parser { state.rootEnd = Int(xmlByteConsumed(parser)) }
        }
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
        state.push(.init(kind: .object(type: type), seenBase: base, textStart: state.text.count))
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
            state.push(.init(kind: .scalar(type: type, member: member), seenBase: state.seen.count, textStart: state.text.count))
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
                    writer.appendScalar(
                        UnsafeBufferPointer(rebasing: text[frame.textStart...]), as: info.scalar, isLink: false, rewriter: nil)
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
            if schema.info(type, index).isOmittedWhenAbsent { continue }
            if writesNulls {
                writeKey(schema.info(type, index))
                writer.append("null")
            } else if schema.isListType[type] {
                writeKey(schema.info(type, index))
                writer.append("[]")
            }
        }
        writer.append(UInt8(ascii: "}"))
        state.text.truncate(to: frame.textStart)
        state.seen.truncate(to: frame.seenBase)
        finishHeldFrame()
        state.popFrame()
    }

    /// Writes a schema object's attributes: members under their keys; unknown ones by plain
    /// rules, or under `#unknown` when named like a member (the member keeps its key).
    private func writeAttributes(type: Int, attributeCount: Int, attributes: Attributes) {
        guard attributeCount > 0, let attributes else { return }
        let base = state.frames[state.frames.count - 1].seenBase
        for index in 0..<attributeCount {
            guard failure == nil else { return }
            guard let name = attributes[index * 5], let start = attributes[index * 5 + 3], let end = attributes[index * 5 + 4]
            else { continue }
            let member = memberIndex(type: type, name: name, attribute: true)
            if member >= 0 {
                if state.seen[base + member] {
                    duplicateMember(type: type, member: member)
                    return
                }
                withAttributeValue(start: start, end: end) { value in
                    let info = schema.info(type, member)
                    writeKey(info)
                    if info.complexType < 0 {
                        appendValue(value, as: info.scalar, isLink: info.isLink)
                    } else {
                        writer.appendString(value)
                    }
                    state.seen[base + member] = true
                }
                continue
            }
            let string = String(cString: name)
            noteUnknown("@" + string)
            if schema.memberKeys[type].contains(string) {
                openUnknownObject()
                guard failure == nil else { return }
                writer.appendKey(cString: name)
                withAttributeValue(start: start, end: end) { value in appendValue(value, as: .string, isLink: Self.isHref(name)) }
                writer.append(UInt8(ascii: "}"))
            } else {
                holdObjectOutput()
                if state.innermostHasUnknownName(name) { markRegroup() }
                state.unknownNames.append(name)
                withAttributeValue(start: start, end: end) { value in
                    writeKey(cString: name)
                    appendValue(value, as: .string, isLink: Self.isHref(name))
                }
            }
        }
    }
}
