/// Deterministic GUIDs for the scaled world: seeded arithmetic, no randomness, and reversible.
///
/// A scaled resource's ID is `hhhhhhhh-hhhh-4hhh-aKKK-IIIIIIIIIIII`: `h` digits come from a
/// SplitMix64 hash of (kind, index) so the IDs look like EM's, `KKK` is the kind's tag and
/// `I` the index in hex. ``parse(_:)`` reads the kind and index back and checks the hash, so a
/// by-ID request costs no lookup table, whatever the scale.
enum ScaledID {
    /// Which scaled collection an ID belongs to (the `KKK` field).
    enum Kind: UInt16, Sendable, CaseIterable {
        case job = 1
        case backupJobSession = 2
        case backupTaskSession = 3
        case restorePoint = 4
        case backup = 5
        case objectInJob = 6
    }

    private static let seed: UInt64 = 0x5EED_0E11_C0FF_EE42
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The ID of the `index`-th resource of `kind`.
    /// - Parameters:
    ///   - kind: the collection.
    ///   - index: the position in it (0-based, below 2^48).
    /// - Returns: a lower-case GUID in EM's `D` form.
    static func make(_ kind: Kind, _ index: Int) -> String {
        let hash = Self.hash(kind, index)
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        Self.appendHex(&bytes, hash >> 32, digits: 8)
        bytes.append(UInt8(ascii: "-"))
        Self.appendHex(&bytes, (hash >> 16) & 0xFFFF, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        Self.appendHex(&bytes, 0x4000 | (hash & 0x0FFF), digits: 4)
        bytes.append(UInt8(ascii: "-"))
        Self.appendHex(&bytes, 0xA000 | UInt64(kind.rawValue), digits: 4)
        bytes.append(UInt8(ascii: "-"))
        Self.appendHex(&bytes, UInt64(index), digits: 12)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a scaled ID back.
    /// - Parameter id: an ID from a path, any case.
    /// - Returns: its kind and index, or `nil` when `id` is not a scaled ID.
    static func parse(_ id: String) -> (kind: Kind, index: Int)? {
        let lower = id.lowercased()
        let parts = lower.split(separator: "-")
        guard parts.count == 5, parts[3].count == 4, parts[4].count == 12,
            let tag = UInt16(parts[3], radix: 16), tag & 0xF000 == 0xA000,
            let kind = Kind(rawValue: tag & 0x0FFF),
            let index = Int(parts[4], radix: 16)
        else { return nil }
        return Self.make(kind, index) == lower ? (kind, index) : nil
    }

    /// SplitMix64 of the seed, the kind and the index.
    private static func hash(_ kind: Kind, _ index: Int) -> UInt64 {
        var z = Self.seed &+ UInt64(kind.rawValue) << 48 &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func appendHex(_ bytes: inout [UInt8], _ value: UInt64, digits: Int) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
