/// Reproducible numbers for the living world: a hash (SplitMix64's finaliser) of the seed and
/// a few integers, so every run of a job gets the same outcome for the same seed, whatever was
/// asked before.
struct SeededNumbers: Sendable {
    /// The world's seed.
    let seed: UInt64

    /// A whole number in `range`.
    /// - Parameters:
    ///   - range: the bounds.
    ///   - parts: what the value is for.
    /// - Returns: the number.
    func int(_ range: ClosedRange<Int64>, _ parts: Int64...) -> Int64 {
        var state = self.seed &+ 0x9E37_79B9_7F4A_7C15
        for part in parts {
            state = Self.mix(state ^ UInt64(bitPattern: part) &+ 0x9E37_79B9_7F4A_7C15)
        }
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int64(Self.mix(state) % width)
    }

    private static func mix(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
