/// What a validated OpenAPI document declares, as plain strings (so callers need no OpenAPIKit).
///
/// ```swift
/// let summary = try SchemaCompiler.validate(yaml: spec)
/// print(summary.operations)  // ["GET /api/", "POST /api/sessionMngr/", ...]
/// ```
public struct SpecSummary: Sendable, Equatable {
    /// The `openapi` field (`3.2.0`).
    public let openAPIVersion: String
    /// `METHOD /path` for every Enterprise Manager operation, in document order
    /// (`GET /api/logonSessions/{ID}`).
    public let operations: [String]
    /// `METHOD /path` for every operation marked `x-em-gateway-route: true`, the gateway's own
    /// routes (`GET /healthz`), in document order.
    public let gatewayRoutes: [String]
    /// Names in `components.schemas`, in document order.
    public let schemaNames: [String]
    /// Names in `components.securitySchemes`, in document order.
    public let securitySchemeNames: [String]
    /// Names in `components.parameters`, in document order.
    public let parameterNames: [String]
    /// Names in `components.responses`, in document order.
    public let responseNames: [String]
    /// Names in `components.headers`, in document order.
    public let headerNames: [String]

    /// Creates a summary.
    /// - Parameters:
    ///   - openAPIVersion: the `openapi` field.
    ///   - operations: `METHOD /path` strings.
    ///   - gatewayRoutes: `METHOD /path` strings of the gateway's own routes (default: none).
    ///   - schemaNames: component schema names.
    ///   - securitySchemeNames: security scheme names.
    ///   - parameterNames: component parameter names (default: none).
    ///   - responseNames: component response names (default: none).
    ///   - headerNames: component header names (default: none).
    public init(
        openAPIVersion: String, operations: [String], gatewayRoutes: [String] = [], schemaNames: [String],
        securitySchemeNames: [String], parameterNames: [String] = [], responseNames: [String] = [], headerNames: [String] = []
    ) {
        self.headerNames = headerNames
        self.openAPIVersion = openAPIVersion
        self.operations = operations
        self.gatewayRoutes = gatewayRoutes
        self.schemaNames = schemaNames
        self.securitySchemeNames = securitySchemeNames
        self.parameterNames = parameterNames
        self.responseNames = responseNames
    }
}
