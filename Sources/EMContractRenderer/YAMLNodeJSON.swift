import Yams

/// Writes a YAML node tree as JSON text (RFC 8259), keeping mapping order; scalars are typed by
/// YAML's core schema, and quoted scalars are always strings.
///
/// ```swift
/// let json = YAMLNodeJSON.text(of: try Yams.compose(yaml: "a: [1, \"2\"]")!)  // {"a":[1,"2"]}
/// ```
enum YAMLNodeJSON {
    /// The node as compact JSON.
    /// - Parameter node: a composed YAML node (aliases become `null`).
    /// - Returns: the JSON text.
    static func text(of node: Node) -> String {
        var out = ""
        write(node, to: &out)
        return out
    }

    /// `string` as a quoted JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or
    /// `\u00XX`, everything else as is. The result is a valid YAML double-quoted scalar too.
    /// - Parameter string: any text.
    /// - Returns: the literal, quotes included.
    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func write(_ node: Node, to out: inout String) {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            guard scalar.style == .plain || scalar.style == .any else {
                out += quoted(text)
                return
            }
            if node.null != nil {
                out += "null"
            } else if let bool = node.bool {
                out += bool ? "true" : "false"
            } else if node.int != nil || node.float != nil, text.allSatisfy({ "-.0123456789eE".contains($0) }) {
                out += text
            } else {
                out += quoted(text)
            }
        case .mapping(let mapping):
            out += "{"
            for (index, pair) in mapping.enumerated() {
                if index > 0 { out += "," }
                out += quoted(pair.key.string ?? "")
                out += ":"
                write(pair.value, to: &out)
            }
            out += "}"
        case .sequence(let sequence):
            out += "["
            for (index, item) in sequence.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .alias:
            out += "null"
        }
    }
}
