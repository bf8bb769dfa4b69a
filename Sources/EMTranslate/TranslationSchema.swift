public import EMSchema

/// A ``SchemaModel`` prepared for translation: JSON keys as ready-made bytes, member facts in
/// flat tables, and name lookups per type.
///
/// Build one at start-up and share it: it is immutable and `Sendable`, and every converter reads it.
///
/// ```swift
/// let schema = TranslationSchema(model: .builtIn)
/// let converter = XMLToJSONConverter(schema: schema)
/// ```
// Safe as @unchecked Sendable: every stored property is set in init and never written again;
// the tables below are plain memory this object owns and frees in deinit.
public final class TranslationSchema: @unchecked Sendable {
    /// What the converter needs to know of one member, without touching the model's `String`s
    /// (reading a ``Member`` copies two strings: retain and release on every element).
    struct MemberInfo: Sendable {
        enum Shape: Sendable { case single, repeated, wrapped }
        /// Where the member's `"Key":` starts in ``TranslationSchema/quotedKeys``, and its length.
        var keyStart: Int
        var keyCount: Int
        var shape: Shape
        /// The complex type of the value, or -1 for a scalar.
        var complexType: Int
        /// The scalar type (meaningful when ``complexType`` is -1).
        var scalar: Member.Scalar
        var isLink: Bool
        /// Left out of the JSON when the XML lacks it (``Member/isOmittedWhenAbsent``), not `null`.
        var isOmittedWhenAbsent: Bool
        /// Wrapped lists: where the item element's name starts in ``TranslationSchema/itemNames`` (NUL-terminated).
        var itemNameStart: Int
    }

    /// The compiled schema this was built from.
    public let model: SchemaModel
    // The tables the converter reads for every element and attribute are plain memory, not
    // arrays: an array stored in a class costs a retain and a release of its buffer on each
    // access from the SAX callbacks, about a tenth of `convert`'s cycles.

    /// `[type]` → index of the type's first member in ``members``.
    let memberBase: UnsafeBufferPointer<Int>
    /// Every type's members, type after type.
    let members: UnsafeBufferPointer<MemberInfo>
    /// Every member's JSON key as `"Key":` (escaped per RFC 8259), back to back.
    let quotedKeys: UnsafeBufferPointer<UInt8>
    /// Item element names of wrapped lists, each followed by a NUL byte.
    let itemNames: UnsafeBufferPointer<UInt8>
    /// `[type]` → element local name → member index.
    let elementIndex: [[String: Int]]
    /// `[type]` → attribute local name → member index.
    let attributeIndex: [[String: Int]]
    /// `[type]` → the JSON keys of the type's members: an unknown attribute or element of such a
    /// name goes under `#unknown` rather than repeat the member's key.
    let memberKeys: [Set<String>]
    /// `[type]` → index of the text (`Value`) member, or -1.
    let textMember: UnsafeBufferPointer<Int>
    /// `[type]` → whether the type is one of EM's list wrappers (one repeated element member).
    let isListType: UnsafeBufferPointer<Bool>

    /// Prepares `model` for translation.
    /// - Parameter model: the compiled schema (usually ``SchemaModel/builtIn``).
    public init(model: SchemaModel) {
        self.model = model
        var memberBase: [Int] = []
        var members: [MemberInfo] = []
        let keyWriter = JSONWriter(capacity: 4096)
        var itemNames: [UInt8] = []
        var elementIndex: [[String: Int]] = []
        var attributeIndex: [[String: Int]] = []
        var memberKeys: [Set<String>] = []
        var textMember: [Int] = []
        var isListType: [Bool] = []
        for type in model.types {
            memberBase.append(members.count)
            var elements: [String: Int] = [:]
            var attributes: [String: Int] = [:]
            var text = -1
            for (index, member) in type.members.enumerated() {
                let keyStart = keyWriter.count
                keyWriter.appendKey(Array(member.jsonName.utf8))
                var info = MemberInfo(
                    keyStart: keyStart, keyCount: keyWriter.count - keyStart, shape: .single, complexType: -1,
                    scalar: .string, isLink: member.isLink, isOmittedWhenAbsent: member.isOmittedWhenAbsent,
                    itemNameStart: -1)
                switch member.shape {
                case .single: info.shape = .single
                case .repeated: info.shape = .repeated
                case .wrapped(let item):
                    info.shape = .wrapped
                    info.itemNameStart = itemNames.count
                    itemNames += Array(item.utf8) + [0]
                }
                switch member.value {
                case .scalar(let scalar): info.scalar = scalar
                case .complex(let child): info.complexType = child
                }
                members.append(info)
                switch member.kind {
                case .element: if elements[member.xmlName] == nil { elements[member.xmlName] = index }
                case .attribute: if attributes[member.xmlName] == nil { attributes[member.xmlName] = index }
                case .text: if text < 0 { text = index }
                }
            }
            memberKeys.append(Set(type.members.map(\.jsonName)))
            elementIndex.append(elements)
            attributeIndex.append(attributes)
            textMember.append(text)
            isListType.append(type.isListType)
        }
        self.memberBase = Self.table(memberBase)
        self.members = Self.table(members)
        self.quotedKeys = Self.table(keyWriter.bytes)
        self.itemNames = Self.table(itemNames)
        self.elementIndex = elementIndex
        self.attributeIndex = attributeIndex
        self.memberKeys = memberKeys
        self.textMember = Self.table(textMember)
        self.isListType = Self.table(isListType)
    }

    deinit {
        for table in [
            UnsafeRawPointer(memberBase.baseAddress), UnsafeRawPointer(members.baseAddress), UnsafeRawPointer(quotedKeys.baseAddress),
            UnsafeRawPointer(itemNames.baseAddress), UnsafeRawPointer(textMember.baseAddress), UnsafeRawPointer(isListType.baseAddress),
        ] {
            UnsafeMutableRawPointer(mutating: table)?.deallocate()
        }
    }

    /// A copy of `array` in memory of its own (trivial elements only; freed in deinit).
    private static func table<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: max(array.count, 1))
        memory.initialize(from: array, count: array.count)
        return UnsafeBufferPointer(start: memory, count: array.count)
    }

    /// The built-in schema compiled from `openapi/em-gateway.yaml`.
    public static let builtIn = TranslationSchema(model: .builtIn)

    /// The facts of member `member` of type `type`.
    @inline(__always) func info(_ type: Int, _ member: Int) -> MemberInfo { members[memberBase[type] + member] }

    /// The number of members of type `type`.
    @inline(__always) func memberCount(_ type: Int) -> Int {
        (type + 1 < memberBase.count ? memberBase[type + 1] : members.count) - memberBase[type]
    }

    /// Whether the NUL-terminated `name` is the item element name of a wrapped member.
    func isItemName(_ name: UnsafePointer<UInt8>, of info: MemberInfo) -> Bool {
        guard info.itemNameStart >= 0 else { return false }
        var index = 0
        while true {
            let expected = itemNames[info.itemNameStart + index]
            if name[index] != expected { return false }
            if expected == 0 { return true }
            index += 1
        }
    }
}
