import EMSchema
import EMSchemaCompiler
import Foundation
import Testing

/// `openapi/em-gateway.yaml` is a valid OpenAPI 3.2 document whose references all resolve, and it has
/// every documented EM operation (`Tests/Fixtures/spec/documented-endpoints.txt`, written by
/// `scripts/generate-spec.py` from EM's endpoint catalogue, paths differing only in letter case merged).
struct SpecVerificationTests {
    /// `METHOD /path` as documented, `/api` added, letter case ignored and `{…}` names dropped
    /// (`GET /api/jobs/{}/includes/{}`): the form both sides are compared in.
    static func normalized(_ operation: String) -> String {
        let parts = operation.split(separator: " ", maxSplits: 1)
        var path = String(parts[1])
        if !path.hasPrefix("/api/") { path = "/api" + path }
        var result = ""
        var inName = false
        for character in path {
            if character == "{" {
                inName = true
                result += "{"
            } else if character == "}" {
                inName = false
                result += "}"
            } else if !inName {
                result.append(character)
            }
        }
        return parts[0].uppercased() + " " + result.lowercased()
    }

    static func documented() throws -> [String] {
        let text = try String(contentsOf: TestSupport.url("Tests/Fixtures/spec/documented-endpoints.txt"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    @Test func validatesAndHasEveryDocumentedOperation() throws {
        let gateway = try TestSupport.gateway()  // decoding, OpenAPIKit validation and local dereferencing passed
        let summary = gateway.summary
        #expect(summary.openAPIVersion == "3.2.0")
        let documented = try Self.documented()
        #expect(documented.count == 283)
        #expect(Set(documented.map(Self.normalized)).count == documented.count, "the fixture repeats an operation")
        let specified = Set(summary.operations.map(Self.normalized))
        let missing = documented.filter { !specified.contains(Self.normalized($0)) }
        #expect(missing.isEmpty, "not in the spec: \(missing)")
        #expect(Set(summary.securitySchemeNames) == ["basic", "session"])
        print(
            "spec: \(documented.count - missing.count)/\(documented.count) documented operations present, "
                + "\(summary.operations.count) operations, \(summary.schemaNames.count) component schemas, "
                + "\(gateway.model.operations.count) operation variants, \(gateway.model.rootElements.count) root elements")
    }

    @Test func everyReferenceNamesAComponent() throws {
        let summary = try TestSupport.gateway().summary
        let known: [String: Set<String>] = [
            "schemas": Set(summary.schemaNames), "parameters": Set(summary.parameterNames),
            "responses": Set(summary.responseNames), "headers": Set(summary.headerNames),
        ]
        var references = 0
        for line in try TestSupport.gatewaySpec().split(separator: "\n") where line.contains("$ref:") {
            let target = line.split(separator: "$ref:", maxSplits: 1)[1]
                .trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            let parts = target.split(separator: "/")
            guard parts.count == 4, parts[0] == "#", parts[1] == "components", let names = known[String(parts[2])] else {
                Issue.record("unexpected $ref \(target)")
                continue
            }
            #expect(names.contains(String(parts[3])), "$ref \(target) resolves to nothing")
            references += 1
        }
        #expect(references > 1000)
    }

    @Test func everyOperationHasErrorsAndSecurity() throws {
        let spec = try TestSupport.gatewaySpec()
        // Every EM operation lists the shared error responses; only the entry point, the logon and
        // the gateway's own routes override the default session security.
        let summary = try TestSupport.gateway().summary
        let operations = spec.components(separatedBy: "      operationId: ").count - 1 - summary.gatewayRoutes.count
        #expect(operations == summary.operations.count)
        #expect(spec.components(separatedBy: "$ref: \"#/components/responses/InternalServerError\"").count - 1 == operations)
        // GET /api/ and the gateway's own routes: none
        #expect(spec.components(separatedBy: "      security: [").count - 1 == 1 + summary.gatewayRoutes.count)
        #expect(spec.components(separatedBy: "        - basic: []").count - 1 == 1)  // the logon
    }

    @Test func everyDocumentedRootHasAComponent() throws {
        let model = try TestSupport.gateway().model
        for variant in model.operations {
            if let type = variant.requestType, let root = variant.requestRootElement {
                #expect(model.rootType(forElement: root) == type, "\(variant.method) \(variant.pathTemplate)")
            }
        }
        #expect(model.types.count >= 300)
    }
}
