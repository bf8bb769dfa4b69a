/// The converter's compiled view of `openapi/em-gateway.yaml`: for every EM type, its members in
/// XML order, each with its JSON name, XML name, node kind, list shape and value type.
///
/// The model is immutable and `Sendable`; it is built once at start-up from the compiled text
/// that `em-schema-compile` generates at build time (`SchemaModel.builtIn`), so no OpenAPI
/// decoding happens at run time.
///
/// ```swift
/// let model = SchemaModel.builtIn
/// if let session = model.rootType(forElement: "ReplicaJobSession") {
///     let progress = model.types[session].member(xmlName: "Progress")
/// }
/// ```
public struct SchemaModel: Sendable {
    /// Every complex type; a type's position in this array is its `TypeID`.
    public let types: [ComplexType]
    /// XML root element name → index into ``types``.
    public let rootElements: [String: TypeID]
    /// Component name → index into ``types``.
    public let typesByName: [String: TypeID]
    /// Every documented operation variant (one per method, path template and `action`), in
    /// document order; see ``operation(method:path:action:)``.
    public let operations: [Operation]
    /// ``operations`` prepared for matching request paths.
    let routes: OperationRoutes

    /// An index into ``types``.
    public typealias TypeID = Int

    /// Creates a model from resolved types.
    /// - Parameters:
    ///   - types: complex types; `Member.Value.complex` indexes refer to positions in this array.
    ///   - rootElements: XML root element name → type index.
    ///   - operations: the operations table (default: none); `Operation.requestType` indexes refer to `types`.
    public init(types: [ComplexType], rootElements: [String: TypeID], operations: [Operation] = []) {
        self.types = types
        self.rootElements = rootElements
        var byName: [String: TypeID] = [:]
        for (index, type) in types.enumerated() { byName[type.name] = index }
        self.typesByName = byName
        self.operations = operations
        self.routes = OperationRoutes(operations)
    }

    /// The type of a document whose root element is `name`, if the schema knows it.
    /// - Parameter name: the root element's local name (namespaces are ignored).
    /// - Returns: an index into ``types``, or `nil` for an unknown root.
    public func rootType(forElement name: String) -> TypeID? { rootElements[name] }
}

/// One EM complex type (an OpenAPI component schema), members flattened through `allOf`.
public struct ComplexType: Sendable {
    /// The component name in `openapi/em-gateway.yaml` (`ReplicaJobSession`, `Link`).
    public let name: String
    /// Attributes, elements and text content, in XML order (base type's members first).
    public let members: [Member]

    /// Creates a type.
    /// - Parameters:
    ///   - name: the component name.
    ///   - members: members in XML order.
    public init(name: String, members: [Member]) {
        self.name = name
        self.members = members
    }

    /// The member that XML calls `xmlName` with the given node kind, if any.
    /// - Parameters:
    ///   - xmlName: the attribute's or element's local name.
    ///   - kind: `.attribute` or `.element`.
    /// - Returns: the member's index into ``members``.
    public func memberIndex(xmlName: String, kind: Member.Kind) -> Int? {
        members.firstIndex { $0.kind == kind && $0.xmlName == xmlName }
    }

    /// The index of the member holding the element's text content (JSON `Value`), if any.
    public var textMemberIndex: Int? { members.firstIndex { $0.kind == .text } }

    /// True for EM's list types (XSD `ListType` descendants): exactly one repeated element member.
    public var isListType: Bool {
        members.count == 1 && members[0].kind == .element && members[0].shape == .repeated
    }
}

/// One property of a complex type, with everything needed to go XML→JSON and JSON→XML.
public struct Member: Sendable, Equatable {
    /// Where the member lives in XML.
    public enum Kind: Sendable, Equatable {
        /// An attribute of the owning element (OpenAPI `xml.nodeType: attribute`).
        case attribute
        /// A child element (the default).
        case element
        /// The owning element's text content beside attributes (OpenAPI `xml.nodeType: text`), JSON `Value`.
        case text
    }

