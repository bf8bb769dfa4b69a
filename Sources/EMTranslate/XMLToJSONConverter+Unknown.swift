import EMSchema

/// Elements the schema does not know, converted by plain rules while they stream: attributes and
/// children become properties, adjacent same-named children an array, text a string, text beside
/// attributes `Value`, text between child elements `#text`.
///
/// Nothing is buffered as a tree. The only look-ahead plain rules need is whether a child is
/// alone or the first of several: the first child of a run is written as a lone value
/// (`"Name":…`) but held back (a ``ConversionState/Hold`` at the position after the colon); when a
/// sibling of the same name follows, `[` is inserted there, else the output is released as it
/// is, so the common case moves no bytes. A held child that outgrows ``Limits/maxBufferedBytes``
/// is released as a single value (see ``releaseOversizedHolds()``), so a large unknown collection
/// streams with memory bounded by that limit.
extension XMLToJSONConverter {
    /// Opens a generic frame for an unknown element whose key (if any) is already decided.
    func openGeneric(attributeCount: Int, attributes: Attributes) {
        var frame = ConversionState.Frame(kind: .generic, seenBase: state.seen.count, textStart: state.text.count)
        frame.isObject = attributeCount > 0
        if attributeCount > 0 { frame.outputStart = writer.count }
        state.push(frame)
        guard attributeCount > 0, let attributes else { return }
        holdFrameOutput()
        writer.append(UInt8(ascii: "{"))
        for index in 0..<attributeCount {
            guard let name = attributes[index * 5], let start = attributes[index * 5 + 3], let end = attributes[index * 5 + 4]
            else { continue }
            // Two attributes of one local name (other namespaces) are grouped like children.
            if state.innermostHasUnknownName(name) { state.frames[state.frames.count - 1].needsRegroup = true }
            state.unknownNames.append(name)
            withAttributeValue(start: start, end: end) { value in
                writeKey(cString: name)
                appendValue(value, as: .string, isLink: Self.isHref(name))
            }
        }
    }

    /// A child element the schema does not know starts inside the innermost frame (a schema
    /// object or a generic frame): continue or start its run, then open it.
    func startUnknownChild(_ name: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes) {
        let top = state.frames.count - 1
        if case .generic = state.frames[top].kind, !state.frames[top].hasChildren {
            if !state.frames[top].isObject {
                state.frames[top].outputStart = writer.count
                writer.append(UInt8(ascii: "{"))
                state.frames[top].isObject = true
                holdFrameOutput()
            }
            state.frames[top].hasChildren = true
            let textStart = state.frames[top].textStart
            if state.text.count > textStart {
                let blank = state.text.withUnsafeBufferPointer { XMLText.isBlank(UnsafeBufferPointer(rebasing: $0[textStart...])) }
                if blank { state.text.truncate(to: textStart) } else { state.frames[top].mixedText = true }
            }
        }
        if case .object = state.frames[top].kind { holdObjectOutput() }
        if state.frames[top].runName == name {
            switch state.frames[top].runMode {
            case .held:
                releaseHold(array: true)
                writer.append(UInt8(ascii: ","))
                state.frames[top].runMode = .array
            case .array:
                writer.append(UInt8(ascii: ","))
            case .single:
                fail(
                    TranslateError(
                        .bufferLimitExceeded,
                        "an element unknown to the schema repeats after its first occurrence outgrew \(configuration.limits.maxBufferedBytes) bytes"
                    ))
                return
            case .none:
                startRun(name, in: top)
            }
        } else {
            closeRun(top)
            if state.innermostHasUnknownName(name) {
                markRegroup()
                guard failure == nil else { return }
            }
            startRun(name, in: top)
        }
        openGeneric(attributeCount: attributeCount, attributes: attributes)
    }

    private func startRun(_ name: UnsafePointer<UInt8>, in frame: Int) {
        state.frames[frame].runName = name
        state.frames[frame].runMode = .held
        if state.frames[frame].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[frame].needsComma = true
        writer.appendKey(cString: name)
        state.holds.append(.init(offset: writer.count, frame: frame))
    }

    /// Ends the run of unknown children in frame `index`: a held lone child gets its key, an open array its `]`.
    func closeRun(_ index: Int) {
        switch state.frames[index].runMode {
        case .none: return
        case .held: releaseHold(array: false)
        case .array: writer.append(UInt8(ascii: "]"))
        case .single: break
        }
        // Only the innermost frame has a run, so its names are the top of the shared list.
        if let name = state.frames[index].runName { state.unknownNames.append(name) }
        state.frames[index].runMode = .none
        state.frames[index].runName = nil
    }

