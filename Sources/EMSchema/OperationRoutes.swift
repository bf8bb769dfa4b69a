/// The operations table prepared for matching concrete request paths: templates split into
/// lower-cased literal segments and parameters, grouped by method.
struct OperationRoutes: Sendable {
    /// One path template of one method, with the indexes of its variants in `SchemaModel.operations`.
    struct Route: Sendable {
        var method: String
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

    /// A method's routes, bucketed by their second segment (the resource after `/api`), so a
    /// lookup compares a path with the few templates of its resource, not with all of them.
    private struct MethodRoutes: Sendable {
        /// Routes whose second segment is a literal, by that literal (lower-cased).
        var byResource: [[UInt8]: [Route]] = [:]
        /// Routes with fewer than two segments or a parameter there: candidates for every path.
        var unbucketed: [Route] = []

        func candidates(_ segments: [Substring.UTF8View]) -> (bucket: [Route], unbucketed: [Route]) {
            guard segments.count >= 2 else { return ([], unbucketed) }
            return (byResource[segments[1].map(OperationRoutes.lowercased)] ?? [], unbucketed)
        }

        mutating func append(_ route: Route) {
            if route.segments.count >= 2, case .literal(let resource) = route.segments[1] {
                byResource[resource, default: []].append(route)
            } else {
                unbucketed.append(route)
            }
        }
    }

    private var routesByMethod: [String: MethodRoutes] = [:]

    init(_ operations: [SchemaModel.Operation]) {
        var routes: [Route] = []
        var indexByKey: [String: Int] = [:]
        for (position, operation) in operations.enumerated() {
            let key = operation.method + " " + operation.pathTemplate
            if let index = indexByKey[key] {
                routes[index].variants.append(position)
                continue
            }
            indexByKey[key] = routes.count
            var route = Self.route(for: operation.pathTemplate, method: operation.method)
            route.variants = [position]
            routes.append(route)
        }
        for route in routes {
            routesByMethod[route.method, default: MethodRoutes()].append(route)
        }
    }

    /// The best route for `method` and `path`: literal segments must match (ASCII case-insensitively),
    /// parameters match any one segment; among several matches the one with the most literal segments wins.
    func route(method: String, path: String) -> Route? {
        guard let routes = routesByMethod[method] ?? routesByMethod[method.uppercased()] else { return nil }
        let segments = Self.segments(of: path)
        let (bucket, unbucketed) = routes.candidates(segments)
        var best: Route?
        for candidates in [bucket, unbucketed] {
            for route in candidates where Self.matches(route, segments) {
                if let current = best, current.literalCount > route.literalCount
                    || (current.literalCount == route.literalCount && (!current.endsWithRest || route.endsWithRest))
                {
                    continue
                }
                best = route
            }
        }
        return best
    }

    // MARK: - Templates and paths

    private static func route(for template: String, method: String) -> Route {
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
        return Route(method: method, segments: segments, endsWithRest: endsWithRest, literalCount: literals, variants: [])
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

    fileprivate static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
