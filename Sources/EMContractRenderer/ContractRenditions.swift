import EMSchema
import Yams

/// The documents the gateway serves, produced from `openapi/em-gateway.yaml` when the package is
/// built: OpenAPI 3.2 (the contract as written) and OpenAPI 3.1 (for code generators and validators
/// that accept 3.1 at most), each as YAML and as JSON.
///
/// Every rendition keeps the document's key order (properties in XML element order) and has one
/// `servers` entry whose URL the gateway fills in at run time, so each is stored split around that
/// quoted URL: ``Rendition/head`` + the URL as a JSON string literal (also a valid YAML
/// double-quoted scalar) + ``Rendition/tail``.
///
/// ```swift
/// let renditions = try ContractRenditions(yaml: spec)
/// let json = renditions.openAPI31JSON.text(serverURL: "https://gateway.example")
/// ```
public struct ContractRenditions: Sendable {
    /// Where the package keeps the one committed contract, relative to its root.
    public static let defaultSpecPath = "openapi/em-gateway.yaml"

    /// One served document, split around the quoted server URL.
    public struct Rendition: Sendable, Equatable {
        /// Its name (`openAPI31JSON`); the generated file's constant adds `Text` (`openAPI31JSONText`).
        public let name: String
        /// The text up to the quoted server URL.
        public let head: String
        /// The text after it.
        public let tail: String

        /// The whole document.
        /// - Parameter serverURL: the URL `servers` names (the gateway's public base URL).
        /// - Returns: the document text.
        public func text(serverURL: String) -> String { head + YAMLNodeJSON.quoted(serverURL) + tail }
    }

    /// The URL written into `servers` before splitting; it must occur nowhere else in the document.
    public static let serverURLPlaceholder = "em-gateway-public-base-url-placeholder"
    /// What the `servers` entry says.
    public static let serverDescription = "This gateway, in front of Enterprise Manager."

    /// OpenAPI 3.2 as YAML (`/openapi.yaml`).
    public let openAPI32YAML: Rendition
    /// OpenAPI 3.2 as JSON (`/openapi.json`).
    public let openAPI32JSON: Rendition
    /// OpenAPI 3.1 as YAML (`/openapi-3.1.yaml`).
    public let openAPI31YAML: Rendition
    /// OpenAPI 3.1 as JSON (`/openapi-3.1.json`).
    public let openAPI31JSON: Rendition

    /// Every rendition, in the order above.
    public var all: [Rendition] { [openAPI32YAML, openAPI32JSON, openAPI31YAML, openAPI31JSON] }

    /// Produces the renditions of a document.
    /// - Parameter yaml: the OpenAPI 3.2 document as YAML.
    /// - Throws: ``SchemaError`` (`.invalidDocument`) when the text is not a YAML mapping, or when the
    ///   server URL placeholder occurs in it already.
    public init(yaml: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SchemaError(.invalidDocument, "not YAML: \(error)")
        }
        guard case .mapping(var mapping)? = root else {
            throw SchemaError(.invalidDocument, "the document is not a mapping")
        }
        guard !yaml.contains(Self.serverURLPlaceholder) else {
            throw SchemaError(.invalidDocument, "the document contains `\(Self.serverURLPlaceholder)`")
        }
        mapping["servers"] = .sequence([
            .mapping([
                "url": Node(Self.serverURLPlaceholder, Tag(.str), .doubleQuoted),
                "description": Node(Self.serverDescription),
            ])
        ])
        let current = Node.mapping(mapping)
        let legacy = Self.openAPI31(current)
        openAPI32YAML = try Self.split(try Yams.serialize(node: current, width: -1), name: "openAPI32YAML")
        openAPI32JSON = try Self.split(YAMLNodeJSON.text(of: current), name: "openAPI32JSON")
        openAPI31YAML = try Self.split(try Yams.serialize(node: legacy, width: -1), name: "openAPI31YAML")
        openAPI31JSON = try Self.split(YAMLNodeJSON.text(of: legacy), name: "openAPI31JSON")
    }

    private static func split(_ text: String, name: String) throws -> Rendition {
        let ranges = text.ranges(of: YAMLNodeJSON.quoted(serverURLPlaceholder))
        guard ranges.count == 1, let range = ranges.first else {
            throw SchemaError(.invalidDocument, "\(name): the server URL occurs \(ranges.count) times, not once")
        }
        return Rendition(name: name, head: String(text[..<range.lowerBound]), tail: String(text[range.upperBound...]))
    }
}
