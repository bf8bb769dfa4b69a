/// The converter's working state between SAX events: a stack of open JSON containers, the
/// members seen in each open object, text being collected, and an unknown subtree being captured.
struct ConversionState {
    /// What an open element is, as far as the JSON output goes.
    enum FrameKind {
        /// A JSON object of a schema type (index into the model's types).
        case object(type: Int)
        /// A scalar element: member `member` of type `type` (its text is collected).
        case scalar(type: Int, member: Int)
        /// A wrapped list (`<Links>`): member `member` of type `type`; its items become a bare array.
        case wrapped(type: Int, member: Int)
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
    }

    /// Where a finished unknown subtree goes.
    enum CaptureTarget {
        /// It is the whole document (an unknown root).
        case document
        /// It is a property of the open object: group with adjacent siblings of the same name.
        case property
        /// It is an item of the open wrapped list (its comma is already written).
        case arrayItem
        /// It is the value of a key already written (a scalar element that turned out to have structure).
        case value
    }

    /// Key for the per-document member cache: libxml2 interns names in its dictionary, so one
    /// name is one pointer for the whole document.
    struct LookupKey: Hashable {
        var type: Int
        var name: UnsafePointer<UInt8>
        var attribute: Bool
    }

    var frames: [Frame] = []
    var seen: [Bool] = []
    var text: [UInt8] = []
    var depth = 0
    var documentComplete = false
    var capture: [GenericNode] = []
    var captureTarget = CaptureTarget.document
    /// Adjacent unknown siblings of the same name in the innermost object, not yet written.
    var pendingName: String?
    var pendingNodes: [GenericNode] = []
    var bufferedBytes = 0
    var lookup: [LookupKey: Int] = [:]
    var scratch: [UInt8] = []
}

/// An element the schema does not know, held until its end so that it converts losslessly by
/// plain rules (attributes and children as properties, repeated children as arrays, text as a
/// string, text beside attributes as `Value`, text between elements as `#text`).
final class GenericNode {
    let name: String
    var attributes: [(name: String, value: [UInt8])] = []
    var children: [GenericNode] = []
    var text: [UInt8] = []

    init(name: String) { self.name = name }
}
