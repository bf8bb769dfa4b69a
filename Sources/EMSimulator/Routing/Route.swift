import HTTPTypes

/// Where a request path leads: the endpoint and the IDs captured on the way.
///
/// EM routes case-insensitively, so literal segments match in any case; captured IDs keep the
/// bytes sent (lookups normalise them themselves).
struct Route: Equatable, Sendable {
    /// One ID taken from the path, with the kind the pattern expects there.
    struct Capture: Equatable, Sendable {
        let kind: ResourceKind
        let id: String
    }

    /// What the path serves, or `nil` when no pattern matches.
    let endpoint: Endpoint?
    /// The IDs in path order (a parent before its child).
    let captures: [Capture]
    /// The rest of the path after a file-system pattern (`F:/ExchDB`), percent-escapes as sent.
    let rest: [String]
    /// The pattern's text with `{ID}` for captures, for logs (never an ID).
    let logName: String

    /// Parses a request path (without its query).
    /// - Parameter path: the path, such as `/api/replicaSessions/0bcf...`.
    init(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.first?.lowercased() == "api" else {
            self.init(endpoint: nil, captures: [], rest: [], logName: "unknown")
            return
        }
        self = RouteTable.match(Array(segments.dropFirst()))
    }

    /// Creates a route.
    /// - Parameters:
    ///   - endpoint: what the path serves.
    ///   - captures: the IDs captured.
    ///   - rest: the remaining segments of a file-system path.
    ///   - logName: the pattern text for logs.
    init(endpoint: Endpoint?, captures: [Capture], rest: [String], logName: String) {
        self.endpoint = endpoint
        self.captures = captures
        self.rest = rest
        self.logName = logName
    }

    /// The methods this route answers (empty for unknown paths).
    var allowedMethods: [HTTPRequest.Method] { self.endpoint?.allowedMethods ?? [] }

    /// Whether the route needs a logon session (all but the API root and logon; unknown paths do).
    var needsSession: Bool { self.endpoint?.needsSession ?? true }
}
