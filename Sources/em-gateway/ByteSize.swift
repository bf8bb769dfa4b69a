import Foundation

/// Sizes in bytes as settings write them: `67108864`, `64MiB`, `512KiB`, `1GiB` (IEC binary
/// prefixes; `KB`/`MB`/`GB` are taken as the same powers of 1024, as most operators mean them).
enum ByteSize {
    /// Parses a size.
    /// - Parameter text: digits with an optional unit.
    /// - Returns: the size in bytes.
    /// - Throws: ``SettingError/invalid(_:)`` for anything else, or a size of 0.
    static func parse(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let factors: [String: Int] = [
            "": 1, "b": 1, "kib": 1 << 10, "kb": 1 << 10, "k": 1 << 10, "mib": 1 << 20, "mb": 1 << 20, "m": 1 << 20,
            "gib": 1 << 30, "gb": 1 << 30, "g": 1 << 30,
        ]
        guard let value = Int(digits), value > 0, let factor = factors[unit], value <= Int.max / factor else {
            throw SettingError.invalid("be a size in bytes above 0, optionally with KiB, MiB or GiB (64MiB)")
        }
        return value * factor
    }

    /// A size as `parse` reads it back: the largest unit that divides it (`64MiB`).
    static func describe(_ bytes: Int) -> String {
        for (unit, factor) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes % factor == 0 {
            return "\(bytes / factor)\(unit)"
        }
        return String(bytes)
    }
}
