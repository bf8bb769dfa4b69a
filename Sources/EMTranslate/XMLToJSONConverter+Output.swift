import EMSchema

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output and lookup helpers shared by the event handlers: keys with their commas, scalar values,
/// the member cache, attribute values, statistics and limit failures.
extension XMLToJSONConverter {
    func writeKey(_ key: [UInt8]) {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
        writer.appendKey(key)
    }

    /// Writes a scalar value; only links reach the rewriter (copying the optional rewriter for
    /// every value would retain and release its storage each time).
    @inline(__always) func appendValue(_ value: UnsafeBufferPointer<UInt8>, as scalar: Member.Scalar, isLink: Bool) {
        if isLink && rewritesLinks {
            writer.appendScalar(value, as: scalar, isLink: true, rewriter: configuration.linkRewriter)
        } else {
            writer.appendScalar(value, as: scalar, isLink: false, rewriter: nil)
        }
    }

    /// Whether a NUL-terminated name is `Href` (unknown attributes named so are links too).
    @inline(__always) static func isHref(_ name: UnsafePointer<UInt8>) -> Bool {
        name[0] == UInt8(ascii: "H") && name[1] == UInt8(ascii: "r") && name[2] == UInt8(ascii: "e")
            && name[3] == UInt8(ascii: "f") && name[4] == 0
    }

    /// Writes a schema member's key, prepared as `"Key":` bytes in the ``TranslationSchema``.
    @inline(__always) func writeKey(_ info: TranslationSchema.MemberInfo) {
        let top = state.frames.count - 1
        if state.frames[top].needsComma { writer.append(UInt8(ascii: ",")) }
        state.frames[top].needsComma = true
        writer.append(bytes: UnsafeBufferPointer(rebasing: schema.quotedKeys[info.keyStart..<(info.keyStart + info.keyCount)]))
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
    func memberIndex(type: Int, name: UnsafePointer<UInt8>, attribute: Bool) -> Int {
        // libxml2 packs interned names a few bytes apart, so mix every pointer bit (Fibonacci
        // hashing: multiply, keep the top bits) rather than dropping low ones.
        let key = UInt64(UInt(bitPattern: name)) &+ UInt64(type) &* 0x1_0000_01B3 &+ (attribute ? 1 << 40 : 0)
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - ConversionState.memberCacheBits))
        let entry = state.memberCache[slot]
        if entry.name == name, entry.type == type, entry.attribute == attribute { return entry.index }
        let string = String(cString: name)
        var index = (attribute ? schema.attributeIndex[type][string] : schema.elementIndex[type][string]) ?? -1
        if index < 0, !attribute, let other = schema.attributeIndex[type][string] {
            // EM sometimes writes as an element what its schema has as an attribute (a subtenant's
            // `Id`): a single scalar member is the same datum either way, and taking it keeps the
            // key unique (no second `"Id": null`). An attribute named like an element member is
            // not taken: the element may follow, and the member is the element's.
            let member = schema.model.types[type].members[other]
            if case .scalar = member.value, member.shape == .single { index = other }
        }
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

    /// Refuses a member that appears twice in one element: JSON objects hold a key once (RFC
    /// 8259 §4), and the first value has already streamed out.
    func duplicateMember(type: Int, member: Int) {
        let typeName = schema.model.types[type].name
        let name = schema.model.types[type].members[member].xmlName
        fail(TranslateError(.schemaMismatch, "\(name) appears more than once in one \(typeName) (not together as a list)"))
    }

    func textLimitExceeded() {
        fail(TranslateError(.textLimitExceeded, "a text or attribute value is longer than \(configuration.limits.maxTextBytes) bytes"))
    }
}
