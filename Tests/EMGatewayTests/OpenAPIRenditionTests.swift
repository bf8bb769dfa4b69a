import EMContract
import Foundation
import OpenAPIKit
import Testing
import Yams

/// The contract's renditions as the gateway serves them: OpenAPI 3.1 for code generators beside
/// the 3.2 original, each naming the gateway as its server and describing the gateway's own routes.
@Suite("OpenAPI renditions")
struct OpenAPIRenditionTests {
    @Test("/openapi-3.1.json and /openapi-3.1.yaml serve a valid OpenAPI 3.1 document naming the gateway")
    func openAPI31() async throws {
        try await DemoStack.with { stack in
            let json = try await stack.call("GET", "/openapi-3.1.json")
            #expect(json.status == 200)
            #expect(json.header("Content-Type") == "application/json; charset=utf-8")
            let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(json.body))
            #expect(document.openAPIVersion == .v3_1_0)
            #expect(document.servers.map(\.urlTemplate.rawValue) == [stack.gatewayURL])
            // Strict validation: 3.2-only fields in a 3.1 document are warnings, and warnings fail.
            #expect(try document.validate(strict: true).isEmpty)
            let health = try #require(document.paths["/healthz"]?.pathItemValue?.get)
            #expect(health.vendorExtensions["x-em-gateway-route"]?.value as? Bool == true)

            let yaml = try await stack.call("GET", "/openapi-3.1.yaml")
            #expect(yaml.status == 200)
            #expect(yaml.header("Content-Type") == "application/yaml; charset=utf-8")
            let fromYAML = try YAMLDecoder().decode(OpenAPI.Document.self, from: yaml.text)
            #expect(fromYAML.openAPIVersion == .v3_1_0)
            #expect(fromYAML.paths.keys.map(\.rawValue).sorted() == document.paths.keys.map(\.rawValue).sorted())
            #expect(fromYAML.servers.map(\.urlTemplate.rawValue) == [stack.gatewayURL])
        }
    }

    @Test("every served rendition describes the gateway's own routes, each marked x-em-gateway-route")
    func ownRoutesInEveryRendition() async throws {
        try await DemoStack.with { stack in
            for rendition in ContractRendition.allCases {
                let answer = try await stack.call("GET", rendition.path)
                #expect(answer.status == 200, "\(rendition.path)")
                let text = answer.text
                for path in ["/", "/healthz", "/readyz", "/metrics"] + ContractRendition.allCases.map(\.path) {
                    let key = rendition.contentType.hasPrefix("application/json") ? "\"\(path)\":{\"get\":" : "\n  \(path):\n"
                    #expect(text.contains(key), "\(rendition.path) lacks \(path)")
                }
                let marker =
                    rendition.contentType.hasPrefix("application/json") ? #""x-em-gateway-route":true"# : "x-em-gateway-route: true\n"
                #expect(text.components(separatedBy: marker).count - 1 == 4 + ContractRendition.allCases.count, "\(rendition.path)")
            }
        }
    }

    @Test("the new documents have their own route label; /healthz keeps its label")
    func routeLabels() async throws {
        try await DemoStack.with { stack in
            _ = try await stack.call("GET", "/openapi-3.1.json")
            _ = try await stack.call("HEAD", "/openapi-3.1.yaml")
            _ = try await stack.call("GET", "/healthz")
            let text = try await stack.call("GET", "/metrics").text
            #expect(text.contains(#"route="/openapi-3.1.json",method="GET",status="200",outcome="complete"} 1"#))
            #expect(text.contains(#"route="/openapi-3.1.yaml",method="HEAD",status="200",outcome="complete"} 1"#))
            #expect(text.contains(#"route="/healthz",method="GET",status="200",outcome="complete"} 1"#))
            #expect(!text.contains(#"route="{other}""#))
        }
    }
}
