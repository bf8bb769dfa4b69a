import EMUpstream
import Foundation

/// Turns a path template into a path the demo world has, as a client would: each `{…}` segment
/// becomes the next segment of an `Href` found in the JSON of the path before it (a list's
/// `Refs`, an item list, or `Links`), so nothing is hard-coded about the simulator's data.
/// Candidates are tried in document order, and a later one only when the rest of the template
/// cannot be resolved below an earlier one (the vCloud compute resources of the one vCloud
/// tenant, the mounts of the one mounted point). When no Href lies below the path, the IDs of the
/// list's items are taken from their own Hrefs (EM spells `/replicaTaskSessions`' items
/// `/repicaTaskSessions/…`). `{filepath}` takes the rest of such an Href, slashes included.
final class SpecConformancePathResolver {
    private let stack: DemoStack
    private let session: UpstreamHeader
    private var listings: [String: SpecConformanceJSON?] = [:]

    init(stack: DemoStack, token: String) {
        self.stack = stack
        self.session = DemoStack.session(token)
    }

    /// The concrete path, or `nil` when no list on the way has an item below which the rest resolves.
    func resolve(_ template: String) async throws -> String? {
        let segments = template.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let path = try await resolve(segments[...], below: "") else { return nil }
        return path + (template.hasSuffix("/") ? "/" : "")
    }

    /// At most this many items of one list are tried before giving up on a template.
    private static let candidatesPerList = 12

    private func resolve(_ segments: ArraySlice<String>, below path: String) async throws -> String? {
        guard let segment = segments.first else { return path }
        guard segment.hasPrefix("{") else {
            return try await resolve(segments.dropFirst(), below: path + "/" + segment)
        }
        let wholeRest = segment == "{filepath}"
        for next in try await children(of: path, wholeRest: wholeRest).prefix(Self.candidatesPerList) {
            if let resolved = try await resolve(segments.dropFirst(), below: path + "/" + next) { return resolved }
        }
        return nil
    }

    /// The `UID` of the first item of a list (`/api/hierarchyRoots`), or `nil` when it is empty.
    func firstUID(of path: String) async throws -> String? {
        guard case .object(let list)? = try await listing(path) else { return nil }
        for case .array(let items) in list.values {
            for case .object(let item) in items {
                if case .string(let uid)? = item["UID"] { return uid }
            }
        }
        return nil
    }

    /// The distinct segments (or, for a file path, the rests) after `parent` of the Hrefs below it, in document order.
    private func children(of parent: String, wholeRest: Bool) async throws -> [String] {
        let prefix = (stack.gatewayURL + parent + "/").lowercased()
        var found: [String] = []
        for candidate in [parent, parent + "/"] {
            guard let listing = try await listing(candidate) else { continue }
            for href in listing.hrefs {
                let bare = String(href.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
                guard bare.lowercased().hasPrefix(prefix) else { continue }
                let rest = bare.dropFirst(prefix.count)
                let next = String(wholeRest ? Substring(rest) : rest.split(separator: "/").first ?? "")
                if !next.isEmpty && !found.contains(next) { found.append(next) }
            }
            if !found.isEmpty { break }
        }
        if found.isEmpty && !wholeRest, case .object(let list)? = try await listing(parent) {
            // A list whose items live elsewhere: `/replicaTaskSessions` lists Hrefs under EM's own
            // spelling `/repicaTaskSessions`; a client takes each item's ID from its Href.
            for case .array(let items) in list.values {
                for case .object(let item) in items {
                    guard case .string(let href)? = item["Href"],
                        let id = href.split(separator: "?")[0].split(separator: "/").last
                    else { continue }
                    if !found.contains(String(id)) { found.append(String(id)) }
                }
            }
        }
        return found
    }

    private func listing(_ path: String) async throws -> SpecConformanceJSON? {
        if let cached = listings[path] { return cached }
        let answer = try await stack.call("GET", path, headers: [session])
        let json = answer.status == 200 ? try? SpecConformanceJSON.parse(answer.body) : nil
        listings[path] = json
        return json
    }
}
