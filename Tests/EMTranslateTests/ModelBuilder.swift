import EMSchema

/// Builds a ``SchemaModel`` in tests with types referred to by name, so a hand-written model
/// reads like the XSD it mirrors.
struct ModelBuilder {
    /// A member's value: a scalar, or a complex type by component name.
    enum Value {
        case string, integer, number, boolean
        case type(String)
    }

    /// A member before type names are resolved.
    struct Spec {
        var jsonName: String
        var xmlName: String
        var kind: Member.Kind
        var shape: Member.Shape = .single
        var value: Value
        var isLink = false
        var isReadOnly = false
        var isOmittedWhenAbsent = false

        /// The same member, left out of the JSON when the XML lacks it (`x-em-omit-when-absent`).
        var omittedWhenAbsent: Spec {
            var copy = self
            copy.isOmittedWhenAbsent = true
            return copy
        }

        /// The same member, read-only.
        var readOnly: Spec {
            var copy = self
            copy.isReadOnly = true
            return copy
        }
    }

    private var types: [(name: String, members: [Spec])] = []
    private var roots: [String: String] = [:]

    /// Adds a type; `root` makes it the type of a root element of the same name.
    mutating func add(_ name: String, root: Bool = false, _ members: [Spec]) {
        types.append((name, members))
        if root { roots[name] = name }
    }

    func build() -> SchemaModel {
        var index: [String: Int] = [:]
        for (position, type) in types.enumerated() { index[type.name] = position }
        let resolved = types.map { type in
            ComplexType(
                name: type.name,
                members: type.members.map { spec in
                    let value: Member.Value
                    switch spec.value {
                    case .string: value = .scalar(.string)
                    case .integer: value = .scalar(.integer)
                    case .number: value = .scalar(.number)
                    case .boolean: value = .scalar(.boolean)
                    case .type(let name):
                        guard let target = index[name] else { fatalError("test model: no type \(name)") }
                        value = .complex(target)
                    }
                    return Member(
                        jsonName: spec.jsonName, xmlName: spec.xmlName, kind: spec.kind, shape: spec.shape, value: value,
                        isLink: spec.isLink, isReadOnly: spec.isReadOnly, isOmittedWhenAbsent: spec.isOmittedWhenAbsent)
                })
        }
        return SchemaModel(types: resolved, rootElements: roots.mapValues { index[$0]! })
    }

    // MARK: member shorthands

    static func attribute(_ name: String, _ value: Value = .string) -> Spec {
        Spec(jsonName: name, xmlName: name, kind: .attribute, value: value)
    }

    static func element(_ name: String, _ value: Value = .string, xml: String? = nil) -> Spec {
        Spec(jsonName: name, xmlName: xml ?? name, kind: .element, value: value)
    }

    /// Sibling elements named `item`, a JSON array under `json`.
    static func repeated(_ json: String, item: String, _ value: Value = .string) -> Spec {
        Spec(jsonName: json, xmlName: item, kind: .element, shape: .repeated, value: value)
    }

    /// A wrapper element `name` holding `item` elements, a bare JSON array under `name`.
    static func wrapped(_ name: String, item: String, _ value: Value = .string) -> Spec {
        Spec(jsonName: name, xmlName: name, kind: .element, shape: .wrapped(item: item), value: value)
    }

    static func text(_ value: Value = .string) -> Spec {
        Spec(jsonName: "Value", xmlName: "", kind: .text, value: value)
    }

    /// XSD `ResourceType`: `Links`, `Href`, `Type`, all set by EM.
    static var resource: [Spec] {
        var href = attribute("Href")
        href.isLink = true
        return [wrapped("Links", item: "Link", .type("Link")).readOnly, href.readOnly, attribute("Type").readOnly]
    }

    /// XSD `EntityType`: a resource with `Name` and `UID`.
    static var entity: [Spec] { resource + [attribute("Name"), attribute("UID").readOnly] }

    /// XSD `LinkType`.
    static var link: [Spec] {
        var href = attribute("Href")
        href.isLink = true
        return [attribute("Rel"), href, attribute("Name"), attribute("Type")]
    }
}
