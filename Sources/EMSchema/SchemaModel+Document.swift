extension SchemaModel {
    /// The OpenAPI document the built-in model was compiled from (`openapi/em-gateway.yaml`,
    /// YAML, as checked in), for serving at `/openapi.yaml` and `/openapi.json`.
    public static var openAPIDocument: String { openAPIDocumentText }
}
