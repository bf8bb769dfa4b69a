extension SchemaModel {
    /// The documented operation variant for a concrete request.
    ///
    /// The path is matched against the operations' path templates: literal segments ignore ASCII
    /// letter case (EM's routing does, and its own Hrefs vary: `backupservers`, `vAppRestorepoints`),
    /// a `{…}` segment matches any one segment, a final `{filepath}` matches the rest of the path,
    /// and a trailing `/`, a query string and a fragment are ignored. When several templates match,
    /// the one with the most literal segments wins.
    ///
    /// ```swift
    /// let model = SchemaModel.builtIn
    /// model.operation(method: "POST", path: "/api/jobs/6f1c…", action: "start")?.successStatuses  // [202]
    /// model.operation(method: "GET", path: "/api/query", action: nil)?.pathTemplate              // "/api/query"
    /// ```
    /// - Parameters:
    ///   - method: the HTTP method, any letter case.
    ///   - path: the request path as sent (`/api/jobs/6f1c…`; a query string is ignored).
    ///   - action: the `action` query value, or `nil` when the request has none; compared ignoring letter case.
    /// - Returns: the variant of the matching template with that action (the one without an action for
    ///   `nil`), or `nil` when no documented operation matches. The EM documentation is followed as
    ///   catalogued in `openapi/em-gateway.yaml` (its `x-em-actions` lists).
    public func operation(method: String, path: String, action: String?) -> Operation? {
        guard let route = routes.route(method: method, path: path) else { return nil }
        for index in route.variants {
            let candidate = operations[index]
            switch (candidate.action, action) {
            case (nil, nil): return candidate
            case (let known?, let wanted?) where known.lowercased() == wanted.lowercased(): return candidate
            default: continue
            }
        }
        return nil
    }

    /// Every variant (one per `action`, and the one without) of the operation matching a request path.
    ///
    /// ```swift
    /// SchemaModel.builtIn.operations(method: "POST", path: "/api/jobs/6f1c…").compactMap(\.action)
    /// // ["clone", "retry", "start", "stop", "sync", "toggleScheduleEnabled"]
    /// ```
    /// - Parameters:
    ///   - method: the HTTP method, any letter case.
    ///   - path: the request path as sent; matched as in ``operation(method:path:action:)``.
    /// - Returns: the variants in document order, or an empty array when nothing matches. All share one
    ///   ``Operation/pathTemplate``, which suits a metrics route label.
    public func operations(method: String, path: String) -> [Operation] {
        guard let route = routes.route(method: method, path: path) else { return [] }
        return route.variants.map { operations[$0] }
    }

    /// The path template of the operation matching a request path, such as `/api/jobs/{ID}`.
    ///
    /// The same as `operations(method:path:).first?.pathTemplate`, without gathering the variants:
    /// for labelling every request (metrics, access log).
    /// - Parameters:
    ///   - method: the HTTP method, any letter case.
    ///   - path: the request path as sent; matched as in ``operation(method:path:action:)``.
    /// - Returns: the template, or `nil` when no documented operation matches.
    public func pathTemplate(method: String, path: String) -> String? {
        routes.route(method: method, path: path).flatMap { $0.variants.first.map { operations[$0].pathTemplate } }
    }
}
