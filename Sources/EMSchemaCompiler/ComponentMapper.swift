import EMSchema
import OpenAPIKit

/// Turns `components.schemas` into a ``SchemaModel``: object components (plain or `allOf`)
/// become types in component order, their `allOf` chains flattened base first; components with
/// an `xml.name` become root elements. Scalar components and `$ref` aliases are allowed as
/// targets of properties but make no type.
struct ComponentMapper {
    /// Component name → schema, in document order.
    let schemas: [(name: String, schema: JSONSchema)]
    let schemasByName: [String: JSONSchema]
    /// Object components → their future index in ``SchemaModel/types``.
    let typeIndex: [String: SchemaModel.TypeID]

    /// Longest `$ref` alias chain followed before giving up as a cycle.
    static let maxReferenceDepth = 64

    /// Classifies the components.
    /// - Parameter schemas: `components.schemas` in document order.
    /// - Throws: ``SchemaError`` (`.unsupportedSchema`) for a component that is neither an object,
    ///   an `allOf`, a scalar nor a `$ref`.
    init(schemas: [(name: String, schema: JSONSchema)]) throws {
        self.schemas = schemas
        var byName: [String: JSONSchema] = [:]
        var typeIndex: [String: SchemaModel.TypeID] = [:]
        for (name, schema) in schemas {
            byName[name] = schema
            switch schema.value {
            case .object, .all:
                typeIndex[name] = typeIndex.count
            case .string, .integer, .number, .boolean, .reference:
                break
            case .array, .one, .any, .not, .null, .fragment:
                throw SchemaError(
                    .unsupportedSchema,
                    "component `\(name)`: only objects, `allOf` chains, scalars and `$ref` aliases can be components "
                        + "(write lists as array properties and unions in the operation's response)")
            }
        }
        self.schemasByName = byName
        self.typeIndex = typeIndex
    }

    /// Maps every object component.
    /// - Returns: the model.
    /// - Throws: ``SchemaError`` naming the component and property that cannot be mapped.
    func model() throws -> SchemaModel {
        var types: [ComplexType] = []
        var roots: [String: SchemaModel.TypeID] = [:]
        var rootOwners: [String: String] = [:]
        for (name, schema) in schemas where typeIndex[name] != nil {
            let properties = try flattenedProperties(of: schema, component: name, chain: [name])
            var members: [Member] = []
            members.reserveCapacity(properties.count)
            for property in properties {
                let member = try self.member(named: property.name, schema: property.schema, owner: property.owner)
                    .requiring(property.isRequired)
                try checkUnique(member, among: members, type: name, owner: property.owner)
                members.append(member)
            }
            if let element = try rootElementName(of: schema, component: name) {
                if let other = rootOwners[element] {
                    throw SchemaError(
                        .duplicateRootElement,
                        "components `\(other)` and `\(name)` both declare root element `\(element)` (xml.name)")
                }
                rootOwners[element] = name
                roots[element] = types.count
            }
            types.append(ComplexType(name: name, members: members))
        }
        return SchemaModel(types: types, rootElements: roots)
    }

    // MARK: - allOf

    /// A property with the component that declares it (a base, for inherited members).
    struct Property {
        let owner: String
        let name: String
        let schema: JSONSchema
        /// Listed in the declaring object's `required`.
        var isRequired = false
    }

    /// The properties of an object or `allOf` schema, `allOf` parts in order, so base members come first.
    private func flattenedProperties(of schema: JSONSchema, component: String, chain: [String]) throws -> [Property] {
        switch schema.value {
        case .object(_, let object):
            let required = Set(object.requiredProperties)
            return object.properties.map {
                Property(owner: component, name: $0.key, schema: $0.value, isRequired: required.contains($0.key))
            }
        case .all(of: let parts, core: _):
            var properties: [Property] = []
            for (position, part) in parts.enumerated() {
                switch part.value {
                case .reference(let reference, _):
                    let base = try resolve(reference, at: "component `\(component)`, allOf part \(position + 1)")
                    guard !chain.contains(base) else {
                        throw SchemaError(
                            .cyclicReference,
                            "component `\(component)`: allOf chain loops: \((chain + [base]).joined(separator: " → "))")
                    }
                    guard let baseSchema = schemasByName[base], typeIndex[base] != nil else {
                        throw SchemaError(
                            .unsupportedSchema,
                            "component `\(component)`, allOf part \(position + 1): `\(base)` is not an object component")
                    }
                    properties += try flattenedProperties(of: baseSchema, component: base, chain: chain + [base])
                case .object, .all:
                    properties += try flattenedProperties(of: part, component: component, chain: chain)
                default:
                    throw SchemaError(
                        .unsupportedSchema,
                        "component `\(component)`, allOf part \(position + 1): expected a `$ref` or an object")
                }
            }
            return properties
        default:
            throw SchemaError(.unsupportedSchema, "component `\(component)`: not an object")
        }
    }

    // MARK: - References and roots

    /// The component a `$ref` names.
    /// - Throws: ``SchemaError`` (`.unresolvedReference`) for external references and missing components.
    func resolve(_ reference: JSONReference<JSONSchema>, at location: String) throws -> String {
        guard case .internal(.component(let name)) = reference, schemasByName[name] != nil else {
            throw SchemaError(
                .unresolvedReference,
                "\(location): $ref `\(reference.absoluteString)` names no schema in components.schemas")
        }
        return name
    }

    /// The component-level `xml.name`: the root element the component stands for, if any.
    private func rootElementName(of schema: JSONSchema, component: String) throws -> String? {
        guard let xml = schema.xml else { return nil }
        switch xml.structure {
        case nil, .nodeType(.element), .legacy(attribute: false, wrapped: false): break
        default:
            throw SchemaError(.unsupportedXML, "component `\(component)`: a component's xml object may only carry `name`")
        }
        guard let name = xml.name else { return nil }
        guard !name.isEmpty else { throw SchemaError(.unsupportedXML, "component `\(component)`: empty xml.name") }
        return name
    }

    /// Rejects a second member with the same JSON name, the same XML name and kind, or a second text member.
    private func checkUnique(_ member: Member, among members: [Member], type: String, owner: String) throws {
        for other in members {
            let clash: String?
            if other.jsonName == member.jsonName {
                clash = "JSON name `\(member.jsonName)`"
            } else if member.kind == .text && other.kind == .text {
                clash = "text content (`\(other.jsonName)`, `\(member.jsonName)`)"
            } else if member.kind != .text && other.kind == member.kind && other.xmlName == member.xmlName {
                clash = "XML \(member.kind == .attribute ? "attribute" : "element") `\(member.xmlName)`"
            } else {
                clash = nil
            }
            if let clash {
                let origin = owner == type ? "" : " (inherited from `\(owner)`)"
                throw SchemaError(.duplicateMember, "component `\(type)`: two members share the \(clash)\(origin)")
            }
        }
    }
}
