import Foundation

/// A JSON value as the gateway wrote it, keeping what `JSONSerialization` blurs on Linux:
/// `true` stays a boolean, `1` an integer, `1.5` a number.
enum SpecConformanceJSON: Decodable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([SpecConformanceJSON])
    case object([String: SpecConformanceJSON])

    /// Parses a JSON document.
    static func parse(_ bytes: [UInt8]) throws -> SpecConformanceJSON {
        try JSONDecoder().decode(SpecConformanceJSON.self, from: Data(bytes))
    }

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [SpecConformanceJSON] = []
            while !list.isAtEnd { items.append(try list.decode(SpecConformanceJSON.self)) }
            self = .array(items)
            return
        }
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            var members: [String: SpecConformanceJSON] = [:]
            for key in keyed.allKeys { members[key.stringValue] = try keyed.decode(SpecConformanceJSON.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? single.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// The JSON Schema type names this value is an instance of (`integer` is also a `number`).
    var schemaTypes: Set<String> {
        switch self {
        case .null: ["null"]
        case .boolean: ["boolean"]
        case .integer: ["integer", "number"]
        case .number(let value): value.rounded() == value ? ["integer", "number"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    /// The value as it would appear in a YAML `enum` list, for comparing (`nil` for null).
    var enumText: String? {
        switch self {
        case .null, .array, .object: nil
        case .boolean(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value
        }
    }

    /// Every `Href` string anywhere in the document, in document order (object keys sorted).
    var hrefs: [String] {
        switch self {
        case .array(let items): return items.flatMap(\.hrefs)
        case .object(let members):
            var found: [String] = []
            if case .string(let href)? = members["Href"] { found.append(href) }
            for key in members.keys.sorted() where key != "Href" { found += members[key]!.hrefs }
            return found
        default: return []
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .boolean(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): "\"\(value)\""
        case .array(let items): "array of \(items.count)"
        case .object(let members): "object {\(members.keys.sorted().joined(separator: ","))}"
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
