import EMUpstream
import Foundation

/// Turns a path template into a path the demo world has, as a client would: each `{…}` segment
/// becomes the next segment of the first `Href` found in the JSON of the path before it (a list's
/// `Refs`, an item list, or `Links`), so nothing is hard-coded about the simulator's data.
/// `{filepath}` takes the rest of such an Href, slashes included.
final class SpecConformancePathResolver {
    private let stack: DemoStack
    private let session: UpstreamHeader
    private var listings: [String: SpecConformanceJSON?] = [:]

    init(stack: DemoStack, token: String) {
        self.stack = stack
        self.session = DemoStack.session(token)
    }

    /// The concrete path, or `nil` when the list a parameter comes from is empty or not there.
    func resolve(_ template: String) async throws -> String? {
        var path = ""
        for segment in template.split(separator: "/", omittingEmptySubsequences: true) {
            guard segment.hasPrefix("{") else {
                path += "/" + segment
                continue
            }
            guard let next = try await child(of: path, wholeRest: segment == "{filepath}") else { return nil }
            path += "/" + next
        }
        return path + (template.hasSuffix("/") ? "/" : "")
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

    /// The segment (or, for a file path, the rest) after `parent` of the first Href below it.
    private func child(of parent: String, wholeRest: Bool) async throws -> String? {
        let prefix = (stack.gatewayURL + parent + "/").lowercased()
        for candidate in [parent, parent + "/"] {
            guard let listing = try await listing(candidate) else { continue }
            for href in listing.hrefs {
                let bare = String(href.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
                guard bare.lowercased().hasPrefix(prefix) else { continue }
                let rest = bare.dropFirst(prefix.count)
                let next = wholeRest ? Substring(rest) : rest.split(separator: "/").first ?? ""
                if !next.isEmpty { return String(next) }
            }
        }
        return nil
    }

    private func listing(_ path: String) async throws -> SpecConformanceJSON? {
        if let cached = listings[path] { return cached }
        let answer = try await stack.call("GET", path, headers: [session])
        let json = answer.status == 200 ? try? SpecConformanceJSON.parse(answer.body) : nil
        listings[path] = json
        return json
    }
}
