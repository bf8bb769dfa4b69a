import EMSchema

/// A bounded label for a request, for metrics and logs.
///
/// `/api` paths the contract documents get the operation's path template
/// (`/api/jobs/{ID}`); other `/api` paths are `/api/{undocumented}`; the gateway's own routes
/// keep their path; anything else is `{other}`. So the number of labels is fixed by the
/// contract, whatever clients send (no raw path ever becomes a label).
enum RouteTemplate {
    static let ownRoutes: Set<String> = [
        "/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/openapi.yaml", "/openapi-3.1.json", "/openapi-3.1.yaml",
    ]

    static func resolver(_ model: SchemaModel) -> @Sendable (String, String) -> String {
        { method, path in
            guard RequestTarget.isAPI(path) else { return ownRoutes.contains(path) ? path : "{other}" }
            if let template = model.pathTemplate(method: method, path: path)
                ?? ["GET", "POST", "PUT", "DELETE"].lazy.compactMap({ model.pathTemplate(method: $0, path: path) }).first
            {
                return template
            }
            return "/api/{undocumented}"
        }
    }
}
