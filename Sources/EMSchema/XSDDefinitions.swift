/// The parts of an XSD that the overlay maps, read from an ``XSDNode`` tree: named complex and
/// simple types and root element declarations, with everything else skipped and counted.
///
/// Types are keyed by local name: EM's `RestAPI.xsd` is one schema with one target namespace.
struct XSDDefinitions {
    /// One complex type, its content flattened to members in XSD order (own members only; the
    /// base type's come from ``base``).
    struct ComplexTypeDefinition {
        /// The key in ``XSDDefinitions/complexTypes`` (a named type's name; for an anonymous
        /// type, `Owner/Element`).
        var key: String
        /// The `xs:complexContent/xs:extension` base (a complex type key), if any.
        var base: String?
        /// Elements, attributes and text content, in XSD order.
        var members: [MemberDefinition] = []
    }

    /// One attribute, element or text content of a complex type.
    struct MemberDefinition {
        /// Attribute, element or text.
        var kind: Member.Kind
        /// The XML local name (empty for text).
        var name: String
        /// Whether `maxOccurs` (the element's, or an enclosing group's) is above one.
        var isRepeated: Bool
        /// What the member holds.
        var type: TypeReference
        /// Whether a document must have it: an element with `minOccurs` of one or more in
        /// sequences that are not optional (no `xs:choice`, no `minOccurs="0"` group); an
        /// attribute with `use="required"`.
        var isRequired = false
    }

    /// What an element, attribute or text holds.
    enum TypeReference: Equatable {
        /// A scalar of the given JSON type.
        case scalar(Member.Scalar)
        /// A complex type, by its key in ``XSDDefinitions/complexTypes``.
        case complex(String)
    }

    /// EM's base of all list types (`EntityReferenceListType`, `BackupServerEntityListType`...).
    static let listTypeName = "ListType"

    /// Complex types by key (named and anonymous).
    var complexTypes: [String: ComplexTypeDefinition] = [:]
    /// Named complex types in document order.
    var complexTypeOrder: [String] = []
    /// Root element declarations (`xs:element` at the top), name → complex type key, in document order.
    var rootElements: [(name: String, type: String)] = []
    /// Constructs the overlay does not map, one description each (`xs:any in JobType`...).
    var skipped: [String] = []

    /// User simple types by name → the `restriction` base it names (resolved on use).
    private var simpleTypeBases: [String: (namespace: String, local: String)] = [:]

    /// Reads the definitions of a parsed XSD.
    /// - Parameter root: the document element; must be `xs:schema`.
    /// - Throws: ``SchemaError`` `.malformedXSD` when the root is not `xs:schema`.
    init(root: XSDNode) throws {
        guard root.isSchema("schema") else {
            throw SchemaError(.malformedXSD, "the document element is <\(root.name)>, not xs:schema in \(XSDNode.schemaNamespace)")
        }
        for node in root.schemaChildren where node.isSchema("simpleType") {
            guard let name = node.attributes["name"] else { continue }
            simpleTypeBases[name] =
                node.schemaChildren.first { $0.isSchema("restriction") }
                .flatMap { $0.attributes["base"] }.map { node.resolve($0) } ?? (XSDNode.schemaNamespace, "string")
        }
        let namedComplex = Set(root.schemaChildren.filter { $0.isSchema("complexType") }.compactMap { $0.attributes["name"] })
        self.namedComplexTypes = namedComplex
        for node in root.schemaChildren where node.namespace == XSDNode.schemaNamespace {
            switch node.name {
            case "complexType":
                guard let name = node.attributes["name"] else {
                    skipped.append("an unnamed top-level xs:complexType")
                    continue
                }
                complexTypeOrder.append(name)
                readComplexType(node, key: name)
            case "element":
                readRootElement(node)
            case "simpleType":
                break
            default:
                skipped.append("top-level xs:\(node.name)")
            }
        }
        if root.children.contains(where: { $0.namespace != XSDNode.schemaNamespace }) {
            skipped.append("top-level elements outside the XSD namespace")
        }
    }

