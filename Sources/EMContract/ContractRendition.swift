/// A served rendition of the contract, `openapi/em-gateway.yaml`.
///
/// The texts are produced from the spec when the package is built (the `ContractRenditions`
/// build plugin runs `em-contract-render`) and compiled in as string literals, so
/// serving one parses nothing. Each is stored split around its one `servers` URL, which the
/// gateway fills in with its public base URL.
///
/// ```swift
/// let rendition = ContractRendition.openAPI31JSON
/// let text = rendition.head + "\"https://gateway.example\"" + rendition.tail
/// ```
public enum ContractRendition: String, CaseIterable, Sendable {
    /// OpenAPI 3.2 as YAML: the contract as written.
    case openAPI32YAML = "/openapi.yaml"
    /// OpenAPI 3.2 as JSON.
    case openAPI32JSON = "/openapi.json"
    /// OpenAPI 3.1 as YAML, for generators and validators that accept 3.1 at most.
    case openAPI31YAML = "/openapi-3.1.yaml"
    /// OpenAPI 3.1 as JSON.
    case openAPI31JSON = "/openapi-3.1.json"

    /// The gateway path that serves it.
    public var path: String { rawValue }

    /// Its `Content-Type`.
    public var contentType: String {
        switch self {
        case .openAPI32YAML, .openAPI31YAML: "application/yaml; charset=utf-8"
        case .openAPI32JSON, .openAPI31JSON: "application/json; charset=utf-8"
        }
    }

    /// The text before the server URL; the URL follows as a quoted JSON string, which is also a
    /// YAML double-quoted scalar.
    public var head: String { parts.head }

    /// The text after the quoted server URL.
    public var tail: String { parts.tail }

    private var parts: (head: String, tail: String) {
        switch self {
        case .openAPI32YAML: openAPI32YAMLText
        case .openAPI32JSON: openAPI32JSONText
        case .openAPI31YAML: openAPI31YAMLText
        case .openAPI31JSON: openAPI31JSONText
        }
    }
}
