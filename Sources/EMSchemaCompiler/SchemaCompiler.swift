public import EMSchema
import OpenAPIKit
import Yams

/// Compiles `openapi/em-gateway.yaml` (OpenAPI 3.2) into the converter's ``SchemaModel``.
///
/// Component schemas map to types by the conventions in `openapi/README.md`: `allOf` chains are
/// flattened base first, `xml.nodeType` picks attribute / element / text, arrays are wrapped
/// (`nodeType: element`) or repeated (no nodeType), `format: uri` marks links and `readOnly`
/// marks members EM sets. Components with `xml.name` are root elements. Operations become the
/// model's operations table (one entry per method, path and `action`; see `OperationMapper`).
///
/// ```swift
/// let yaml = try String(contentsOfFile: "openapi/em-gateway.yaml", encoding: .utf8)
/// let model = try SchemaCompiler.compile(yaml: yaml)
/// let source = SchemaCompiler.generatedSource(for: model)
/// ```
public enum SchemaCompiler {
    /// Decodes, maps and validates an OpenAPI document.
    ///
    /// Mapping runs before OpenAPIKit's validation so that schema problems are reported with the
    /// most specific code (an unresolved `$ref` in a schema is `.unresolvedReference`, not
    /// `.invalidDocument`).
    /// - Parameter yaml: the document as YAML (or JSON, a subset of YAML).
    /// - Returns: the compiled model.
    /// - Throws: ``SchemaError``: `.invalidDocument` when the text is not an OpenAPI document or
    ///   fails validation; `.unresolvedReference`, `.cyclicReference`, `.unsupportedSchema`,
    ///   `.missingItems`, `.unsupportedXML`, `.duplicateRootElement` or `.duplicateMember` naming
    ///   the component and property that cannot be mapped; `.invalidOperation` naming an operation
    ///   whose request body or `x-em-actions` list cannot be mapped.
    public static func compile(yaml: String) throws -> SchemaModel {
        try compileAndSummarize(yaml: yaml).model
    }

    /// Compiles a document and reports what it declares, decoding and validating it once.
    ///
    /// ```swift
    /// let (model, summary) = try SchemaCompiler.compileAndSummarize(yaml: spec)
    /// print("\(summary.operations.count) operations, \(model.types.count) types")
    /// ```
    /// - Parameter yaml: the document as YAML.
    /// - Returns: the model ``compile(yaml:)`` returns and the summary ``validate(yaml:)`` returns.
    /// - Throws: ``SchemaError`` as ``compile(yaml:)``.
    public static func compileAndSummarize(yaml: String) throws -> (model: SchemaModel, summary: SpecSummary) {
        let document = try decode(yaml: yaml)
        let mapper = try ComponentMapper(
            schemas: document.components.schemas.map { (name: $0.key.rawValue, schema: $0.value) })
        let types = try mapper.model()
        let operations = try OperationMapper(document: document, model: types).operations()
        try validate(document)
        let model = SchemaModel(types: types.types, rootElements: types.rootElements, operations: operations)
        return (model, summary(of: document))
    }

    /// Validates a document without compiling it: OpenAPIKit's default validation (warnings
    /// count as errors) plus a full local dereference, which proves every `$ref` resolves.
    ///
    /// ```swift
    /// let summary = try SchemaCompiler.validate(yaml: spec)
    /// #expect(summary.operations.contains("GET /api/"))
    /// ```
    /// - Parameter yaml: the document as YAML.
    /// - Returns: what the document declares, for checks by tests and tools.
    /// - Throws: ``SchemaError`` (`.invalidDocument`) describing the first problems found.
    public static func validate(yaml: String) throws -> SpecSummary {
        let document = try decode(yaml: yaml)
        try validate(document)
        return summary(of: document)
    }

    private static func summary(of document: OpenAPI.Document) -> SpecSummary {
        var operations: [String] = []
        var gatewayRoutes: [String] = []
        for (path, item) in document.paths {
            guard let pathItem = item.pathItemValue else { continue }
            for endpoint in pathItem.endpoints {
                let operation = "\(endpoint.method.rawValue.uppercased()) \(path.rawValue)"
                if OperationMapper.isGatewayRoute(endpoint.operation) {
                    gatewayRoutes.append(operation)
                } else {
                    operations.append(operation)
                }
            }
        }
        return SpecSummary(
            openAPIVersion: document.openAPIVersion.rawValue,
            operations: operations,
            gatewayRoutes: gatewayRoutes,
            schemaNames: document.components.schemas.keys.map(\.rawValue),
            securitySchemeNames: document.components.securitySchemes.keys.map(\.rawValue),
            parameterNames: document.components.parameters.keys.map(\.rawValue),
            responseNames: document.components.responses.keys.map(\.rawValue),
            headerNames: document.components.headers.keys.map(\.rawValue))
    }

    // MARK: - OpenAPIKit

    private static func decode(yaml: String) throws -> OpenAPI.Document {
        do {
            return try YAMLDecoder().decode(OpenAPI.Document.self, from: yaml)
        } catch {
            throw SchemaError(.invalidDocument, "not a valid OpenAPI document: \(error)")
        }
    }

    private static func validate(_ document: OpenAPI.Document) throws {
        do {
            try document.validate()
            _ = try document.locallyDereferenced()
        } catch {
            throw SchemaError(.invalidDocument, "the OpenAPI document does not validate: \(error)")
        }
    }
}
