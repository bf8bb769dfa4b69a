/// Builds EM's absolute URLs from the advertised base.
struct HrefBuilder: Sendable {
    /// The base without a trailing `/`, such as `https://localhost:9398`.
    let base: String

    /// Creates a builder.
    /// - Parameter advertisedBaseURL: the base EM believes it has; a trailing `/` is dropped.
    init(advertisedBaseURL: String) {
        var base = advertisedBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// `<base>/api/<path>`.
    /// - Parameter path: the part after `/api/` (may be empty, and may carry a query).
    /// - Returns: the absolute URL.
    func api(_ path: String) -> String {
        "\(self.base)/api/\(path)"
    }

    /// The reference URL of a resource: `<base>/api/<segment>/<id>`.
    /// - Parameters:
    ///   - kind: the resource kind.
    ///   - id: the resource ID.
    /// - Returns: the absolute URL.
    func reference(_ kind: ResourceKind, _ id: String) -> String {
        self.api("\(kind.hrefSegment)/\(id)")
    }

    /// The entity URL of a resource: its reference URL plus `?format=Entity`.
    /// - Parameters:
    ///   - kind: the resource kind.
    ///   - id: the resource ID.
    /// - Returns: the absolute URL.
    func entity(_ kind: ResourceKind, _ id: String) -> String {
        self.reference(kind, id) + "?format=Entity"
    }

    /// A link whose `Href` may be a path under `/api/` (no scheme), made absolute.
    /// - Parameter link: the link; an `Href` starting with `http` is kept as it is.
    /// - Returns: the link with an absolute `Href`.
    func resolve(_ link: Link) -> Link {
        guard !link.href.hasPrefix("http") else { return link }
        var resolved = link
        resolved.href = self.api(link.href)
        return resolved
    }
}
