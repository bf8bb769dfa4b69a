import EMSchema
import OpenAPIKit

/// Property → ``Member``, following the conventions in `openapi/README.md`.
extension ComponentMapper {
    /// Maps one property.
    /// - Parameters:
    ///   - jsonName: the property name (the JSON name).
    ///   - schema: the property's schema.
    ///   - owner: the component that declares the property (for messages).
    /// - Returns: the member.
    /// - Throws: ``SchemaError`` naming the component and property.
    func member(named jsonName: String, schema: JSONSchema, owner: String) throws -> Member {
        let location = "component `\(owner)`, property `\(jsonName)`"
        let inner = try unwrapNullable(schema, at: location)
        // The xml object may sit beside the `oneOf` or beside the `$ref` inside it.
        let xml = schema.xml ?? (inner == schema ? nil : inner.xml)
        let nodeType = try Self.nodeType(of: xml, at: location)
        let xmlName = try Self.name(in: xml, at: location)
        let isReadOnly = schema.readOnly || inner.readOnly
        let isOmittedWhenAbsent = try Self.omitsWhenAbsent(schema, at: location)

        if case .array(_, let array) = inner.value {
            guard let items = array.items else {
                throw SchemaError(.missingItems, "\(location): an array needs `items`")
            }
            let (value, isLink) = try self.value(of: items, at: "\(location), items")
            let itemName = try Self.name(in: items.xml, at: "\(location), items") ?? componentXMLName(of: items) ?? jsonName
            switch nodeType {
            case .element:
                return Member(
                    jsonName: jsonName, xmlName: xmlName ?? jsonName, kind: .element, shape: .wrapped(item: itemName),
                    value: value, isLink: isLink, isReadOnly: isReadOnly, isOmittedWhenAbsent: isOmittedWhenAbsent)
            case nil, .some(.none):
                guard xmlName == nil else {
                    throw SchemaError(
                        .unsupportedXML,
                        "\(location): an unwrapped (repeated) array has no element of its own; put xml.name on `items`")
                }
                return Member(
                    jsonName: jsonName, xmlName: itemName, kind: .element, shape: .repeated,
                    value: value, isLink: isLink, isReadOnly: isReadOnly, isOmittedWhenAbsent: isOmittedWhenAbsent)
            case .attribute, .text, .cdata:
                throw SchemaError(
                    .unsupportedXML,
                    "\(location): an array can be `nodeType: element` (wrapped) or have no nodeType (repeated), "
                        + "not `\(nodeType?.rawValue ?? "")`")
            }
        }

        let (value, isLink) = try self.value(of: inner, at: location)
        switch nodeType {
        case nil, .element:
            return Member(
                jsonName: jsonName, xmlName: xmlName ?? jsonName, kind: .element, value: value,
                isLink: isLink, isReadOnly: isReadOnly, isOmittedWhenAbsent: isOmittedWhenAbsent)
        case .attribute:
            guard case .scalar = value else {
                throw SchemaError(.unsupportedXML, "\(location): an attribute must hold a scalar")
            }
            return Member(
                jsonName: jsonName, xmlName: xmlName ?? jsonName, kind: .attribute, value: value,
                isLink: isLink, isReadOnly: isReadOnly, isOmittedWhenAbsent: isOmittedWhenAbsent)
        case .text:
            guard case .scalar = value else {
                throw SchemaError(.unsupportedXML, "\(location): text content must be a scalar")
            }
            guard jsonName == "Value", xmlName == nil else {
                throw SchemaError(
                    .unsupportedXML, "\(location): text content is the JSON property `Value`, with no xml.name")
            }
            return Member(
                jsonName: jsonName, xmlName: "", kind: .text, value: value, isLink: isLink, isReadOnly: isReadOnly,
                isOmittedWhenAbsent: isOmittedWhenAbsent)
        case .some(.none), .some(.cdata):
            throw SchemaError(
                .unsupportedXML, "\(location): `nodeType: \(nodeType?.rawValue ?? "")` is only mapped for arrays (none)")
        }
    }

    /// The extension that marks a member only newer EMs write (see `openapi/README.md`).
    static let omitWhenAbsentExtension = "x-em-omit-when-absent"

