import EMSchema
import TestSupport

/// What an XML request body must look like after XML → JSON → XML, derived from the original by
/// the schema alone: members the schema marks read-only are gone (the writer drops them),
/// typed scalars are in their canonical XML Schema form (`True` → `true`, `+007` → `7`, as the
/// XML → JSON converter reads them), and empty typed scalars are gone (the converter reads them
/// as `null`). Everything else — names, order, text, attributes — must survive unchanged.
enum SchemaCanonicalForm {
    static func normalize(_ node: XMLNode, type: SchemaModel.TypeID, model: SchemaModel) {
        let complex = model.types[type]
        for (name, value) in node.attributes {
            guard let index = complex.memberIndex(xmlName: name, kind: .attribute) else { continue }
            let member = complex.members[index]
            if member.isReadOnly {
                node.attributes[name] = nil
            } else if case .scalar(let scalar) = member.value {
                node.attributes[name] = canonical(value, scalar) ?? value
            }
        }
        if let index = complex.textMemberIndex, case .scalar(let scalar) = complex.members[index].value, node.children.isEmpty {
            node.text = canonical(node.text, scalar) ?? node.text
        }
        node.children = node.children.compactMap { child in
            guard let index = complex.memberIndex(xmlName: child.name, kind: .element) else { return child }
            let member = complex.members[index]
            if member.isReadOnly { return nil }
            if case .wrapped(let item) = member.shape {
                child.children = child.children.compactMap { $0.name == item ? normalizeValue($0, member.value, model: model) : $0 }
                return child
            }
            return normalizeValue(child, member.value, model: model)
        }
    }

    private static func normalizeValue(_ node: XMLNode, _ value: Member.Value, model: SchemaModel) -> XMLNode? {
        switch value {
        case .complex(let type):
            normalize(node, type: type, model: model)
            return node
        case .scalar(.string):
            return node
        case .scalar(let scalar):
            guard node.children.isEmpty else { return node }
            if node.text.trimmingWhitespace.isEmpty { return nil }
            node.text = canonical(node.text, scalar) ?? node.text
            return node
        }
    }

    /// The canonical lexical form of a typed scalar, or `nil` to leave it as it is.
    private static func canonical(_ text: String, _ scalar: Member.Scalar) -> String? {
        let trimmed = text.trimmingWhitespace
        switch scalar {
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "1": return "true"
            case "false", "0": return "false"
            default: return nil
            }
        case .integer:
            var digits = Substring(trimmed)
            var sign = ""
            if digits.first == "-" {
                sign = "-"
                digits = digits.dropFirst()
            } else if digits.first == "+" {
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            let stripped = digits.drop { $0 == "0" }
            return stripped.isEmpty ? "0" : sign + stripped
        case .number, .string:
            return nil
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[start...end])
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
