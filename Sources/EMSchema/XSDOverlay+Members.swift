extension XSDOverlay.Builder {
    /// The overlaid members of the XSD type `key`, for type `id` (an existing model type or a new one).
    mutating func buildType(_ key: String, id: TypeID) -> ComplexType {
        let existing = id < model.types.count ? model.types[id] : nil
        // Facts of members the model already has: this type's, else its XSD bases' (a new entity
        // type inherits `Href`'s link mark from `Resource`).
        let known = ([existing] + bases(key).map { base in mapping[base].flatMap { $0 < model.types.count ? model.types[$0] : nil } })
            .compactMap { $0 }
        let isList = isListDerived(key)
        var members: [Member] = []
        for definition in effectiveMembers(key) {
            let match = Self.match(definition, in: known)
            var shape = Member.Shape.single
            var value: Member.Value
            var preferred: TypeID?
            if let match, case .complex(let child) = match.value { preferred = child }
            switch definition.type {
            case .scalar(let scalar):
                value = .scalar(scalar)
                if definition.kind == .element && definition.isRepeated { shape = .repeated }
            case .complex(let child):
                // A member the model holds as one of EM's list types (`TimePeriods` = `{"Days": [...]}`,
                // known from real answers) stays one, even when the XSD does not derive it from `ListType`.
                let staysListType =
                    match?.shape == .single && preferred.map { $0 < model.types.count && model.types[$0].isListType } == true
                if definition.kind == .element, !definition.isRepeated, !staysListType, let item = bareListItem(child) {
                    shape = .wrapped(item: item.name)
                    switch item.type {
                    case .scalar(let scalar): value = .scalar(scalar)
                    case .complex(let itemType): value = .complex(resolve(itemType, preferred: preferred))
                    }
                } else {
                    shape = definition.isRepeated ? .repeated : .single
                    value = .complex(resolve(child, preferred: preferred))
                }
            }
            let jsonName =
                match?.jsonName
                ?? (definition.kind == .text
                    ? "Value" : isList && definition.isRepeated ? XSDOverlay.plural(definition.name) : definition.name)
            members.append(
                Member(
                    jsonName: jsonName, xmlName: definition.name, kind: definition.kind, shape: shape, value: value,
                    isLink: match?.isLink ?? false, isReadOnly: match?.isReadOnly ?? false,
                    isOmittedWhenAbsent: match?.isOmittedWhenAbsent ?? false, isRequired: definition.isRequired && match?.isRequired == true
                ))
        }
        let name = existing?.name ?? newTypeNames[id] ?? "XSD\(id)"
        guard let existing else { return ComplexType(name: name, members: dedupe(members, in: name)) }
        return ComplexType(name: existing.name, members: dedupe(Self.merge(existing.members, overlay: members), in: existing.name))
    }

    /// The model member an XSD member overlays: same kind and XML name in the nearest known type,
    /// else (in the type itself) the same XML name as another kind (the XSD's kind then wins).
    static func match(_ definition: XSDDefinitions.MemberDefinition, in known: [ComplexType]) -> Member? {
        for type in known {
            if let found = type.members.first(where: { $0.kind == definition.kind && $0.xmlName == definition.name }) {
                return found
            }
        }
        guard definition.kind != .text, let own = known.first else { return nil }
        return own.members.first { $0.kind != .text && $0.xmlName == definition.name }
    }

    /// The final member order: elements in the XSD's order, with elements only the model has kept
    /// after the element preceding them in the model; attributes and text keep their model places,
    /// added ones come last.
    static func merge(_ original: [Member], overlay: [Member]) -> [Member] {
        func same(_ lhs: Member, _ rhs: Member) -> Bool {
            lhs.xmlName == rhs.xmlName && (lhs.kind == .text) == (rhs.kind == .text)
        }
        var elements = overlay.filter { $0.kind == .element }
        var cursor = 0
        for member in original where member.kind == .element {
            if let position = elements.firstIndex(where: { same($0, member) }) {
                cursor = position + 1
            } else if !overlay.contains(where: { same($0, member) }) {
                elements.insert(member, at: cursor)
                cursor += 1
            }
        }
        var result: [Member] = []
        var nextElement = 0
        for member in original {
            if member.kind == .element {
                if nextElement < elements.count {
                    result.append(elements[nextElement])
                    nextElement += 1
                }
            } else if let replacement = overlay.first(where: { same($0, member) }) {
                if replacement.kind != .element { result.append(replacement) }
            } else {
                result.append(member)
            }
        }
        result += elements[nextElement...]
        // Attributes and text that the model lacked, or that changed from elements.
        for member in overlay where member.kind != .element && !result.contains(where: { same($0, member) }) {
            result.append(member)
        }
        return result
    }

    /// Drops members whose JSON name (or XML name and kind) an earlier member already has.
    private mutating func dedupe(_ members: [Member], in typeName: String) -> [Member] {
        var result: [Member] = []
        for member in members {
            if result.contains(where: { $0.jsonName == member.jsonName || ($0.kind == member.kind && $0.xmlName == member.xmlName) }) {
                skipped.append("member \(member.xmlName) of \(typeName): its JSON name \(member.jsonName) is taken")
                continue
            }
            result.append(member)
        }
        return result
    }
}
