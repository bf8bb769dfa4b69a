import EMTranslate
import HTTPTypes

/// What the client wants back, read from its `Accept` header (RFC 9110 §12.5.1).
///
/// JSON is the default. `application/xml` or `text/xml` ranked above JSON gets EM's XML. A
/// `dialect` parameter on the JSON media type picks the dialect
/// (`Accept: application/json; dialect=compact`); it never comes from the query string (F24).
struct MediaNegotiation {
    enum Representation { case json(JSONDialect), xml }

    static func representation(for fields: HTTPFields, default dialect: JSONDialect) -> Representation {
        var best: (quality: Double, representation: Representation)?
        for value in fields[values: .accept] {
            for range in value.split(separator: ",") {
                let parts = range.split(separator: ";").map { $0.trimmingSpaces }
                guard let type = parts.first?.lowercased() else { continue }
                var quality = 1.0
                var chosenDialect = dialect
                for parameter in parts.dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0.trimmingSpaces) }
                    guard pair.count == 2 else { continue }
                    switch pair[0].lowercased() {
                    case "q": quality = Double(pair[1]) ?? 1
                    case "dialect": chosenDialect = JSONDialect(name: pair[1].trimmingCharacters("\"")) ?? dialect
                    default: break
                    }
                }
                let representation: Representation
                switch type {
                case "application/json", "application/*", "*/*": representation = .json(chosenDialect)
                case "application/xml", "text/xml": representation = .xml
                default: continue
                }
                if quality > 0, best == nil || quality > best!.quality { best = (quality, representation) }
            }
        }
        return best?.representation ?? .json(dialect)
    }

    /// Whether a `Content-Type` names JSON (`application/json`, `…+json`).
    static func isJSON(_ contentType: String?) -> Bool {
        mediaType(of: contentType, isOneOf: ["application/json"], orEndsWith: "+json")
    }

    /// Whether a `Content-Type` names XML (`application/xml`, `text/xml`, `…+xml`).
    static func isXML(_ contentType: String?) -> Bool {
        mediaType(of: contentType, isOneOf: ["application/xml", "text/xml"], orEndsWith: "+xml")
    }

    /// Whether the media type of `contentType` (before any parameter, without the white space
    /// around it, ASCII letter case ignored) is one of `types` or ends with `suffix` (both
    /// lower-case). Reads the bytes in place: EM's `Content-Type` is checked on every answer.
    private static func mediaType(of contentType: String?, isOneOf types: [StaticString], orEndsWith suffix: StaticString) -> Bool {
        guard let contentType else { return false }
        var type = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
        while let first = type.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { type = type.dropFirst() }
        while let last = type.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { type = type.dropLast() }
        let lowered = type.lazy.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        func bytes(_ text: StaticString) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount) }
        return types.contains { lowered.elementsEqual(bytes($0)) } || lowered.reversed().starts(with: bytes(suffix).reversed())
    }
}

extension String {
    fileprivate func trimmingCharacters(_ character: Character) -> String {
        var result = self[...]
        while result.first == character { result.removeFirst() }
        while result.last == character { result.removeLast() }
        return String(result)
    }
}
