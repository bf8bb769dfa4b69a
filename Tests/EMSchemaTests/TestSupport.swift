import EMSchema
import EMSchemaCompiler
import Foundation

/// Helpers shared by the EMSchema tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EMSchemaTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A file below the package root.
    static func url(_ relativePath: String) -> URL { packageRoot.appendingPathComponent(relativePath) }

    /// `openapi/em-gateway.yaml`.
    static func gatewaySpec() throws -> String {
        try String(contentsOf: url("openapi/em-gateway.yaml"), encoding: .utf8)
    }

    /// The gateway spec compiled and summarized once per test process: decoding the whole contract
    /// with OpenAPIKit takes seconds in debug builds, so the tests share one result.
    struct CompiledGateway: Sendable {
        let model: SchemaModel
        let summary: SpecSummary
    }

    static let compiledGateway: Result<CompiledGateway, SchemaError> = {
        do {
            let (model, summary) = try SchemaCompiler.compileAndSummarize(yaml: try gatewaySpec())
            return .success(CompiledGateway(model: model, summary: summary))
        } catch let error as SchemaError {
            return .failure(error)
        } catch {
            return .failure(SchemaError(.invalidDocument, "cannot read openapi/em-gateway.yaml: \(error)"))
        }
    }()

    /// The compiled gateway spec, or the error compiling it.
    static func gateway() throws -> CompiledGateway { try compiledGateway.get() }

    /// A minimal OpenAPI 3.2 document around the given `components.schemas` entries
    /// (written without indentation; this indents them).
    static func spec(schemas: String) -> String {
        let indented = schemas.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }
            .joined(separator: "\n")
        return """
            openapi: 3.2.0
            info:
              title: test
              version: "1"
            components:
              schemas:
            \(indented)
            """
    }
}
