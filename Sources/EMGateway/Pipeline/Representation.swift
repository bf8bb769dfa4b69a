import EMTranslate
import HTTPTypes

/// What a client gets back for an EM answer: JSON in a dialect, or EM's own XML.
enum Representation: Sendable, Equatable {
    case json(JSONDialect)
    case xml

    /// Whether the gateway's own errors are written as EM's XML `Error`.
    var isXML: Bool { self == .xml }
}

/// Chooses the representation from the client's `Accept` header (RFC 9110 §12.5.1).
///
/// EM itself answers XML unless `Accept` asks for JSON. The gateway serves either, with a
/// configured default (``GatewayConfiguration/DefaultRepresentation``):
/// - default `json`: XML only when `application/xml` or `text/xml` has a q-value strictly
///   greater than every other range (`text/html` and `*/*` included), else JSON. A browser tab
///   (`text/html,…,application/xml;q=0.9,*/*;q=0.8`) gets JSON.
/// - default `xml`: JSON only when `application/json` has a q-value strictly greater than every
///   other range, else XML, as EM answers.
/// - no `Accept` at all: the default.
///
/// A `dialect` parameter on `application/json` picks the JSON dialect
/// (`application/json; dialect=compact`); it never comes from the query string, which belongs
/// to EM. A range naming an unknown dialect is not acceptable; when no other acceptable range
/// remains the answer is `406`.
struct MediaNegotiation: Sendable {
    /// The configured default representation.
    let preferred: GatewayConfiguration.DefaultRepresentation
    /// The JSON dialect when the client names none.
    let dialect: JSONDialect

    /// The outcome for one request.
    /// - Parameter fields: the request's header fields.
    /// - Returns: the representation, or `nil` when every range the client accepts names a JSON
    ///   dialect the gateway does not know (answer `406`).
    func representation(for fields: HTTPFields) -> Representation? {
        var sawAccept = false
        var xmlQuality = -1.0
        var jsonQuality = -1.0
        var jsonDialect: JSONDialect?
        var otherQuality = -1.0
        var unknownDialect = false
        for value in fields[values: .accept] {
            for range in value.split(separator: ",") {
                let parts = range.split(separator: ";").map { $0.trimmingSpaces }
                guard let type = parts.first?.lowercased(), !type.isEmpty else { continue }
                sawAccept = true
                var quality = 1.0
                var dialectName: String?
                for parameter in parts.dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
                    guard pair.count == 2 else { continue }
                    switch pair[0].lowercased() {
                    case "q": quality = Double(pair[1]).map { min(max($0, 0), 1) } ?? 1
                    case "dialect": dialectName = String(pair[1]).trimmingQuotes
                    default: break
                    }
                }
                guard quality > 0 else { continue }
                switch type {
                case "application/xml", "text/xml":
                    xmlQuality = max(xmlQuality, quality)
                case "application/json":
                    if let dialectName {
                        guard let named = JSONDialect(name: dialectName) else {
                            unknownDialect = true
                            continue
                        }
                        if quality > jsonQuality { jsonDialect = named }
                    } else if quality > jsonQuality {
                        jsonDialect = nil
                    }
                    jsonQuality = max(jsonQuality, quality)
                default:
                    otherQuality = max(otherQuality, quality)
                }
            }
        }
        guard sawAccept else { return preferred == .json ? .json(dialect) : .xml }
        if unknownDialect && xmlQuality < 0 && jsonQuality < 0 && otherQuality < 0 { return nil }
        switch preferred {
        case .json:
            return xmlQuality > max(jsonQuality, otherQuality) ? .xml : .json(jsonDialect ?? dialect)
        case .xml:
            return jsonQuality > max(xmlQuality, otherQuality) ? .json(jsonDialect ?? dialect) : .xml
        }
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
        func bytes(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        }
        return types.contains { lowered.elementsEqual(bytes($0)) } || lowered.reversed().starts(with: bytes(suffix).reversed())
    }
}

extension StringProtocol {
    /// The text without surrounding double quotes (a quoted-string parameter value, RFC 9110 §5.6.4).
    fileprivate var trimmingQuotes: String {
        var result = Substring(self)
        while result.first == "\"" { result.removeFirst() }
        while result.last == "\"" { result.removeLast() }
        return String(result)
    }
}
