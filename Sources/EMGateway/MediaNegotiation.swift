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
        guard let contentType else { return false }
        let type = contentType.split(separator: ";", maxSplits: 1)[0].trimmingSpaces.lowercased()
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// Whether a `Content-Type` names XML (`application/xml`, `text/xml`, `…+xml`).
    static func isXML(_ contentType: String?) -> Bool {
        guard var contentType else { return false }
        return contentType.withUTF8 { bytes in
            // The media type before any parameter, without the white space around it.
            var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
            var start = 0
            while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            let type = UnsafeBufferPointer(rebasing: bytes[start..<end])
            func isSuffix(_ text: StaticString) -> Bool {
                let count = text.utf8CodeUnitCount
                guard type.count >= count else { return false }
                return zip(type[(type.count - count)...], UnsafeBufferPointer(start: text.utf8Start, count: count)).allSatisfy {
                    ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0) == $1
                }
            }
            return (isSuffix("application/xml") && type.count == 15) || (isSuffix("text/xml") && type.count == 8) || isSuffix("+xml")
        }
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
