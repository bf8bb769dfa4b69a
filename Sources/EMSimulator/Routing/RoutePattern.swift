/// A path pattern under `/api/` and the endpoint it leads to.
///
/// ```swift
/// RoutePattern([.literal("jobs"), .id(.job), .literal("includes")],
///              .children(parent: .job, segment: "includes", child: .objectInJob, .resources(root: "ObjectsInJob", item: nil)))
/// ```
struct RoutePattern: Sendable {
    /// One segment of a pattern.
    enum Segment: Sendable, Equatable {
        /// A fixed segment, matched case-insensitively (stored lower-cased).
        case literal(String)
        /// An ID of a kind.
        case id(ResourceKind)
        /// Everything that follows (one or more segments; a file-system path).
        case rest
    }

    let segments: [Segment]
    let endpoint: Endpoint

    /// Creates a pattern.
    /// - Parameters:
    ///   - segments: the segments after `/api/`.
    ///   - endpoint: what it serves.
    init(_ segments: [Segment], _ endpoint: Endpoint) {
        self.segments = segments.map {
            if case .literal(let text) = $0 { return .literal(text.lowercased()) }
            return $0
        }
        self.endpoint = endpoint
    }

    /// The segments of a path written with `/` (`"cloud/tenants"`), as literals.
    /// - Parameter path: the path; empty gives none.
    /// - Returns: the literal segments.
    static func literals(_ path: String) -> [Segment] {
        path.split(separator: "/").map { .literal(String($0)) }
    }

    /// Matches path segments.
    /// - Parameter path: the segments after `api`, as sent.
    /// - Returns: the route, or `nil` when the pattern does not match.
    func match(_ path: [String]) -> Route? {
        var captures: [Route.Capture] = []
        var names: [String] = []
        for (index, segment) in self.segments.enumerated() {
            switch segment {
            case .rest:
                guard index < path.count else { return nil }
                return Route(
                    endpoint: self.endpoint, captures: captures, rest: Array(path[index...]),
                    logName: (names + ["{path}"]).joined(separator: "/"))
            case .literal(let text):
                guard index < path.count, path[index].lowercased() == text else { return nil }
                names.append(text)
            case .id(let kind):
                guard index < path.count else { return nil }
                captures.append(Route.Capture(kind: kind, id: path[index]))
                names.append("{ID}")
            }
        }
        guard path.count == self.segments.count else { return nil }
        return Route(endpoint: self.endpoint, captures: captures, rest: [], logName: names.joined(separator: "/"))
    }
}
