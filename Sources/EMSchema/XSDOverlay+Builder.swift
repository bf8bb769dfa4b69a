extension XSDOverlay {
    /// Maps XSD complex types onto model types and builds the overlaid model (one use).
    struct Builder {
        typealias TypeID = SchemaModel.TypeID

        let model: SchemaModel
        let definitions: XSDDefinitions
        /// The model's types, then added ones (`nil` until built).
        var types: [ComplexType?]
        /// XSD complex type key → type in ``types``.
        var mapping: [String: TypeID] = [:]
        /// Types already given to an XSD type (one XSD type per model type).
        var claimed: Set<TypeID> = []
        var rootElements: [String: TypeID]
        var names: Set<String>
        var queue: [String] = []
        var overlaid: [String] = []
        var added: [String] = []
        /// Names of added types.
        var newTypeNames: [TypeID: String] = [:]
        var skipped: [String]

        init(model: SchemaModel, definitions: XSDDefinitions) {
            self.model = model
            self.definitions = definitions
            self.types = model.types.map { $0 }
            self.rootElements = model.rootElements
            self.names = Set(model.typesByName.keys)
            self.skipped = definitions.skipped
        }

        /// Maps, then builds every mapped or reachable type.
        mutating func build() -> XSDOverlay {
            // 1. The XSD's root elements that the model knows name their types most reliably
            //    (`EntityRef` is `EntityReferenceType`).
            for root in definitions.rootElements {
                guard let id = model.rootElements[root.name], mapping[root.type] == nil, !claimed.contains(id),
                    definitions.complexTypes[root.type] != nil
                else { continue }
                map(root.type, to: id)
            }
            // 2. Every other named type whose component name the model has.
            for key in definitions.complexTypeOrder where mapping[key] == nil && key != XSDDefinitions.listTypeName {
                let typesByName = model.typesByName
                guard let id = XSDOverlay.componentNames(forXSDType: key).compactMap({ typesByName[$0] }).first,
                    !claimed.contains(id)
                else { continue }
                map(key, to: id)
            }
            // 3. Root elements the model lacks.
            var addedRoots: [String] = []
            for root in definitions.rootElements where rootElements[root.name] == nil {
                guard definitions.complexTypes[root.type] != nil else {
                    skipped.append("root element \(root.name) of undeclared type \(root.type)")
                    continue
                }
                rootElements[root.name] = resolve(root.type, preferred: nil)
                addedRoots.append(root.name)
            }
            while let key = queue.popLast() {
                guard let id = mapping[key] else { continue }
                types[id] = buildType(key, id: id)
            }
            let built = types.enumerated().map { $0.element ?? ComplexType(name: "XSD\($0.offset)", members: []) }
            let result = SchemaModel(types: built, rootElements: rootElements, operations: model.operations)
            return XSDOverlay(
                model: result, overlaidTypes: overlaid, addedTypes: added, addedRootElements: addedRoots.sorted(),
                skipped: skipped)
        }

        private mutating func map(_ key: String, to id: TypeID) {
            mapping[key] = id
            claimed.insert(id)
            queue.insert(key, at: 0)
            if id < model.types.count { overlaid.append(model.types[id].name) }
        }

        /// The type an XSD complex type stands for: its mapping, else `preferred` (the type the
        /// model's member already refers to), else a new type.
        mutating func resolve(_ key: String, preferred: TypeID?) -> TypeID {
            if let id = mapping[key] { return id }
            if let preferred, !claimed.contains(preferred) {
                map(key, to: preferred)
                return preferred
            }
            let id = types.count
            types.append(nil)
            let name = newName(key)
            names.insert(name)
            added.append(name)
            newTypeNames[id] = name
            map(key, to: id)
            return id
        }

        private func newName(_ key: String) -> String {
            let candidates: [String]
            if let slash = key.lastIndex(of: "/") {
                // An anonymous type: named after its element, else owner and element.
                let element = String(key[key.index(after: slash)...])
                let owner = String(key[..<slash]).split(separator: "/").last.map(String.init) ?? ""
                candidates = [element, (XSDOverlay.componentNames(forXSDType: owner).first ?? owner) + element]
            } else {
                candidates = XSDOverlay.componentNames(forXSDType: key)
            }
            if let free = candidates.first(where: { !names.contains($0) }) { return free }
            var number = 2
            while names.contains("\(candidates[0])\(number)") { number += 1 }
            return "\(candidates[0])\(number)"
        }

        /// The XSD members of `key`, its base type's first.
        func effectiveMembers(_ key: String) -> [XSDDefinitions.MemberDefinition] {
            var chain: [XSDDefinitions.ComplexTypeDefinition] = []
            var current: String? = key
            while let name = current, let definition = definitions.complexTypes[name], !chain.contains(where: { $0.key == name }) {
                chain.insert(definition, at: 0)
                current = definition.base
            }
            var members: [XSDDefinitions.MemberDefinition] = []
            for definition in chain {
                for member in definition.members
                where !members.contains(where: { $0.kind == member.kind && $0.name == member.name }) {
                    members.append(member)
                }
            }
            return members
        }

        /// The base chain of `key` (not including it), nearest first.
        func bases(_ key: String) -> [String] {
            var result: [String] = []
            var current = definitions.complexTypes[key]?.base
            while let name = current, !result.contains(name), name != key {
                result.append(name)
                current = definitions.complexTypes[name]?.base
            }
            return result
        }

        /// Whether `key` descends from EM's `ListType`.
        func isListDerived(_ key: String) -> Bool { bases(key).contains(XSDDefinitions.listTypeName) }

        /// The item of a bare list type (not a `ListType` descendant, one repeated element and
        /// nothing else), which becomes a wrapped list where it is used.
        func bareListItem(_ key: String) -> XSDDefinitions.MemberDefinition? {
            guard !isListDerived(key) else { return nil }
            let members = effectiveMembers(key)
            guard members.count == 1, members[0].kind == .element, members[0].isRepeated else { return nil }
            return members[0]
        }
    }
}
