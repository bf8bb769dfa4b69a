import EMSchema
import EMSchemaCompiler
import Testing

/// `paths` → the operations table: `x-em-actions` variants, plain operations, and what is refused.
struct OperationMapperTests {
    /// A small document: two root components and the given `paths` (written without indentation).
    static func document(paths: String) -> String {
        let indented = paths.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
        return """
            openapi: 3.2.0
            info:
              title: test
              version: "1"
            paths:
            \(indented)
            components:
              schemas:
                CloneSpec:
                  type: object
                  xml:
                    name: CloneSpec
                  properties:
                    Name:
                      type: [string, "null"]
                Helper:
                  type: object
                  properties:
                    Name:
                      type: [string, "null"]
            """
    }

    static let actions = """
        /api/jobs/{ID}:
          post:
            parameters:
              - {name: ID, in: path, required: true, schema: {type: string}}
            requestBody:
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/CloneSpec'}
            responses:
              "202": {description: accepted}
            x-em-actions:
              - action: clone
                requestBody: CloneSpec
                responses: ["202"]
              - action: start
                responses: ["202", "200"]
        /api/things:
          get:
            responses:
              "200": {description: ok}
              "404": {description: missing}
          post:
            requestBody:
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/CloneSpec'}
            responses:
              "201": {description: created}
        """

    @Test func variantsAndPlainOperations() throws {
        let model = try SchemaCompiler.compile(yaml: Self.document(paths: Self.actions))
        let spec = try #require(model.typesByName["CloneSpec"])
        #expect(
            model.operations == [
                SchemaModel.Operation(
                    method: "POST", pathTemplate: "/api/jobs/{ID}", action: "clone", requestType: spec,
                    requestRootElement: "CloneSpec", successStatuses: [202]),
                SchemaModel.Operation(
                    method: "POST", pathTemplate: "/api/jobs/{ID}", action: "start", successStatuses: [200, 202]),
                SchemaModel.Operation(method: "GET", pathTemplate: "/api/things", successStatuses: [200]),
                SchemaModel.Operation(
                    method: "POST", pathTemplate: "/api/things", requestType: spec, requestRootElement: "CloneSpec",
                    successStatuses: [201]),
            ])
        #expect(model.operation(method: "post", path: "/api/JOBS/9", action: "Start")?.successStatuses == [200, 202])
        #expect(try SchemaModel(compiledText: model.compiledText()) == model)
    }

    @Test("an operation marked x-em-gateway-route is the gateway's own, not an EM operation")
    func gatewayRoutesAreLeftOut() throws {
        let paths = """
            /healthz:
              get:
                responses: {"200": {description: ok}}
                x-em-gateway-route: true
            /api/things:
              get:
                responses: {"200": {description: ok}}
            /api/other:
              get:
                responses: {"200": {description: ok}}
                x-em-gateway-route: false
            """
        let (model, summary) = try SchemaCompiler.compileAndSummarize(yaml: Self.document(paths: paths))
        #expect(model.operations.map(\.pathTemplate) == ["/api/things", "/api/other"])
        #expect(model.pathTemplate(method: "GET", path: "/healthz") == nil)
        #expect(summary.operations == ["GET /api/things", "GET /api/other"])
        #expect(summary.gatewayRoutes == ["GET /healthz"])
    }

    private func expectInvalid(_ paths: String, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SchemaCompiler.compile(yaml: Self.document(paths: paths))
            Issue.record("expected invalidOperation", sourceLocation: sourceLocation)
        } catch let error as SchemaError {
            #expect(error.code == .invalidOperation, "\(error)", sourceLocation: sourceLocation)
            for word in words { #expect(error.message.contains(word), "\(error.message)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func refusedOperations() {
        expectInvalid(
            """
            /api/a:
              post:
                responses: {"202": {description: x}}
                x-em-actions:
                  - {action: go, responses: ["202"]}
                  - {action: GO, responses: ["202"]}
            """, mentioning: ["POST /api/a", "listed twice"])
        expectInvalid(
            """
            /api/a:
              post:
                responses: {"202": {description: x}}
                x-em-actions:
                  - {action: go, requestBody: Helper, responses: ["202"]}
            """, mentioning: ["Helper", "xml.name"])
        expectInvalid(
            """
            /api/a:
              post:
                responses: {"202": {description: x}}
                x-em-actions:
                  - {action: go, requestBody: Nowhere, responses: ["202"]}
            """, mentioning: ["Nowhere"])
        expectInvalid(
            """
            /api/a:
              post:
                responses: {"202": {description: x}}
                x-em-actions:
                  - {action: go, responses: ["404"]}
            """, mentioning: ["404"])
        expectInvalid(
            """
            /api/a:
              post:
                responses: {"202": {description: x}}
                x-em-actions:
                  - {action: go, responses: ["202"], extra: 1}
            """, mentioning: ["extra"])
        expectInvalid(
            """
            /api/a:
              post:
                responses: {"202": {description: x}}
                x-em-actions: []
            """, mentioning: ["non-empty"])
        expectInvalid(
            """
            /api/a:
              get:
                responses: {"404": {description: x}}
            """, mentioning: ["no 2xx"])
        expectInvalid(
            """
            /api/a:
              post:
                requestBody:
                  content:
                    application/json:
                      schema:
                        oneOf: [{$ref: '#/components/schemas/CloneSpec'}, {$ref: '#/components/schemas/Helper'}]
                responses: {"202": {description: x}}
            """, mentioning: ["x-em-actions"])
    }
}