    private let namedComplexTypes: Set<String>

    private mutating func readRootElement(_ node: XSDNode) {
        guard let name = node.attributes["name"] else {
            skipped.append("a top-level xs:element without a name")
            return
        }
        if let type = node.attributes["type"] {
            switch reference(node.resolve(type)) {
            case .complex(let key): rootElements.append((name, key))
            case .scalar: skipped.append("root element \(name) of a simple type")
            }
        } else if let inline = node.schemaChildren.first(where: { $0.isSchema("complexType") }) {
            readComplexType(inline, key: name)
            rootElements.append((name, name))
        } else {
            skipped.append("root element \(name) without a complex type")
        }
    }

    /// Reads one complex type (named or anonymous) into ``complexTypes``.
    private mutating func readComplexType(_ node: XSDNode, key: String) {
        var definition = ComplexTypeDefinition(key: key)
        for child in node.schemaChildren {
            switch child.namespace == XSDNode.schemaNamespace ? child.name : "" {
            case "sequence", "choice", "all":
                readGroup(child, repeated: false, optional: false, into: &definition)
            case "attribute":
                readAttribute(child, into: &definition)
            case "complexContent":
                readDerivation(child, simpleContent: false, into: &definition)
            case "simpleContent":
                readDerivation(child, simpleContent: true, into: &definition)
            default:
                skipped.append("xs:\(child.name) in \(key)")
            }
        }
        complexTypes[key] = definition
    }

    private mutating func readDerivation(_ node: XSDNode, simpleContent: Bool, into definition: inout ComplexTypeDefinition) {
        guard let derivation = node.schemaChildren.first, derivation.isSchema("extension"),
            let base = derivation.attributes["base"]
        else {
            skipped.append(
                "a \(simpleContent ? "simpleContent" : "complexContent") derivation other than xs:extension in \(definition.key)")
            return
        }
        let baseName = derivation.resolve(base)
        // EM's list types extend the empty `ListType`; a trimmed XSD may leave its declaration out.
        let baseReference: TypeReference =
            baseName.namespace != XSDNode.schemaNamespace && baseName.local == Self.listTypeName
            ? .complex(Self.listTypeName) : reference(baseName)
        switch baseReference {
        case .complex(let key):
            definition.base = key
        case .scalar(let scalar):
            if simpleContent {
                definition.members.append(MemberDefinition(kind: .text, name: "", isRepeated: false, type: .scalar(scalar)))
            } else {
                skipped.append("complexContent extending simple type \(base) in \(definition.key)")
            }
        }
        for child in derivation.schemaChildren {
            switch child.namespace == XSDNode.schemaNamespace ? child.name : "" {
            case "sequence", "choice", "all":
                guard !simpleContent else {
                    skipped.append("xs:\(child.name) in the simpleContent of \(definition.key)")
                    continue
                }
                readGroup(child, repeated: false, optional: false, into: &definition)
            case "attribute":
                readAttribute(child, into: &definition)
            default:
                skipped.append("xs:\(child.name) in the extension of \(definition.key)")
            }
        }
    }

    /// Reads an `xs:sequence`/`xs:choice`/`xs:all` and the groups nested in it.
    private mutating func readGroup(_ node: XSDNode, repeated: Bool, optional: Bool, into definition: inout ComplexTypeDefinition) {
        let repeated = repeated || Self.occursMoreThanOnce(node)
        let optional = optional || node.name == "choice" || Self.mayBeAbsent(node)
        for child in node.schemaChildren {
            switch child.namespace == XSDNode.schemaNamespace ? child.name : "" {
            case "sequence", "choice":
                readGroup(child, repeated: repeated, optional: optional, into: &definition)
            case "element":
                readElement(
                    child, repeated: repeated || Self.occursMoreThanOnce(child), required: !optional && !Self.mayBeAbsent(child),
                    into: &definition)
            default:
                skipped.append("xs:\(child.name) in \(definition.key)")
            }
        }
    }

