/// The converter's working state between SAX events: a stack of open JSON containers, the
/// members seen in each open object, text being collected, and output held back while the
/// converter learns whether an unknown element repeats.
struct ConversionState {
    /// What an open element is, as far as the JSON output goes.
    enum FrameKind {
        /// A JSON object of a schema type (index into the model's types).
        case object(type: Int)
        /// A scalar element: member `member` of type `type` (its text is collected).
        case scalar(type: Int, member: Int)
        /// A wrapped list (`<Links>`): member `member` of type `type`; its items become a bare array.
        case wrapped(type: Int, member: Int)
        /// An element the schema does not know, converted by plain rules as it streams.
        case generic
    }

    /// Where an open element stands with a run of same-named children the schema does not know.
    ///
    /// Plain rules make repeated siblings an array and a lone child a value, so the first child of
    /// a run is written into held-back output (a ``Hold``) until the next sibling shows which.
    enum RunMode {
        /// No run open.
        case none
        /// One child written and held back; its key is not written yet.
        case held
        /// Two or more: the array is open.
        case array
        /// The first child outgrew ``XMLToJSONConverter/Limits/maxBufferedBytes`` and was released as a single value.
        case single
    }

    /// One open element with JSON output in progress.
    struct Frame {
        var kind: FrameKind
        /// Where this frame's member flags start in ``ConversionState/seen``.
        var seenBase: Int
        /// Whether the next key or item needs a comma first.
        var needsComma = false
        /// The repeated member whose JSON array is open, or -1.
        var openRepeated = -1
        /// Where this element's text starts in ``ConversionState/text``.
        var textStart: Int
        /// Whether non-blank text appeared between child elements.
        var mixedText = false
        /// Generic frames: whether `{` is written (attributes or children seen); until then it may still be a string.
        var isObject = true
        /// Generic frames: whether a child element was seen.
        var hasChildren = false
        /// The name of the unknown children in the current run (libxml2's interned pointer), if any.
        var runName: UnsafePointer<UInt8>? = nil
        /// The state of that run.
        var runMode = RunMode.none
        /// Where this frame's held output starts in the writer's bytes (shifted as output is
        /// taken), or -1: a generic frame's `{`, or a schema object's first unknown member.
        var outputStart = -1
        /// Whether a frame-start ``Hold`` keeps this frame's output from ``outputStart`` in the
        /// writer, so same-named unknown children that are not adjacent can be grouped.
        var holdsOutput = false
        /// Where this frame's names start in ``ConversionState/unknownNames`` (set by ``ConversionState/push(_:)``).
        var unknownNamesBase = 0
        /// Whether an unknown child repeated a name seen before, not adjacently: regroup at close.
        var needsRegroup = false
        /// Whether this frame's frame-start hold outgrew the buffer limit and was released: a
        /// name that comes back can no longer be grouped.
        var holdReleased = false
        /// Whether this frame wrote an `#unknown` object (a second one is merged into the first at close).
        var wroteUnknownObject = false
        /// Generic frames: whether closing it also closes the `#unknown` object its parent opened for it.
        var closesUnknownObject = false

        init(kind: FrameKind, seenBase: Int, textStart: Int) {
            self.kind = kind
            self.seenBase = seenBase
            self.textStart = textStart
        }
    }

    /// Output not yet released: from `offset` in the writer's bytes, the first child of a run in
    /// frame `frame`, whose key is inserted at `offset` once the run's shape is known.
    struct Hold {
        var offset: Int
        var frame: Int
        /// Whether this holds frame `frame`'s whole output (from its `{`) rather than a run's first child.
        var isFrameStart = false
    }

    /// One slot of the per-document member cache (see `memberIndex`).
    struct MemberCacheEntry {
        var name: UnsafePointer<UInt8>? = nil
        var type = -1
        var attribute = false
        var index = -1
    }

    /// Slots in the member cache: 2^7 (an EM document uses a few dozen type and name pairs; a
    /// converter is made per response, so the cache stays small to set up).
    static let memberCacheBits = 7
    static let memberCacheSize = 1 << memberCacheBits

    var frames: [Frame] = []
    /// The innermost frames' names of finished runs of unknown children and (generic frames) of
    /// attributes, each frame's from its ``Frame/unknownNamesBase``. Kept outside the frames so a
    /// frame is plain data: pushing and popping one costs no reference counting.
    var unknownNames: [UnsafePointer<UInt8>] = []
    var seen: [Bool] = []
    var text: [UInt8] = []
    var depth = 0
    var documentComplete = false
    /// Where the root element's end tag ends, in bytes of the document (libxml2's count), once it has.
    var rootEnd = -1
    /// Held-back output, outermost first.
    var holds: [Hold] = []
    var memberCache = [MemberCacheEntry](repeating: .init(), count: memberCacheSize)
    var scratch: [UInt8] = []

    /// Opens `frame` as the innermost frame.
    mutating func push(_ frame: Frame) {
        var frame = frame
        frame.unknownNamesBase = unknownNames.count
        frames.append(frame)
    }

    /// Closes the innermost frame, forgetting its unknown names.
    mutating func popFrame() {
        unknownNames.truncate(to: frames[frames.count - 1].unknownNamesBase)
        frames.removeLast()
    }

    /// Whether the innermost frame has seen `name` as an attribute or a finished run.
    func innermostHasUnknownName(_ name: UnsafePointer<UInt8>) -> Bool {
        guard let base = frames.last?.unknownNamesBase, unknownNames.count > base else { return false }
        return unknownNames[base...].contains(name)
    }

}

extension Array {
    /// Drops the elements from `count` on; nothing when there are none. Truncation runs for
    /// every element a converter closes, and `removeSubrange` goes through the generic
    /// `replaceSubrange` even when the range is empty.
    @inline(__always) mutating func truncate(to count: Int) {
        guard self.count > count else { return }
        if self.count - count == 1 { removeLast() } else { removeSubrange(count...) }
    }
}
