/// The Levenshtein distance between names, for "did you mean" suggestions.
enum EditDistance {
    /// The fewest single-character insertions, deletions and substitutions that turn `a` into `b`.
    /// - Parameters:
    ///   - a: one name.
    ///   - b: the other.
    /// - Returns: the distance, 0 for equal names.
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `name` within `limit` edits (the first of equally close ones), or `nil`.
    /// - Parameters:
    ///   - name: the unknown name.
    ///   - candidates: the known names.
    ///   - limit: the largest distance suggested. Default 2.
    /// - Returns: the suggestion, or `nil` when none is close enough.
    static func closest(to name: String, in candidates: [String], limit: Int = 2) -> String? {
        candidates.map { ($0, between(name, $0)) }.filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }
}
