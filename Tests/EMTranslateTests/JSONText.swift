import EMTranslate

/// JSON helpers for tests: write a ``JSONValue`` back to text, reorder keys, edit by path.
enum JSONText {
    /// Compact JSON text of `value`, properties in their stored order.
    static func serialize(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let digits): out += digits
        case .string(let text): quote(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let properties):
            out += "{"
            for (index, property) in properties.enumerated() {
                if index > 0 { out += "," }
                quote(property.name, to: &out)
                out += ":"
                write(property.value, to: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `value` with every object's properties in a different order (a seeded shuffle that never
    /// leaves an object of two or more properties in its original order).
    static func shuffled(_ value: JSONValue, seed: UInt64) -> JSONValue {
        var generator = SplitMix64(state: seed)
        return shuffled(value, using: &generator)
    }

    private static func shuffled(_ value: JSONValue, using generator: inout SplitMix64) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { shuffled($0, using: &generator) })
        case .object(let properties):
            let inner = properties.map { JSONValue.Property(name: $0.name, value: shuffled($0.value, using: &generator)) }
            var reordered = inner.shuffled(using: &generator)
            if reordered.count > 1 && reordered.map(\.name) == inner.map(\.name) { reordered.reverse() }
            return .object(reordered)
        default:
            return value
        }
    }

    /// `value` with the property at `path` (object keys) replaced by `transform` of its current
    /// value (`nil` if absent); a `nil` result removes the property, a new one is appended.
    static func editing(_ value: JSONValue, _ path: [String], _ transform: (JSONValue?) -> JSONValue?) -> JSONValue {
        guard case .object(var properties) = value, let key = path.first else { return value }
        let index = properties.firstIndex { $0.name == key }
        let current = index.map { properties[$0].value }
        let replacement = path.count == 1 ? transform(current) : current.map { editing($0, Array(path.dropFirst()), transform) }
        switch (index, replacement) {
        case (let index?, let new?): properties[index].value = new
        case (let index?, nil): properties.remove(at: index)
        case (nil, let new?): properties.append(.init(name: key, value: new))
        case (nil, nil): break
        }
        return .object(properties)
    }
}

/// A small deterministic generator (SplitMix64) so shuffles repeat from run to run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
