import Foundation

/// Help text wrapped once, by the gateway: every line fits ``width`` columns, so ArgumentParser
/// (which wraps at the terminal's width, 80 when it cannot tell) never breaks one again.
enum HelpText {
    /// The column every help line ends before.
    static let width = 79

    /// `text` as lines of at most ``width`` columns, each starting with `indent`; words are kept
    /// whole (a word longer than a line gets a line of its own).
    static func wrap(_ text: String, indent: String = "") -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines
    }

    /// Paragraphs separated by empty lines, each wrapped; a paragraph's own line breaks are
    /// taken as spaces, except before and after lines that start with a space (examples), which
    /// are kept as written.
    static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { paragraph in
            var lines: [String] = []
            var words: [Substring] = []
            func flush() {
                if !words.isEmpty { lines += wrap(words.joined(separator: " ")) }
                words = []
            }
            for line in paragraph.split(separator: "\n") {
                if line.hasPrefix(" ") {
                    flush()
                    lines.append(String(line))
                } else {
                    words.append(line)
                }
            }
            flush()
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
