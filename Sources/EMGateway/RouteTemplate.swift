/// A bounded label for a request path, for metrics and logs: identifiers become `{ID}`.
///
/// A segment that holds a digit, or is longer than 40 bytes, is an identifier (GUIDs, `task-12`,
/// VM names with numbers); paths deeper than six segments are cut with `/...`, so the number
/// of distinct routes stays small whatever clients send.
enum RouteTemplate {
    static func template(for path: String) -> String {
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if parts.count == 6 {
                parts.append("...")
                break
            }
            let isIdentifier = segment.utf8.count > 40 || segment.contains(where: { $0.isNumber }) || segment.contains("%")
            parts.append(isIdentifier ? "{ID}" : Substring(segment.lowercased()))
        }
        return "/" + parts.joined(separator: "/")
    }
}
