import Yams

extension ContractRenditions {
    /// The `openapi` field of the 3.1 renditions.
    public static let openAPI31Version = "3.1.0"
    /// Where the 3.1 renditions keep an XML node type that OpenAPI 3.1 cannot state (`text`).
    public static let nodeTypeExtension = "x-em-node-type"

    /// The document rewritten as OpenAPI 3.1.
    ///
    /// The contract uses one OpenAPI 3.2 feature 3.1 lacks, the XML Object's `nodeType`. It becomes
    /// the 3.1 fields where they exist: `nodeType: attribute` → `attribute: true`,
    /// `nodeType: element` on an array → `wrapped: true` (on anything else `element` is 3.1's default
    /// and is dropped). The node types 3.1 has no field for (`text`, `cdata`, `none`) move to the
    /// extension `x-em-node-type`. The `openapi` field becomes `3.1.0`; nothing else changes (both
    /// versions use JSON Schema 2020-12).
    /// - Parameter root: the composed 3.2 document.
    /// - Returns: the 3.1 document.
    static func openAPI31(_ root: Node) -> Node {
        guard case .mapping(var mapping) = converted(root) else { return root }
        mapping["openapi"] = Node(openAPI31Version, Tag(.str), .doubleQuoted)
        return .mapping(mapping)
    }

    private static func converted(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            let isArray = isArraySchema(mapping)
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                if key.string == "xml", case .mapping(let xml) = value, xml["nodeType"]?.string != nil {
                    pairs.append((key, .mapping(legacyXML(xml, isArray: isArray))))
                } else {
                    pairs.append((key, converted(value)))
                }
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(converted), sequence.tag, sequence.style, sequence.mark))
        case .scalar, .alias:
            return node
        }
    }

    private static func isArraySchema(_ schema: Node.Mapping) -> Bool {
        if schema["items"] != nil { return true }
        switch schema["type"] {
        case .scalar(let scalar)?: return scalar.string == "array"
        case .sequence(let types)?: return types.contains { $0.string == "array" }
        default: return false
        }
    }

    private static func legacyXML(_ xml: Node.Mapping, isArray: Bool) -> Node.Mapping {
        var pairs: [(Node, Node)] = []
        for (key, value) in xml {
            guard key.string == "nodeType", let nodeType = value.string else {
                pairs.append((key, value))
                continue
            }
            switch nodeType {
            case "attribute": pairs.append((Node("attribute"), Node("true")))
            case "element": if isArray { pairs.append((Node("wrapped"), Node("true"))) }
            default: pairs.append((Node(nodeTypeExtension), value))
            }
        }
        return Node.Mapping(pairs, xml.tag, xml.style, xml.mark)
    }
}