    /// How many XML elements stand for the member, and how they become JSON.
    public enum Shape: Sendable, Equatable {
        /// At most one element; JSON value (or `null` when absent).
        case single
        /// The element repeats as siblings; JSON array under ``Member/jsonName`` (OpenAPI array, `nodeType: none`).
        /// EM's `ListType` wrappers give their item this shape with a plural JSON name (`CloudTenantResources`).
        case repeated
        /// A wrapper element whose children named `item` form a bare JSON array (OpenAPI array,
        /// `nodeType: element`): `<Links><Link/></Links>` → `"Links": [...]`.
        case wrapped(item: String)
    }

    /// A scalar's JSON type, from the schema only (never from how the text looks).
    public enum Scalar: Sendable, Equatable {
        /// JSON string, text verbatim (dates and times included).
        case string
        /// `xs:int`, `xs:long`, `xs:unsignedShort`...: exact integer digits.
        case integer
        /// `xs:decimal`, `xs:double`: a JSON number with the lexical digits.
        case number
        /// `xs:boolean`: `true` / `false`.
        case boolean
    }

    /// What the member holds.
    public enum Value: Sendable, Equatable {
        /// A scalar of the given JSON type.
        case scalar(Scalar)
        /// A complex type, as an index into ``SchemaModel/types``.
        case complex(SchemaModel.TypeID)
    }

    /// The JSON property name (`Links`, `RetrySpecified1`, `CloudTenantResources`).
    public let jsonName: String
    /// The XML local name (`Links`, `RetrySpecified`, `CloudTenantResource`); for `.text` members, empty.
    public let xmlName: String
    /// Attribute, element or text.
    public let kind: Kind
    /// List shape.
    public let shape: Shape
    /// Scalar type or complex type.
    public let value: Value
    /// An absolute URL into EM's `/api/` that the gateway rewrites (OpenAPI `format: uri`).
    public let isLink: Bool
    /// Set by EM, dropped from request bodies (OpenAPI `readOnly: true`).
    public let isReadOnly: Bool
    /// A member only newer EMs write (OpenAPI extension `x-em-omit-when-absent: true`): when the
    /// XML lacks it, the JSON lacks it too instead of holding `null`, so answers of the EMs the
    /// contract follows (10 and 12) still convert exactly as EM's own JSON.
    public let isOmittedWhenAbsent: Bool
    /// Must be present and not `null` in a JSON request body (OpenAPI `required`); a required
    /// member of an absent optional object is not checked.
    public let isRequired: Bool

    /// Creates a member.
    /// - Parameters:
    ///   - jsonName: the JSON property name.
    ///   - xmlName: the XML local name.
    ///   - kind: attribute, element or text.
    ///   - shape: list shape (`.single` for attributes and text).
    ///   - value: scalar or complex.
    ///   - isLink: whether the value is a link to rewrite.
    ///   - isReadOnly: whether EM sets it (dropped from request bodies).
    ///   - isOmittedWhenAbsent: whether an absent member is left out of the JSON rather than `null`.
    ///   - isRequired: whether a JSON request body must give it (not `null`).
    public init(
        jsonName: String, xmlName: String, kind: Kind, shape: Shape = .single, value: Value,
        isLink: Bool = false, isReadOnly: Bool = false, isOmittedWhenAbsent: Bool = false, isRequired: Bool = false
    ) {
        self.jsonName = jsonName
        self.xmlName = xmlName
        self.kind = kind
        self.shape = shape
        self.value = value
        self.isLink = isLink
        self.isReadOnly = isReadOnly
        self.isOmittedWhenAbsent = isOmittedWhenAbsent
        self.isRequired = isRequired
    }

    /// This member with ``isRequired`` set to `required`.
    /// - Parameter required: whether a JSON request body must give it.
    /// - Returns: the member, otherwise unchanged.
    public func requiring(_ required: Bool) -> Member {
        Member(
            jsonName: jsonName, xmlName: xmlName, kind: kind, shape: shape, value: value, isLink: isLink,
            isReadOnly: isReadOnly, isOmittedWhenAbsent: isOmittedWhenAbsent, isRequired: required)
    }
}
