/// Decodes XML's predefined entities (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`) and numeric
/// character references (`&#38;`, `&#x2F;`) to UTF-8. Anything else is copied unchanged.
enum CharacterReferences {
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        let count = raw.count
        while index < count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "&"), let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")),
                semicolon - index <= 12
            else {
                output.append(byte)
                index += 1
                continue
            }
            let body = UnsafeBufferPointer(rebasing: raw[(index + 1)..<semicolon])
            if let scalar = scalar(of: body) {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    private static func scalar(of body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let name = String(decoding: body, as: UTF8.self)
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }
}
