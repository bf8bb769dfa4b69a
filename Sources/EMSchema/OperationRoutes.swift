/// The operations table prepared for matching concrete request paths: templates split into
/// lower-cased literal segments and parameters, grouped by method.
struct OperationRoutes: Sendable {
    /// One path template of one method, with the indexes of its variants in `SchemaModel.operations`.
    struct Route: Sendable {
        var segments: [Segment]
        /// The last template segment is `{filepath}`: it takes one or more path segments.
        var endsWithRest: Bool
        var literalCount: Int
        var variants: [Int]
    }

    enum Segment: Sendable {
        case literal([UInt8])
        case parameter
    }

    private var routesByMethod: [String: [Route]] = [:]

    init(_ operations: [SchemaModel.Operation]) {
        var indexByKey: [String: Int] = [:]
        for (position, operation) in operations.enumerated() {
            let key = operation.method + " " + operation.pathTemplate
            if let index = indexByKey[key] {
                routesByMethod[operation.method]![index].variants.append(position)
                continue
            }
            var route = Self.route(for: operation.pathTemplate)
            route.variants = [position]
            indexByKey[key] = routesByMethod[operation.method, default: []].count
            routesByMethod[operation.method, default: []].append(route)
        }
    }

    /// The best route for `method` and `path`: literal segments must match (ASCII case-insensitively),
    /// parameters match any one segment; among several matches the one with the most literal segments wins.
    func route(method: String, path: String) -> Route? {
        guard let routes = routesByMethod[method.uppercased()] else { return nil }
        let segments = Self.segments(of: path)
        var best: Route?
        for route in routes where Self.matches(route, segments) {
            if let current = best, current.literalCount > route.literalCount
                || (current.literalCount == route.literalCount && (!current.endsWithRest || route.endsWithRest))
            {
                continue
            }
            best = route
        }
        return best
    }

    // MARK: - Templates and paths

    private static func route(for template: String) -> Route {
        var segments: [Segment] = []
        var literals = 0
        var endsWithRest = false
        let parts = template.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            if part.hasPrefix("{") && part.hasSuffix("}") {
                segments.append(.parameter)
                if index == parts.count - 1 && part == "{filepath}" { endsWithRest = true }
            } else {
                segments.append(.literal(part.utf8.map(lowercased)))
                literals += 1
            }
        }
        return Route(segments: segments, endsWithRest: endsWithRest, literalCount: literals, variants: [])
    }

    /// The path's segments without query, fragment and empty segments (so `/api/x/` is `/api/x`).
    private static func segments(of path: String) -> [Substring.UTF8View] {
        var end = path.endIndex
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { end = mark }
        return path[..<end].split(separator: "/", omittingEmptySubsequences: true).map(\.utf8)
    }

    private static func matches(_ route: Route, _ segments: [Substring.UTF8View]) -> Bool {
        if route.endsWithRest {
            guard segments.count >= route.segments.count else { return false }
        } else {
            guard segments.count == route.segments.count else { return false }
        }
        for (segment, template) in zip(segments, route.segments) {
            guard case .literal(let literal) = template else { continue }
            guard segment.count == literal.count else { return false }
            for (byte, expected) in zip(segment, literal) where lowercased(byte) != expected { return false }
        }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
