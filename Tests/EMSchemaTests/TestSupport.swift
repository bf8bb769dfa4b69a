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
