import EMContractRenderer
import EMSchema
import EMSchemaCompiler
import Foundation
import OpenAPIKit
import Testing
import Yams

/// The served renditions of the contract: produced from the one spec, valid OpenAPI 3.2 and 3.1,
/// and describing the gateway's own routes without the model taking them for EM operations.
struct ContractRenditionsTests {
    static let gatewayRoutes = [
        "GET /", "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json", "GET /openapi.yaml",
        "GET /openapi-3.1.json", "GET /openapi-3.1.yaml",
    ]

    static func decode(json text: String) throws -> OpenAPI.Document {
        try JSONDecoder().decode(OpenAPI.Document.self, from: Data(text.utf8))
    }

    @Test("the 3.1 renditions of the spec decode and validate as OpenAPI 3.1, YAML and JSON alike")
    func openAPI31IsValid() throws {
        let renditions = try ContractRenditions(yaml: try TestSupport.gatewaySpec())
        let url = "https://gateway.example:8443/em"
        let json = try Self.decode(json: renditions.openAPI31JSON.text(serverURL: url))
        #expect(json.openAPIVersion == .v3_1_0)
        #expect(json.servers.map(\.urlTemplate.rawValue) == [url])
        // Strict: a warning, such as a 3.2-only field in a 3.1 document, fails validation.
        #expect(try json.validate(strict: true).isEmpty)
        let yaml = try YAMLDecoder().decode(OpenAPI.Document.self, from: renditions.openAPI31YAML.text(serverURL: url))
        #expect(yaml.openAPIVersion == .v3_1_0)
        #expect(yaml.paths.keys.map(\.rawValue).sorted() == json.paths.keys.map(\.rawValue).sorted())  // YAMLDecoder keeps no key order
        #expect(try yaml.validate(strict: true).isEmpty)
        let text = renditions.openAPI31JSON.text(serverURL: url)
        #expect(!text.contains("\"nodeType\""))
        #expect(text.contains(#""xml":{"attribute":true}"#))
        #expect(text.contains(#""wrapped":true"#))
        #expect(text.contains(#""x-em-node-type":"text""#))
    }

    @Test("the 3.2 JSON rendition is the spec: it compiles to the built-in model")
    func openAPI32IsTheSpec() throws {
        let renditions = try ContractRenditions(yaml: try TestSupport.gatewaySpec())
        let url = "http://127.0.0.1:8080"
        let json = renditions.openAPI32JSON.text(serverURL: url)
        #expect(json.hasPrefix(#"{"openapi":"3.2.0","#))
        #expect(try SchemaCompiler.compile(yaml: json) == SchemaModel.builtIn)
        let yaml = renditions.openAPI32YAML.text(serverURL: url)
        #expect(yaml.hasPrefix("openapi: \"3.2.0\"\n"))
        #expect(yaml.contains("url: \"\(url)\"\n"))
    }

