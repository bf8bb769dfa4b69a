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
        var byResource: [String: [Route]] = [:]
        /// Routes with fewer than two segments or a parameter there: candidates for every path.
        var unbucketed: [Route] = []

        /// The routes a path can match: its resource's bucket (`resource` lower-cased), then the rest.
        func candidates(resource: String?) -> (bucket: [Route], unbucketed: [Route]) {
            (resource.flatMap { byResource[$0] } ?? [], unbucketed)
        }

        mutating func append(_ route: Route) {
            if route.segments.count >= 2, case .literal(let resource) = route.segments[1] {
                byResource[String(decoding: resource, as: UTF8.self), default: []].append(route)
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
    ///
    /// Runs once per request (the route label), so it reads the path's bytes in place: no
    /// substrings, no lower-cased copies of segments.
    func route(method: String, path: String) -> Route? {
        guard let routes = routesByMethod[method] ?? routesByMethod[method.uppercased()] else { return nil }
        var path = path
        return path.withUTF8 { bytes -> Route? in
            let segments = Self.segments(of: bytes)
            let resource = segments.count >= 2 ? Self.lowercasedString(bytes, segments[1]) : nil
            let (bucket, unbucketed) = routes.candidates(resource: resource)
            var best: Route?
            for candidates in [bucket, unbucketed] {
                for route in candidates where Self.matches(route, segments, in: bytes) {
                    if let current = best,
                        current.literalCount > route.literalCount
                            || (current.literalCount == route.literalCount && (!current.endsWithRest || route.endsWithRest))
                    {
                        continue
                    }
                    best = route
                }
            }
            return best
        }
    }

    // MARK: - Templates and paths

    /// Splits a template once, at start-up, on its bytes (321 operations: Substring and Character
    /// comparisons made this a noticeable part of `em-gateway convert`'s start-up).
    private static func route(for template: String, method: String) -> Route {
        var segments: [Segment] = []
        var literals = 0
        var endsWithRest = false
        var template = template
        template.withUTF8 { bytes in
            let ranges = Self.segments(of: bytes)
            for (position, range) in ranges.enumerated() {
                let part = UnsafeBufferPointer(rebasing: bytes[range])
                if part.first == UInt8(ascii: "{") && part.last == UInt8(ascii: "}") {
                    segments.append(.parameter)
                    if position == ranges.count - 1 && part.elementsEqual("{filepath}".utf8) { endsWithRest = true }
                } else {
                    segments.append(.literal(part.map(lowercased)))
                    literals += 1
                }
            }
        }
        return Route(method: method, segments: segments, endsWithRest: endsWithRest, literalCount: literals, variants: [])
    }

    /// The byte ranges of a path's segments, without query, fragment and empty segments (so
    /// `/api/x/` is `/api/x`).
    private static func segments(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        segments.reserveCapacity(8)
        var start = 0
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
            let ends = byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
            if byte == UInt8(ascii: "/") || ends {
                if index > start { segments.append(start..<index) }
                if ends { break }
                start = index + 1
            }
        }
        return segments
    }

    /// The segment's bytes lower-cased, as a String (inline, without allocation, up to 15 bytes).
    private static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = lowercased(bytes[index]) }
            return range.count
        }
    }

    private static func matches(_ route: Route, _ segments: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if route.endsWithRest {
            guard segments.count >= route.segments.count else { return false }
        } else {
            guard segments.count == route.segments.count else { return false }
        }
        for (position, template) in route.segments.enumerated() {
            guard case .literal(let literal) = template else { continue }
            let segment = segments[position]
            guard segment.count == literal.count else { return false }
            for (index, expected) in zip(segment, literal) where lowercased(bytes[index]) != expected { return false }
        }
        return true
    }

    fileprivate static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
