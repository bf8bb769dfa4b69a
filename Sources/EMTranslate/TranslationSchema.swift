public import EMSchema

/// A ``SchemaModel`` prepared for translation: JSON keys as bytes and name lookups per type.
///
/// Build one at start-up and share it: it is immutable and `Sendable`, and every converter reads it.
///
/// ```swift
/// let schema = TranslationSchema(model: .builtIn)
/// let converter = XMLToJSONConverter(schema: schema)
/// ```
public final class TranslationSchema: Sendable {
    /// The compiled schema this was built from.
    public let model: SchemaModel
    /// `[type][member]` → the member's JSON key as UTF-8.
    let keys: [[[UInt8]]]
    /// `[type]` → element local name → member index.
    let elementIndex: [[String: Int]]
    /// `[type]` → attribute local name → member index.
    let attributeIndex: [[String: Int]]
    /// `[type]` → index of the text (`Value`) member, or -1.
    let textMember: [Int]
    /// `[type]` → whether the type is one of EM's list wrappers (one repeated element member).
    let isListType: [Bool]

    /// Prepares `model` for translation.
    /// - Parameter model: the compiled schema (usually ``SchemaModel/builtIn``).
    public init(model: SchemaModel) {
        self.model = model
        var keys: [[[UInt8]]] = []
        var elementIndex: [[String: Int]] = []
        var attributeIndex: [[String: Int]] = []
        var textMember: [Int] = []
        var isListType: [Bool] = []
        for type in model.types {
            keys.append(type.members.map { Array($0.jsonName.utf8) })
            var elements: [String: Int] = [:]
            var attributes: [String: Int] = [:]
            var text = -1
            for (index, member) in type.members.enumerated() {
                switch member.kind {
                case .element: if elements[member.xmlName] == nil { elements[member.xmlName] = index }
                case .attribute: if attributes[member.xmlName] == nil { attributes[member.xmlName] = index }
                case .text: if text < 0 { text = index }
                }
            }
            elementIndex.append(elements)
            attributeIndex.append(attributes)
            textMember.append(text)
            isListType.append(type.isListType)
        }
        self.keys = keys
        self.elementIndex = elementIndex
        self.attributeIndex = attributeIndex
        self.textMember = textMember
        self.isListType = isListType
    }

    /// The built-in schema compiled from `openapi/em-gateway.yaml`.
    public static let builtIn = TranslationSchema(model: .builtIn)
}
