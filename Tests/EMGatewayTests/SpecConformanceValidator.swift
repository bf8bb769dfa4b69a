import Foundation

/// Checks JSON against the subset of JSON Schema (2020-12, as OpenAPI 3.2 uses it) that
/// `openapi/em-gateway.yaml` is written in: `type` (also `["T", "null"]`), `properties`, `items`,
/// `$ref`, `allOf`, `oneOf` and `enum`; `format`, `xml`, `readOnly` and descriptions are ignored.
///
/// One rule is stricter than plain JSON Schema, because the native dialect promises it (README,
/// "The JSON dialect", rules 2 and 6): an object has exactly the members its schema names, through
/// its whole `allOf` chain — a member the schema lacks means the converter fell back to plain rules
/// for an element the spec does not know, and a missing member means the converter did not write
/// the `null` the dialect owes. That rule is also what tells the two branches of a
/// "reference or entity" `oneOf` apart. The one exception is a type whose own part names no members
/// at all (`SystemSessionEvents`: only `Resource`'s): EM's reference shows nothing of its body, so
/// members beyond the base are not contradictions but gaps, reported apart with the prefix
/// ``undocumented``.
struct SpecConformanceValidator {
    /// The prefix of a report about a member of a type the spec documents no members of.
    static let undocumented = "undocumented: "

    /// Whether a report is a gap in the spec rather than a mismatch.
    static func isGap(_ report: String) -> Bool { report.hasPrefix(undocumented) }

    /// The whole OpenAPI document, as Yams loads it.
    let document: [String: Any]

    /// Every mismatch between `value` and `schema`, each prefixed with its JSON path (`$.Refs[0].Href`).
    func mismatches(_ value: SpecConformanceJSON, _ schema: Any, at path: String = "$") -> [String] {
        let flat: Flattened
        do { flat = try flatten(schema) } catch { return ["\(path): \(error)"] }
        var found: [String] = []
        if let types = flat.types, types.isDisjoint(with: value.schemaTypes) {
            return ["\(path): \(value) is not of type \(types.sorted().joined(separator: "|"))"]
        }
        if let allowed = flat.enumValues, !allowed.contains(where: { Self.enumMatches($0, value) }) {
            found.append("\(path): \(value) is not one of the enum \(allowed.map(Self.enumLabel))")
        }
        if case .object(let members) = value, let properties = flat.properties {
            let names = Set(properties.map(\.name))
            for key in members.keys.sorted() where !names.contains(key) {
                found.append((flat.documentsNoMembers ? Self.undocumented : "") + "\(path): member \(key) is not in the schema")
            }
            for (name, propertySchema) in properties {
                guard let member = members[name] else {
                    // Only members of newer EMs may be missing (`x-em-omit-when-absent`); all others are `null`.
                    if (propertySchema as? [String: Any])?["x-em-omit-when-absent"] as? Bool != true {
                        found.append("\(path): member \(name) is missing")
                    }
                    continue
                }
                found += mismatches(member, propertySchema, at: "\(path).\(name)")
            }
        }
        if case .array(let items) = value, let itemSchema = flat.items {
            for (index, item) in items.enumerated() { found += mismatches(item, itemSchema, at: "\(path)[\(index)]") }
        }
        for branches in flat.oneOfs {
            let results = branches.map { mismatches(value, $0, at: path) }
            let matches = results.filter { $0.allSatisfy(Self.isGap) }
            if matches.count == 1 {
                found += matches[0]
                continue
            }
            let matching = matches.count
            let names = branches.map(Self.label).joined(separator: ", ")
            if matching > 1 {
                found.append("\(path): matches \(matching) branches of oneOf (\(names)), not exactly one")
            } else {
                // A branch whose type does not even admit the value (`null` beside an object) says least.
                let typed = results.filter { !($0.count == 1 && $0[0].hasPrefix("\(path): ") && $0[0].contains(" is not of type ")) }
                let closest = (typed.isEmpty ? results : typed).min { $0.count < $1.count } ?? []
                found.append("\(path): matches no branch of oneOf (\(names)); the closest says:")
                found += closest.map { "    " + $0 }
            }
        }
        return found
    }