    private mutating func readElement(_ node: XSDNode, repeated: Bool, required: Bool, into definition: inout ComplexTypeDefinition) {
        guard let name = node.attributes["name"] else {
            skipped.append("an xs:element without a name (ref=) in \(definition.key)")
            return
        }
        guard !definition.members.contains(where: { $0.kind == .element && $0.name == name }) else { return }
        let type: TypeReference
        if let typeName = node.attributes["type"] {
            type = reference(node.resolve(typeName))
        } else if let inline = node.schemaChildren.first(where: { $0.isSchema("complexType") }) {
            let key = "\(definition.key)/\(name)"
            readComplexType(inline, key: key)
            type = .complex(key)
        } else if let inline = node.schemaChildren.first(where: { $0.isSchema("simpleType") }) {
            type = inlineSimpleType(inline)
        } else {
            type = .scalar(.string)
        }
        definition.members.append(MemberDefinition(kind: .element, name: name, isRepeated: repeated, type: type, isRequired: required))
    }

    private mutating func readAttribute(_ node: XSDNode, into definition: inout ComplexTypeDefinition) {
        guard let name = node.attributes["name"] else {
            skipped.append("an xs:attribute without a name (ref=) in \(definition.key)")
            return
        }
        var type = TypeReference.scalar(.string)
        if let typeName = node.attributes["type"] {
            type = reference(node.resolve(typeName))
        } else if let inline = node.schemaChildren.first(where: { $0.isSchema("simpleType") }) {
            type = inlineSimpleType(inline)
        }
        guard case .scalar = type else {
            skipped.append("attribute \(name) of a complex type in \(definition.key)")
            return
        }
        guard !definition.members.contains(where: { $0.kind == .attribute && $0.name == name }) else { return }
        definition.members.append(
            MemberDefinition(
                kind: .attribute, name: name, isRepeated: false, type: type,
                isRequired: node.attributes["use"]?.trimmingXMLSpace() == "required"))
    }

    private func inlineSimpleType(_ node: XSDNode) -> TypeReference {
        guard let restriction = node.schemaChildren.first(where: { $0.isSchema("restriction") }),
            let base = restriction.attributes["base"]
        else { return .scalar(.string) }
        return reference(restriction.resolve(base))
    }

    /// What a type name refers to: a complex type of this schema, or a scalar (following user
    /// simple types' restriction bases down to an XSD built-in).
    private func reference(_ name: (namespace: String, local: String)) -> TypeReference {
        var current = name
        var seen: Set<String> = []
        while current.namespace != XSDNode.schemaNamespace {
            if namedComplexTypes.contains(current.local) { return .complex(current.local) }
            guard let base = simpleTypeBases[current.local], seen.insert(current.local).inserted else { break }
            current = base
        }
        return .scalar(Self.scalar(builtIn: current.local))
    }

    /// The JSON type of an XSD built-in type (or of EM's aliases `int`, `long`, `ushort`, `bool`
    /// when the XSD uses them without declaring them).
    static func scalar(builtIn name: String) -> Member.Scalar {
        switch name {
        case "int", "long", "short", "byte", "integer", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
            "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "ushort", "ulong", "uint":
            return .integer
        case "boolean", "bool":
            return .boolean
        case "decimal", "double", "float":
            return .number
        default:
            return .string
        }
    }

    /// Whether a particle's `maxOccurs` is `unbounded` or above one.
    /// Whether `minOccurs` is zero (absent means one).
    static func mayBeAbsent(_ node: XSDNode) -> Bool {
        node.attributes["minOccurs"]?.trimmingXMLSpace() == "0"
    }

    static func occursMoreThanOnce(_ node: XSDNode) -> Bool {
        guard let value = node.attributes["maxOccurs"]?.trimmingXMLSpace() else { return false }
        return value == "unbounded" || (Int(value) ?? 1) > 1
    }
}
