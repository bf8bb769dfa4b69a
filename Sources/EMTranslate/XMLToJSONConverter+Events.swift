import EMSchema

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
        if !state.capture.isEmpty {
            captureStart(localname, attributeCount: attributeCount, attributes: attributes)
            return
        }
        guard let top = state.frames.last else {
            let name = String(cString: localname)
            if let type = schema.model.rootType(forElement: name) {
                openObject(type: type, attributeCount: attributeCount, attributes: attributes)
            } else {
                noteUnknown(name)
                state.captureTarget = .document
                captureStart(localname, attributeCount: attributeCount, attributes: attributes)
            }
            return
        }
        switch top.kind {
        case .object(let type):
            let member = memberIndex(type: type, name: localname, attribute: false)
            guard member >= 0 else {
                let name = String(cString: localname)
                if let pending = state.pendingName, pending != name { flushPending() }
                closeOpenRepeated()
                noteUnknown(name)
                state.captureTarget = .property
                captureStart(localname, attributeCount: attributeCount, attributes: attributes)
                return
            }
            flushPending()
            let shape = schema.model.types[type].members[member].shape
            if shape == .repeated {
                if top.openRepeated == member {
                    writer.append(UInt8(ascii: ","))
                } else {
                    closeOpenRepeated()
                    writeKey(schema.keys[type][member])
                    writer.append(UInt8(ascii: "["))
                    state.frames[state.frames.count - 1].openRepeated = member
                }
            } else {
                closeOpenRepeated()
                writeKey(schema.keys[type][member])
            }
            state.seen[top.seenBase + member] = true
            if case .wrapped = shape {
                writer.append(UInt8(ascii: "["))
                if attributeCount > 0 { noteUnknown("@" + schema.model.types[type].members[member].xmlName) }
                state.frames.append(.init(kind: .wrapped(type: type, member: member), seenBase: state.seen.count, textStart: state.text.count))
            } else {
                openValue(type: type, member: member, localname: localname, attributeCount: attributeCount, attributes: attributes)
            }
        case .wrapped(let type, let member):
            writeItemComma()
            let item = schema.model.types[type].members[member]
            if case .wrapped(let itemName) = item.shape, Self.equals(localname, itemName) {
                openValue(type: type, member: member, localname: localname, attributeCount: attributeCount, attributes: attributes)
            } else {
                noteUnknown(String(cString: localname))
                state.captureTarget = .arrayItem
                captureStart(localname, attributeCount: attributeCount, attributes: attributes)
            }
        case .scalar(let type, let member):
            // A scalar element with child elements: read the whole element again as a generic subtree.
            let node = GenericNode(name: schema.model.types[type].members[member].xmlName)
            node.text = Array(state.text[top.textStart...])
            state.text.removeSubrange(top.textStart...)
            state.frames.removeLast()
            noteUnknown(node.name)
            state.captureTarget = .value
            state.capture.append(node)
            captureStart(localname, attributeCount: attributeCount, attributes: attributes)
        }
    }

    func endElement() {
        guard failure == nil else { return }
        state.depth -= 1
        if !state.capture.isEmpty {
            let node = state.capture.removeLast()
            if let parent = state.capture.last {
                parent.children.append(node)
            } else {
                deliverCapture(node)
            }
            return
        }
        guard let frame = state.frames.last else { return }
        switch frame.kind {
        case .object(let type):
            closeObject(type: type, frame: frame)
        case .scalar(let type, let member):
            let item = schema.model.types[type].members[member]
            guard case .scalar(let scalar) = item.value else { break }
            state.text.withUnsafeBufferPointer { text in
                writer.appendScalar(
                    UnsafeBufferPointer(rebasing: text[frame.textStart...]), as: scalar, isLink: item.isLink,
                    rewriter: configuration.linkRewriter)
            }
            state.text.removeSubrange(frame.textStart...)
            state.frames.removeLast()
        case .wrapped:
            writer.append(UInt8(ascii: "]"))
            state.frames.removeLast()
        }
        if state.frames.isEmpty { state.documentComplete = true }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        if let node = state.capture.last {
            node.text.append(contentsOf: bytes)
            state.bufferedBytes += bytes.count
            checkBuffered()
            if node.text.count > configuration.limits.maxTextBytes { textLimitExceeded() }
            return
        }
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
        }
        if state.text.count - top.textStart > configuration.limits.maxTextBytes { textLimitExceeded() }
    }

    // MARK: - Objects and values

    private func openObject(type: Int, attributeCount: Int, attributes: Attributes) {
        writer.append(UInt8(ascii: "{"))
        let memberCount = schema.model.types[type].members.count
        let base = state.seen.count
        state.seen.append(contentsOf: repeatElement(false, count: memberCount))
        state.frames.append(.init(kind: .object(type: type), seenBase: base, textStart: state.text.count))
        writeAttributes(type: type, attributeCount: attributeCount, attributes: attributes)
    }

    private func openValue(
        type: Int, member: Int, localname: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes
    ) {
        switch schema.model.types[type].members[member].value {
        case .complex(let child):
            openObject(type: child, attributeCount: attributeCount, attributes: attributes)
        case .scalar:
            if attributeCount > 0 {
                noteUnknown("@" + String(cString: localname))
                state.captureTarget = .value
                captureStart(localname, attributeCount: attributeCount, attributes: attributes)
            } else {
                state.frames.append(.init(kind: .scalar(type: type, member: member), seenBase: state.seen.count, textStart: state.text.count))
            }
        }
    }

    private func closeObject(type: Int, frame: ConversionState.Frame) {
        flushPending()
        closeOpenRepeated()
        let members = schema.model.types[type].members
        let textMember = schema.textMember[type]
        if textMember >= 0 {
            if state.text.count > frame.textStart || configuration.dialect.writesNulls {
                writeKey(schema.keys[type][textMember])
                guard case .scalar(let scalar) = members[textMember].value else { return }
                state.text.withUnsafeBufferPointer { text in
                    writer.appendScalar(UnsafeBufferPointer(rebasing: text[frame.textStart...]), as: scalar, isLink: false, rewriter: nil)
                }
            }
            state.seen[frame.seenBase + textMember] = true
        } else if frame.mixedText {
            statistics.mixedText += 1
            writeKey(Array("#text".utf8))
            state.text.withUnsafeBufferPointer { text in
                writer.appendString(XMLText.trimmed(UnsafeBufferPointer(rebasing: text[frame.textStart...])))
            }
        }
        let writesNulls = configuration.dialect.writesNulls
        for index in members.indices where !state.seen[frame.seenBase + index] {
            if writesNulls {
                writeKey(schema.keys[type][index])
                writer.append("null")
            } else if schema.isListType[type] {
                writeKey(schema.keys[type][index])
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
                    let item = schema.model.types[type].members[member]
                    writeKey(schema.keys[type][member])
                    if case .scalar(let scalar) = item.value {
                        writer.appendScalar(value, as: scalar, isLink: item.isLink, rewriter: configuration.linkRewriter)
                    } else {
                        writer.appendString(value)
                    }
                    state.seen[base + member] = true
                } else {
                    let key = String(cString: name)
                    noteUnknown("@" + key)
                    writeKey(Array(key.utf8))
                    writer.appendScalar(value, as: .string, isLink: key == "Href", rewriter: configuration.linkRewriter)
                }
            }
        }
    }

    // MARK: - Unknown subtrees

    private func captureStart(_ localname: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes) {
        let node = GenericNode(name: String(cString: localname))
        if state.capture.count > 0 { statistics.unknownNodes += 1 }
        if attributeCount > 0, let attributes {
            for index in 0..<attributeCount {
                guard let name = attributes[index * 5], let start = attributes[index * 5 + 3], let end = attributes[index * 5 + 4]
                else { continue }
                withAttributeValue(start: start, end: end) { value in
                    node.attributes.append((String(cString: name), Array(value)))
                    state.bufferedBytes += value.count
                }
            }
        }
        state.bufferedBytes += 64
        checkBuffered()
        state.capture.append(node)
    }

    private func deliverCapture(_ node: GenericNode) {
        switch state.captureTarget {
        case .document:
            emitGeneric(node)
            state.documentComplete = true
        case .property:
            if let pending = state.pendingName, pending != node.name { flushPending() }
            state.pendingName = node.name
            state.pendingNodes.append(node)
        case .arrayItem, .value:
            emitGeneric(node)
            state.bufferedBytes = 0
        }
    }

    private func flushPending() {
        guard let name = state.pendingName else { return }
        writeKey(Array(name.utf8))
        if state.pendingNodes.count == 1 {
            emitGeneric(state.pendingNodes[0])
        } else {
            writer.append(UInt8(ascii: "["))
            for (index, node) in state.pendingNodes.enumerated() {
                if index > 0 { writer.append(UInt8(ascii: ",")) }
                emitGeneric(node)
            }
            writer.append(UInt8(ascii: "]"))
        }
        state.pendingName = nil
        state.pendingNodes.removeAll(keepingCapacity: true)
        state.bufferedBytes = 0
    }

    /// Plain rules for what the schema does not know.
    private func emitGeneric(_ node: GenericNode) {
        let hasText = !node.text.withUnsafeBufferPointer { XMLText.isBlank($0) }
        if node.attributes.isEmpty && node.children.isEmpty {
            writer.appendString(node.text)
            return
        }
        writer.append(UInt8(ascii: "{"))
        var comma = false
        func key(_ name: String) {
            if comma { writer.append(UInt8(ascii: ",")) }
            writer.appendKey(Array(name.utf8))
            comma = true
        }
        for attribute in node.attributes {
            key(attribute.name)
            attribute.value.withUnsafeBufferPointer {
                writer.appendScalar($0, as: .string, isLink: attribute.name == "Href", rewriter: configuration.linkRewriter)
            }
        }
        var order: [String] = []
        var groups: [String: [GenericNode]] = [:]
        for child in node.children {
            if groups[child.name] == nil { order.append(child.name) }
            groups[child.name, default: []].append(child)
        }
        for name in order {
            key(name)
            let group = groups[name]!
            if group.count == 1 {
                emitGeneric(group[0])
            } else {
                writer.append(UInt8(ascii: "["))
                for (index, child) in group.enumerated() {
                    if index > 0 { writer.append(UInt8(ascii: ",")) }
                    emitGeneric(child)
                }
                writer.append(UInt8(ascii: "]"))
            }
        }
        if hasText {
            if node.children.isEmpty {
                key("Value")
                writer.appendString(node.text)
            } else {
                statistics.mixedText += 1
                key("#text")
                node.text.withUnsafeBufferPointer { writer.appendString(XMLText.trimmed($0)) }
            }
        }
        writer.append(UInt8(ascii: "}"))
    }

    // MARK: - Helpers

    private func writeKey(_ key: [UInt8]) {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
        writer.appendKey(key)
    }

    private func writeItemComma() {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
    }

    private func closeOpenRepeated() {
        let top = state.frames.count - 1
        guard top >= 0, state.frames[top].openRepeated >= 0 else { return }
        writer.append(UInt8(ascii: "]"))
        state.frames[top].openRepeated = -1
    }

    private func memberIndex(type: Int, name: UnsafePointer<UInt8>, attribute: Bool) -> Int {
        let key = ConversionState.LookupKey(type: type, name: name, attribute: attribute)
        if let cached = state.lookup[key] { return cached }
        let string = String(cString: name)
        let index = (attribute ? schema.attributeIndex[type][string] : schema.elementIndex[type][string]) ?? -1
        state.lookup[key] = index
        return index
    }

    /// Hands `body` an attribute value with libxml2's leftover character references decoded
    /// (SAX2 without entity substitution delivers `&amp;` as `&#38;`).
    private func withAttributeValue(
        start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let raw = UnsafeBufferPointer(start: start, count: end - start)
        guard raw.count <= configuration.limits.maxTextBytes else {
            textLimitExceeded()
            return
        }
        guard raw.contains(UInt8(ascii: "&")) else {
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

    private func noteUnknown(_ name: String) {
        statistics.unknownNodes += 1
        if unknownNames.count < 16, !unknownNames.contains(name) { unknownNames.append(name) }
    }

    private func checkBuffered() {
        if state.bufferedBytes > configuration.limits.maxBufferedBytes {
            fail(TranslateError(.sizeLimitExceeded, "an element unknown to the schema holds more than \(configuration.limits.maxBufferedBytes) bytes"))
        }
    }

    private func textLimitExceeded() {
        fail(TranslateError(.textLimitExceeded, "a text or attribute value is longer than \(configuration.limits.maxTextBytes) bytes"))
    }
}