    /// Reads `x-em-omit-when-absent` beside the property's type or `oneOf`.
    /// - Throws: ``SchemaError`` `.unsupportedSchema` when its value is not a boolean.
    static func omitsWhenAbsent(_ schema: JSONSchema, at location: String) throws -> Bool {
        guard let value = schema.vendorExtensions[Self.omitWhenAbsentExtension]?.value else { return false }
        guard let flag = value as? Bool else {
            throw SchemaError(.unsupportedSchema, "\(location): `\(Self.omitWhenAbsentExtension)` must be true or false")
        }
        return flag
    }

    // MARK: - Values

    /// The scalar or complex value a schema stands for, following `$ref`s to components.
    /// - Returns: the value and whether it is a link (`format: uri` string).
    func value(of schema: JSONSchema, at location: String, depth: Int = 0) throws -> (Member.Value, isLink: Bool) {
        switch schema.value {
        case .string(let core, _): return (.scalar(.string), core.formatString == "uri")
        case .integer: return (.scalar(.integer), false)
        case .number: return (.scalar(.number), false)
        case .boolean: return (.scalar(.boolean), false)
        case .reference(let reference, _):
            let target = try resolve(reference, at: location)
            if let index = typeIndex[target] { return (.complex(index), false) }
            guard depth < Self.maxReferenceDepth, let aliased = schemasByName[target] else {
                throw SchemaError(.cyclicReference, "\(location): $ref chain through `\(target)` does not end")
            }
            return try value(of: aliased, at: "\(location) → component `\(target)`", depth: depth + 1)
        case .array:
            throw SchemaError(.unsupportedSchema, "\(location): arrays of arrays are not mapped")
        case .object, .all:
            throw SchemaError(
                .unsupportedSchema, "\(location): inline objects are not mapped; make a component and `$ref` it")
        case .one, .any:
            throw SchemaError(
                .unsupportedSchema, "\(location): `oneOf`/`anyOf` is only mapped as one schema plus `type: \"null\"`")
        case .null, .not, .fragment:
            throw SchemaError(.unsupportedSchema, "\(location): the schema has no usable type")
        }
    }

    /// For `oneOf`/`anyOf` of one schema and `type: "null"`, that schema; otherwise the schema itself.
    private func unwrapNullable(_ schema: JSONSchema, at location: String) throws -> JSONSchema {
        switch schema.value {
        case .one(of: let choices, core: _), .any(of: let choices, core: _):
            let nonNull = choices.filter { !$0.isNull }
            guard nonNull.count == 1, choices.count > 1 else {
                throw SchemaError(
                    .unsupportedSchema,
                    "\(location): `oneOf`/`anyOf` is only mapped as one schema plus `type: \"null\"`")
            }
            return nonNull[0]
        default:
            return schema
        }
    }

    /// The `xml.name` of the component a `$ref` points to (following aliases), if any.
    private func componentXMLName(of schema: JSONSchema) -> String? {
        var current = schema
        for _ in 0..<Self.maxReferenceDepth {
            guard case .reference(.internal(.component(let name)), _) = current.value,
                let target = schemasByName[name]
            else { return nil }
            if let name = target.xml?.name { return name }
            current = target
        }
        return nil
    }

    // MARK: - XML objects

    /// The node type, with the pre-3.2 `attribute`/`wrapped` flags read as their 3.2 equivalents.
    private static func nodeType(of xml: OpenAPI.XML?, at location: String) throws -> OpenAPI.XML.NodeType? {
        guard let xml else { return nil }
        guard xml.namespace == nil, xml.prefix == nil else {
            throw SchemaError(.unsupportedXML, "\(location): XML namespaces and prefixes are not modelled")
        }
        switch xml.structure {
        case nil: return nil
        case .nodeType(let nodeType): return nodeType
        case .legacy(attribute: false, wrapped: false): return nil
        case .legacy(attribute: true, wrapped: false): return .attribute
        case .legacy(attribute: false, wrapped: true): return .element
        case .legacy(attribute: true, wrapped: true):
            throw SchemaError(.unsupportedXML, "\(location): `attribute` and `wrapped` together")
        }
    }

    /// `xml.name`, rejecting an empty one.
    private static func name(in xml: OpenAPI.XML?, at location: String) throws -> String? {
        guard let name = xml?.name else { return nil }
        guard !name.isEmpty else { throw SchemaError(.unsupportedXML, "\(location): empty xml.name") }
        return name
    }
}
