import HTTPTypes

/// One documented write of EM's API: a method on a path, with or without an `action` value,
/// the request body it takes and how EM answers (`catalog/endpoints.csv` of the reference).
struct WriteOperation: Sendable {
    /// The request body an operation takes.
    enum Body: Sendable, Equatable {
        /// None: a body sent anyway is ignored, as EM ignores it.
        case none
        /// A document whose root element is this (its type in ``RequestCatalog/roots``).
        case root(String)
        /// One the reference does not show: any well-formed XML is accepted unchecked.
        case unchecked
    }

    /// `POST`, `PUT` or `DELETE`.
    let method: HTTPRequest.Method
    /// The path template under `/api` as the reference writes it (`/jobs/{ID}`, `/vmRestorePoints/{ID}/mounts/{ID}/{filepath}`).
    let template: String
    /// The `action` query value (matched case-insensitively), or `nil` for none.
    let action: String?
    /// The request body.
    let body: Body
    /// The documented success status (`202`, `201`, `204`, `200`).
    let status: Int
    /// The `Operation` of the `Task` EM answers with, or `nil` when no task answers.
    let task: String?
    /// The template's segments, `{...}` kept as written.
    let segments: [Substring]

    /// Creates an operation.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - template: the path template under `/api`.
    ///   - action: the `action` value, or `nil`.
    ///   - body: the request body it takes.
    ///   - status: the documented success status.
    ///   - task: the task's `Operation`, or `nil` when no task answers.
    init(_ method: HTTPRequest.Method, _ template: String, action: String?, body: Body, status: Int, task: String?) {
        self.method = method
        self.template = template
        self.action = action
        self.body = body
        self.status = status
        self.task = task
        self.segments = template.split(separator: "/")
    }

    /// A key naming the operation in the simulator's effect table: `METHOD /template?action`, lower-cased path.
    var key: String {
        "\(self.method.rawValue) \(self.template.lowercased())" + (self.action.map { "?\($0.lowercased())" } ?? "")
    }

    /// Whether a path (segments after `api`) fits the template: literals match case-insensitively,
    /// `{...}` one segment each, a final `{filepath}` one or more.
    /// - Parameter path: the request's segments after `api`.
    /// - Returns: whether it matches.
    func matches(_ path: [String]) -> Bool {
        for (index, segment) in self.segments.enumerated() {
            if segment == "{filepath}" { return path.count > index }
            guard index < path.count else { return false }
            if segment.hasPrefix("{") { continue }
            guard path[index].lowercased() == segment.lowercased() else { return false }
        }
        return path.count == self.segments.count
    }
}
