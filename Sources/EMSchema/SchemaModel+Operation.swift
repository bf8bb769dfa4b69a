extension SchemaModel {
    /// One documented EM operation variant: a method on a path template, with or without an
    /// `action` query value, and what EM expects and answers.
    ///
    /// EM folds several operations into one method and path with `?action=` (`POST /api/jobs/{ID}?action=start`);
    /// each action is its own variant here, because each takes its own request body. The gateway uses a
    /// variant to pick the XML root element and type of a JSON request body, and its ``pathTemplate``
    /// as a route label for metrics.
    ///
    /// ```swift
    /// let clone = SchemaModel.builtIn.operation(method: "POST", path: "/api/jobs/6f1c…", action: "clone")
    /// clone?.requestRootElement  // "JobCloneSpec"
    /// clone?.pathTemplate        // "/api/jobs/{ID}"
    /// ```
    public struct Operation: Sendable, Equatable {
        /// The HTTP method in upper case (`GET`, `POST`, `PUT`, `DELETE`).
        public let method: String
        /// The OpenAPI path template (`/api/jobs/{ID}`, `/api/backupServers/{ID}/credentials/{ID2}`).
        /// A `{…}` segment matches one path segment, except a final `{filepath}`, which matches the rest.
        public let pathTemplate: String
        /// The `action` query value this variant stands for (`start`), or `nil` for the variant without one.
        public let action: String?
        /// The type of the request body when the client sends one, or `nil` when the variant takes no
        /// body. Some bodies are optional: the logon takes none, or a tenant's `LoginSpec`.
        public let requestType: TypeID?
        /// The XML root element of the request body (`JobCloneSpec`), or `nil` when there is no body.
        public let requestRootElement: String?
        /// The documented success statuses (`[202]`), in ascending order.
        public let successStatuses: [Int]
        /// How long, in seconds, the gateway may keep a `200` answer of this `GET` fresh
        /// (`x-em-gateway-max-age`); `0` never stores it, `nil` when the contract says nothing
        /// (not stored either).
        public let maxAge: Int?

        /// Creates an operation variant.
        /// - Parameters:
        ///   - method: the HTTP method (stored upper-cased).
        ///   - pathTemplate: the path template starting with `/api`.
        ///   - action: the `action` query value, or `nil`.
        ///   - requestType: the request body's type, or `nil` for no body.
        ///   - requestRootElement: the request body's XML root element, or `nil` for no body.
        ///   - successStatuses: the documented success statuses.
        ///   - maxAge: the freshness of a stored answer in seconds, or `nil`.
        public init(
            method: String, pathTemplate: String, action: String? = nil, requestType: TypeID? = nil,
            requestRootElement: String? = nil, successStatuses: [Int], maxAge: Int? = nil
        ) {
            self.maxAge = maxAge
            self.method = method.uppercased()
            self.pathTemplate = pathTemplate
            self.action = action
            self.requestType = requestType
            self.requestRootElement = requestRootElement
            self.successStatuses = successStatuses
        }
    }
}
