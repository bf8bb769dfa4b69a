/// How XSD type names become component names (see `openapi/README.md`, "Components and names").
extension XSDOverlay {
    /// The component names an XSD complex type may have in the model, most likely first:
    /// `BackupServerEntityType` → `BackupServer`, `ReplicaJobSessionEntityListType` →
    /// `ReplicaJobSessions`, `EntityReferenceListType` → `EntityReferences`, `TaskResultInfoType`
    /// → `TaskResult`, `LinkType` → `Link`; the XSD name itself last.
    /// - Parameter xsdName: the XSD type's name.
    /// - Returns: candidate component names, none empty.
    static func componentNames(forXSDType xsdName: String) -> [String] {
        var names: [String] = []
        func stripping(_ suffix: String) -> String? {
            guard xsdName.hasSuffix(suffix), xsdName.count > suffix.count else { return nil }
            return String(xsdName.dropLast(suffix.count))
        }
        if let stem = stripping("EntityListType") { names.append(plural(stem)) }
        if let stem = stripping("ListType") { names.append(plural(stem)) }
        if let stem = stripping("EntityType") { names.append(stem) }
        if let stem = stripping("InfoType") { names.append(stem) }
        if let stem = stripping("Type") { names.append(stem) }
        names.append(xsdName)
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The JSON name of a list type's repeated member: the item element's name in the plural, as
    /// EM's JSON writes it (`ReplicaJobSession` → `ReplicaJobSessions`, `Repository` →
    /// `Repositories`; a name already ending in `s` stays; `y` after a vowel just takes `s`).
    /// - Parameter name: the item element's name.
    /// - Returns: the plural.
    static func plural(_ name: String) -> String {
        if name.hasSuffix("s") { return name }
        if name.hasSuffix("y"), let before = name.dropLast().last, !"aeiouAEIOU".contains(before) {
            return String(name.dropLast()) + "ies"
        }
        return name + "s"
    }
}
