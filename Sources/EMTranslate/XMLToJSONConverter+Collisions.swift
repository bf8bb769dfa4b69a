/// Unknown names that collide: with a schema member (the member keeps its key; the unknown
/// attribute or element goes into the object's reserved `#unknown` object), or with each other
/// after other members came between (grouped under one key when the frame closes). Either way a
/// JSON object never repeats a key.
extension XMLToJSONConverter {
    /// A child element the schema does not know, named like a member of the schema object it is
    /// in (or like an attribute member that already has its value): the member keeps its key, and
    /// the child goes into the object's reserved `#unknown` object, converted by plain rules.
    func startCollidingChild(_ name: UnsafePointer<UInt8>, attributeCount: Int, attributes: Attributes) {
        closeRun(state.frames.count - 1)
        openUnknownObject()
        guard failure == nil else { return }
        writer.appendKey(cString: name)
        openGeneric(attributeCount: attributeCount, attributes: attributes)
        state.frames[state.frames.count - 1].closesUnknownObject = true
    }

    /// Writes `"#unknown":{` in the innermost (schema object) frame; a second one is merged into
    /// the first when the frame closes (``finishHeldFrame()``).
    func openUnknownObject() {
        holdObjectOutput()
        let top = state.frames.count - 1
        if state.frames[top].wroteUnknownObject {
            markRegroup()
            guard failure == nil else { return }
        }
        state.frames[top].wroteUnknownObject = true
        writeKey(Self.unknownKey)
        writer.append(UInt8(ascii: "{"))
    }

    /// Holds a schema object's output from its first unknown member (written now, so always still
    /// in the writer, however the XML was chunked), unless a hold was already released.
    func holdObjectOutput() {
        let top = state.frames.count - 1
        guard !state.frames[top].holdsOutput, !state.frames[top].holdReleased else { return }
        state.frames[top].outputStart = writer.count
        holdFrameOutput()
    }

    /// Notes that the innermost frame must regroup at close; fails when its output has already
    /// been released (past ``Limits/maxBufferedBytes``), since a JSON key must not repeat.
    func markRegroup() {
        let top = state.frames.count - 1
        guard state.frames[top].holdsOutput else {
            fail(
                TranslateError(
                    .bufferLimitExceeded,
                    "a name unknown to the schema comes back after its element's output outgrew \(configuration.limits.maxBufferedBytes) bytes"
                ))
            return
        }
        state.frames[top].needsRegroup = true
    }
}