    /// Closes a generic frame: its run, its text (`Value`, `#text`, or the whole value), `}`.
    func closeGeneric(_ frame: ConversionState.Frame) {
        closeRun(state.frames.count - 1)
        state.text.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[frame.textStart...])
            if !frame.isObject {
                writer.appendString(text)
                return
            }
            if frame.hasChildren {
                if frame.mixedText {
                    statistics.mixedText += 1
                    writeKey(Self.mixedTextKey)
                    writer.appendString(XMLText.trimmed(text))
                }
            } else if !XMLText.isBlank(text) {
                writeKey(Self.valueKey)
                writer.appendString(text)
            }
        }
        if frame.isObject { writer.append(UInt8(ascii: "}")) }
        state.text.truncate(to: frame.textStart)
        finishHeldFrame()
        state.popFrame()
        if frame.closesUnknownObject { writer.append(UInt8(ascii: "}")) }
    }

    /// Holds the innermost frame's output from its `{` until it closes (within the buffer limit),
    /// in case an unknown name comes back after another: its occurrences are then grouped. Placed
    /// when the `{` is written, so what is grouped never depends on how the XML was chunked.
    func holdFrameOutput() {
        let top = state.frames.count - 1
        state.frames[top].holdsOutput = true
        state.holds.append(.init(offset: state.frames[top].outputStart, frame: top, isFrameStart: true))
    }

    /// Ends the innermost frame's frame-start hold, if it has one, first grouping the occurrences
    /// of unknown names that came back after another name (`{"Foo":1,"Bar":2,"Foo":3}` becomes
    /// `{"Foo":[1,3],"Bar":2}`; an attribute and a child of one name likewise). The frame's JSON is
    /// complete at this point, so it is re-read and written again; that happens only for such
    /// frames, and only while their output is held (up to ``Limits/maxBufferedBytes``: a name that
    /// comes back after that fails the conversion, see ``markRegroup()``).
    func finishHeldFrame() {
        let frame = state.frames[state.frames.count - 1]
        guard frame.holdsOutput else { return }
        if let last = state.holds.last, last.isFrameStart, last.frame == state.frames.count - 1 {
            state.holds.removeLast()
        }
        guard frame.needsRegroup, frame.outputStart >= 0 else { return }
        let start = frame.outputStart
        // A generic frame's held output is the whole object; a schema object's starts at its first
        // unknown member (after a comma when members came before), and ends with its `}`.
        var held = Array(UnsafeBufferPointer(start: writer.base + start, count: writer.count - start))
        let isMemberTail: Bool
        if case .object = frame.kind { isMemberTail = true } else { isMemberTail = false }
        let leadingComma = isMemberTail && held.first == UInt8(ascii: ",")
        if isMemberTail { held = [UInt8(ascii: "{")] + held.dropFirst(leadingComma ? 1 : 0) }
        var grouped: [UInt8]
        do {
            grouped = try held.withUnsafeBufferPointer { bytes in
                var parser = JSONParser(bytes: bytes, maxDepth: Int.max)
                parser.allowsDuplicateNames = true
                return JSONValueText.bytes(Self.grouped(try parser.parseDocument()))
            }
        } catch {
            return  // cannot happen for the converter's own output; keep it as written
        }
        if isMemberTail { grouped = (leadingComma ? [UInt8(ascii: ",")] : []) + grouped.dropFirst() }
        writer.truncate(to: start)
        writer.append(grouped)
    }

    /// An object's properties with each name once, in first-occurrence order; a name that occurred
    /// more than once gets an array of all its values (arrays of adjacent runs flattened into it).
    /// The reserved `#unknown` objects are merged into one, whose names are grouped the same way.
    static func grouped(_ value: JSONValue) -> JSONValue {
        guard case .object(let properties) = value else { return value }
        var order: [String] = []
        var values: [String: [JSONValue]] = [:]
        for property in properties {
            if values[property.name] == nil { order.append(property.name) }
            values[property.name, default: []].append(property.value)
        }
        let merged = order.map { name -> JSONValue.Property in
            let occurrences = values[name]!
            if name == String(decoding: unknownKey, as: UTF8.self) {
                let members = occurrences.flatMap { value -> [JSONValue.Property] in
                    if case .object(let members) = value { return members }
                    return []
                }
                return .init(name: name, value: grouped(.object(members)))
            }
            guard occurrences.count > 1 else { return .init(name: name, value: occurrences[0]) }
            let items = occurrences.flatMap { value -> [JSONValue] in
                if case .array(let items) = value { return items }
                return [value]
            }
            return .init(name: name, value: .array(items))
        }
        return .object(merged)
    }

    /// Releases the innermost held child: as it is (a lone value), or with `[` inserted in front
    /// of it when a sibling of the same name follows.
    private func releaseHold(array: Bool) {
        let hold = state.holds.removeLast()
        if array { writer.insert(UInt8(ascii: "["), at: hold.offset) }
    }

    /// Releases held output that outgrew ``Limits/maxBufferedBytes``, outermost first, as single
    /// values (a later sibling of the same name then fails the conversion).
    func releaseOversizedHolds() {
        while let hold = state.holds.first, writer.count - hold.offset > configuration.limits.maxBufferedBytes {
            state.holds.removeFirst()
            if hold.isFrameStart {
                state.frames[hold.frame].holdsOutput = false
                state.frames[hold.frame].holdReleased = true
                state.frames[hold.frame].outputStart = -1
            } else {
                state.frames[hold.frame].runMode = .single
            }
        }
    }

    /// The number of output bytes that may be handed out (everything before the first hold).
    var releasableBytes: Int { state.holds.first?.offset ?? writer.count }

    /// Shifts hold offsets after `count` bytes were taken from the front of the output.
    func outputTaken(_ count: Int) {
        for index in state.holds.indices { state.holds[index].offset -= count }
        for index in state.frames.indices where state.frames[index].outputStart >= 0 {
            let start = state.frames[index].outputStart - count
            state.frames[index].outputStart = start >= 0 ? start : -1
        }
    }

    /// Writes `"name":` (with a comma when needed) for a name from libxml2.
    func writeKey(cString name: UnsafePointer<UInt8>) {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
        writer.appendKey(cString: name)
    }

    static let valueKey = Array("Value".utf8)
    static let mixedTextKey = Array("#text".utf8)
    /// The reserved key of the object holding unknown attributes and elements named like schema members.
    static let unknownKey = Array("#unknown".utf8)
}
