import EMSchema

/// The schema walk: one JSON object → one element, its members in schema order.
extension JSONToXMLWriter {
    /// A JSON property matched to a member of the type being written.
    struct Slot {
        /// The property name as the JSON wrote it (for paths and for the form that names a list by its item).
        let name: String
        let value: JSONValue
    }

    /// Writes `<element ...>...</element>` for an object of `type`.
    /// - Parameter namespace: declared as the default namespace (the root only).
    func writeObject(
        _ properties: [JSONValue.Property], type: SchemaModel.TypeID, element: String, path: String,
        namespace: String? = nil, to output: inout XMLOutput
    ) throws {
        let complex = schema.model.types[type]
        let slots = try match(properties, type: type, path: path)
        // The contract's required members (EM's schema demands them): refused here, with the JSON
        // path, rather than by EM about a line of XML the client never wrote. `null` is missing.
        for (index, member) in complex.members.enumerated() where member.isRequired && !member.isReadOnly {
            if slots[index] == nil || slots[index]?.value == .null {
                throw TranslateError(
                    .schemaMismatch, "\(path).\(member.jsonName): required (\(complex.name) needs it), missing or null")
            }
        }
        output.openStartTag(element)
        if let namespace { try output.appendAttribute("xmlns", value: namespace, path: path) }
        for (index, member) in complex.members.enumerated() where member.kind == .attribute {
            guard let slot = slots[index], slot.value != .null else { continue }
            let memberPath = path + "." + slot.name
            let text = try scalarText(slot.value, member: member, path: memberPath)
            try output.appendAttribute(member.xmlName, value: text, path: memberPath)
        }
        let contentStart = output.closeStartTag()
        for (index, member) in complex.members.enumerated() where member.kind != .attribute {
            guard let slot = slots[index], slot.value != .null else { continue }
            let memberPath = path + "." + slot.name
            if member.kind == .text {
                try output.appendText(try scalarText(slot.value, member: member, path: memberPath), path: memberPath)
            } else {
                try writeElementMember(member, slot: slot, path: memberPath, to: &output)
            }
        }
        output.closeElement(element, contentStart: contentStart)
    }

    /// Assigns each JSON property to its member; drops read-only members; refuses unknown or doubled ones.
    private func match(_ properties: [JSONValue.Property], type: SchemaModel.TypeID, path: String) throws -> [Slot?] {
        let complex = schema.model.types[type]
        var slots = [Slot?](repeating: nil, count: complex.members.count)
        for property in properties {
            guard let index = jsonIndex[type][property.name] ?? elementIndex[type][property.name] else {
                throw TranslateError(
                    .schemaMismatch,
                    "\(path).\(property.name): unknown property \"\(property.name)\" (\(complex.name) has no such member)")
            }
            let member = complex.members[index]
            if member.isReadOnly { continue }
            if let earlier = slots[index] {
                throw TranslateError(
                    .schemaMismatch,
                    "\(path).\(property.name): \"\(earlier.name)\" and \"\(property.name)\" both give \(complex.name).\(member.jsonName)")
            }
            slots[index] = Slot(name: property.name, value: property.value)
        }
        return slots
    }

    /// Writes one element member (single, repeated or wrapped); `slot.value` is not `null`.
    private func writeElementMember(_ member: Member, slot: Slot, path: String, to output: inout XMLOutput) throws {
        switch member.shape {
        case .single:
            try writeElement(member.xmlName, value: slot.value, of: member, path: path, to: &output)
        case .repeated:
            if case .array(let items) = slot.value {
                for (position, item) in items.enumerated() {
                    try writeElement(member.xmlName, value: item, of: member, path: "\(path)[\(position)]", to: &output)
                }
            } else if slot.name == member.xmlName {
                // A list written under its item's own name, holding one item (EM documents both forms).
                try writeElement(member.xmlName, value: slot.value, of: member, path: path, to: &output)
            } else {
                throw mismatch(path, expected: "an array (or one item under \"\(member.xmlName)\")", found: slot.value)
            }
        case .wrapped(let itemName):
            let (items, itemsPath, isArray) = try wrappedItems(slot.value, itemName: itemName, path: path)
            output.openStartTag(member.xmlName)
            let contentStart = output.closeStartTag()
            for (position, item) in items.enumerated() {
                let itemPath = isArray ? "\(itemsPath)[\(position)]" : itemsPath
                try writeElement(itemName, value: item, of: member, path: itemPath, to: &output)
            }
            output.closeElement(member.xmlName, contentStart: contentStart)
        }
    }

    /// The items of a wrapped list: a JSON array, or an object whose one property is the
    /// item name holding an item or an array of them; `{}` is no items.
    private func wrappedItems(
        _ value: JSONValue, itemName: String, path: String
    ) throws -> (items: [JSONValue], path: String, isArray: Bool) {
        switch value {
        case .array(let items):
            return (items, path, true)
        case .object(let properties) where properties.isEmpty:
            return ([], path, true)
        case .object(let properties) where properties.count == 1 && properties[0].name == itemName:
            let itemsPath = path + "." + itemName
            switch properties[0].value {
            case .array(let items): return (items, itemsPath, true)
            case .null: return ([], itemsPath, true)
            case let item: return ([item], itemsPath, false)
            }
        default:
            throw mismatch(path, expected: "an array (or an object holding \"\(itemName)\")", found: value)
        }
    }

    /// Writes one element holding `value`, typed by `member.value`; `null` writes nothing.
    private func writeElement(_ name: String, value: JSONValue, of member: Member, path: String, to output: inout XMLOutput) throws {
        switch (member.value, value) {
        case (_, .null):
            return
        case (.scalar, _):
            let text = try scalarText(value, member: member, path: path)
            output.openStartTag(name)
            let contentStart = output.closeStartTag()
            try output.appendText(text, path: path)
            output.closeElement(name, contentStart: contentStart)
        case (.complex(let type), .object(let properties)):
            try writeObject(properties, type: type, element: name, path: path, to: &output)
        case (.complex, _):
            throw mismatch(path, expected: "an object", found: value)
        }
    }

    /// A scalar's XML Schema lexical form: strings verbatim, `true`/`false`, number digits as written.
    func scalarText(_ value: JSONValue, member: Member, path: String) throws -> String {
        guard case .scalar(let scalar) = member.value else {
            throw mismatch(path, expected: "a member the schema can write as text", found: value)
        }
        switch (scalar, value) {
        case (.string, .string(let text)):
            return text
        case (.boolean, .bool(let flag)):
            return flag ? "true" : "false"
        case (.number, .number(let digits)):
            return digits
        case (.integer, .number(let digits)):
            guard !digits.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
                throw TranslateError(.schemaMismatch, "\(path): expected an integer, found the number \(digits)")
            }
            return digits
        case (.string, _): throw mismatch(path, expected: "a string", found: value)
        case (.boolean, _): throw mismatch(path, expected: "a boolean", found: value)
        case (.integer, _): throw mismatch(path, expected: "an integer", found: value)
        case (.number, _): throw mismatch(path, expected: "a number", found: value)
        }
    }

    private func mismatch(_ path: String, expected: String, found value: JSONValue) -> TranslateError {
        TranslateError(.schemaMismatch, "\(path): expected \(expected), found \(value.withArticle)")
    }
}

extension JSONValue {
    /// The JSON type with its article, for messages: `null`, `a boolean`, `an array`, `an object`.
    var withArticle: String {
        switch self {
        case .null: "null"
        case .array, .object: "an \(typeName)"
        default: "a \(typeName)"
        }
    }
}