    /// A schema with its `$ref`s and `allOf`s merged: what a value must satisfy at this level.
    private struct Flattened {
        var types: Set<String>?
        var enumValues: [Any]?
        var properties: [(name: String, schema: Any)]?
        var items: Any?
        var oneOfs: [[Any]] = []
        /// Properties named by the schema itself, not by an `allOf` base it refers to.
        var ownPropertyCount = 0

        /// An object type whose own part names no members (only its base's).
        var documentsNoMembers: Bool { properties != nil && ownPropertyCount == 0 }
    }

    private struct SchemaProblem: Error, CustomStringConvertible {
        let description: String
    }

    private func flatten(_ schema: Any, depth: Int = 0) throws -> Flattened {
        guard depth < 64 else { throw SchemaProblem(description: "the spec's $ref/allOf chain does not end") }
        guard let schema = schema as? [String: Any] else {
            throw SchemaProblem(description: "the spec has a schema that is not an object: \(schema)")
        }
        var flat = Flattened()
        if let reference = schema["$ref"] as? String {
            flat = try flatten(try resolve(reference), depth: depth + 1)
        }
        if let type = schema["type"] {
            let types = Set((type as? [String]) ?? [type as? String].compactMap { $0 })
            flat.types = flat.types.map { $0.intersection(types) } ?? types
        }
        if let values = schema["enum"] as? [Any] { flat.enumValues = values }
        if let properties = schema["properties"] as? [String: Any] {
            // Yams keeps no key order; order does not matter for validation.
            let own = properties.keys.sorted().map { (name: $0, schema: properties[$0]!) }
            flat.properties = (flat.properties ?? []) + own
            flat.ownPropertyCount += own.count
        }
        if let items = schema["items"] { flat.items = items }
        if let branches = schema["oneOf"] as? [Any] { flat.oneOfs.append(branches) }
        for part in schema["allOf"] as? [Any] ?? [] {
            let inner = try flatten(part, depth: depth + 1)
            if let types = inner.types { flat.types = flat.types.map { $0.intersection(types) } ?? types }
            if let values = inner.enumValues { flat.enumValues = values }
            if let properties = inner.properties { flat.properties = (flat.properties ?? []) + properties }
            // A base (`$ref: Resource`) lends its members; only inline parts document the type's own.
            if (part as? [String: Any])?["$ref"] == nil { flat.ownPropertyCount += inner.ownPropertyCount }
            if let items = inner.items { flat.items = items }
            flat.oneOfs += inner.oneOfs
        }
        return flat
    }

    /// The schema a local `$ref` (`#/components/schemas/Name`) points at.
    private func resolve(_ reference: String) throws -> Any {
        guard reference.hasPrefix("#/") else { throw SchemaProblem(description: "non-local $ref \(reference)") }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else {
                throw SchemaProblem(description: "$ref \(reference) names nothing")
            }
            node = next
        }
        return node
    }

    private static func enumLabel(_ allowed: Any) -> String {
        allowed is NSNull || "\(allowed)" == "<null>" ? "null" : "\(allowed)"
    }

    private static func enumMatches(_ allowed: Any, _ value: SpecConformanceJSON) -> Bool {
        if allowed is NSNull { if case .null = value { return true } else { return false } }
        guard let text = value.enumText else { return false }
        return "\(allowed)" == text
    }

    /// A short name for a `oneOf` branch in messages (`EntityRef`, `null`).
    private static func label(_ schema: Any) -> String {
        guard let schema = schema as? [String: Any] else { return "?" }
        if let reference = schema["$ref"] as? String { return String(reference.split(separator: "/").last ?? "") }
        if let type = schema["type"] { return "\(type)" }
        return "schema"
    }
}