    @Test("every rendition describes the gateway's own routes, marked; the compiled operations table has none")
    func gatewayRoutes() throws {
        let summary = try TestSupport.gateway().summary
        #expect(summary.gatewayRoutes == Self.gatewayRoutes)
        let renditions = try ContractRenditions(yaml: try TestSupport.gatewaySpec())
        for rendition in [renditions.openAPI32JSON, renditions.openAPI31JSON] {
            let text = rendition.text(serverURL: "http://gw")
            for route in Self.gatewayRoutes {
                let path = String(route.dropFirst(4))
                #expect(text.contains(#""\#(path)":{"get":{"tags":["Gateway"]"#), "\(rendition.name): \(route)")
            }
            #expect(text.components(separatedBy: #""x-em-gateway-route":true"#).count - 1 == Self.gatewayRoutes.count)
        }
        for rendition in [renditions.openAPI32YAML, renditions.openAPI31YAML] {
            let text = rendition.text(serverURL: "http://gw")
            #expect(text.components(separatedBy: "x-em-gateway-route: true\n").count - 1 == Self.gatewayRoutes.count)
        }
        let paths = Set(Self.gatewayRoutes.map { String($0.dropFirst(4)) })
        let taken = SchemaModel.builtIn.operations.filter { paths.contains($0.pathTemplate) }
        #expect(taken.isEmpty, "\(taken)")
        for path in paths { #expect(SchemaModel.builtIn.pathTemplate(method: "GET", path: path) == nil, "\(path)") }
    }

    @Test("XML node types become OpenAPI 3.1 fields where 3.1 has them, an extension where not")
    func nodeTypes() throws {
        let spec = TestSupport.spec(
            schemas: """
                Thing:
                  type: object
                  xml:
                    name: Thing
                  properties:
                    Id:
                      type: [string, "null"]
                      xml: {nodeType: attribute}
                    Names:
                      type: [array, "null"]
                      items: {type: string, xml: {name: Name}}
                      xml: {nodeType: element}
                    Single:
                      type: [string, "null"]
                      xml: {name: One, nodeType: element}
                    Value:
                      type: [string, "null"]
                      xml: {nodeType: text}
                """)
        let renditions = try ContractRenditions(yaml: spec)
        let json = renditions.openAPI31JSON.text(serverURL: "http://gw")
        #expect(json.hasPrefix(#"{"openapi":"3.1.0","#))
        #expect(json.contains(#""Id":{"type":["string","null"],"xml":{"attribute":true}}"#))
        #expect(json.contains(#""xml":{"name":"Name"}},"xml":{"wrapped":true}}"#))
        #expect(json.contains(#""Single":{"type":["string","null"],"xml":{"name":"One"}}"#))
        #expect(json.contains(#""Value":{"type":["string","null"],"xml":{"x-em-node-type":"text"}}"#))
        #expect(renditions.openAPI32JSON.text(serverURL: "http://gw").contains(#""xml":{"nodeType":"attribute"}"#))
        let yaml = renditions.openAPI31YAML.text(serverURL: "http://gw")
        #expect(yaml.contains("attribute: true") && !yaml.contains("nodeType"))
    }

    @Test("the server URL is quoted as a string in both YAML and JSON")
    func serverURLIsQuoted() throws {
        let renditions = try ContractRenditions(yaml: TestSupport.spec(schemas: "{}"))
        let url = #"http://gw/a"b\c"#
        let json = try JSONSerialization.jsonObject(with: Data(renditions.openAPI31JSON.text(serverURL: url).utf8))
        let servers = (json as? [String: Any])?["servers"] as? [[String: Any]]
        #expect(servers?.first?["url"] as? String == url)
        let yaml = try Yams.load(yaml: renditions.openAPI32YAML.text(serverURL: url)) as? [String: Any]
        #expect(((yaml?["servers"] as? [[String: Any]])?.first)?["url"] as? String == url)
    }

    @Test("the generated source embeds each rendition as raw literals that survive the text's own quotes")
    func generatedSource() throws {
        let quotes = String(repeating: "\"", count: 3) + "#"
        let spec = """
            openapi: 3.2.0
            info:
              title: test
              version: "1"
              description: 'Quotes \(quotes) and \\#(interpolation) stay text.'
            paths: {}
            """
        let source = try ContractRenditions(yaml: spec).generatedSource(specPath: "spec.yaml")
        #expect(source.hasPrefix("// generated by em-contract-render from spec.yaml"))
        for name in ["openAPI32YAML", "openAPI32JSON", "openAPI31YAML", "openAPI31JSON"] {
            #expect(source.contains("let \(name)Text = (\n    head: ##\"\"\"\n"), "\(name)")
        }
    }

    @Test("a document that already holds the placeholder, or is no mapping, is refused")
    func refused() {
        #expect(throws: SchemaError.self) {
            try ContractRenditions(yaml: TestSupport.spec(schemas: "{}") + "\nx-note: \(ContractRenditions.serverURLPlaceholder)\n")
        }
        #expect(throws: SchemaError.self) { try ContractRenditions(yaml: "- a\n- b\n") }
    }
}
