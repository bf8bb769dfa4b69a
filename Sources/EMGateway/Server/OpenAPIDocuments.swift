import EMTranslate
import EMSchema
import HTTPTypes
import NIOCore
import Synchronization
import Yams

/// The OpenAPI contract as the gateway serves it: `/openapi.yaml` and `/openapi.json`, with
/// `servers` set to the gateway's public URL.
///
/// Both forms come from the document compiled into the binary (`openapi/em-gateway.yaml`), so
/// the published contract and the running behaviour cannot drift apart. The JSON keeps the
/// YAML's key order (properties in XML element order). Built on first request and cached.
final class OpenAPIDocuments: Sendable {
    // Safe as a Mutex: built once per public base URL, read by every later request.
    private let cache = Mutex<(base: String, yaml: ByteBuffer, json: ByteBuffer)?>(nil)

    init() {}

    /// The document as YAML.
    func yaml(publicBaseURL: String) throws -> ByteBuffer { try documents(base: publicBaseURL).yaml }

    /// The document as JSON.
    func json(publicBaseURL: String) throws -> ByteBuffer { try documents(base: publicBaseURL).json }

    private func documents(base: String) throws -> (yaml: ByteBuffer, json: ByteBuffer) {
        if let cached = cache.withLock({ $0 }), cached.base == base { return (cached.yaml, cached.json) }
        guard var root = try Yams.compose(yaml: SchemaModel.openAPIDocument), case .mapping(var mapping) = root else {
            throw GatewayError(.internalError, status: .internalServerError, message: "The built-in OpenAPI document is unreadable.")
        }
        mapping["servers"] = .sequence([
            .mapping([
                "url": Node(base, Tag(.str), .doubleQuoted),
                "description": Node("This gateway, in front of Enterprise Manager."),
            ])
        ])
        root = .mapping(mapping)
        let yaml = ByteBuffer(string: try Yams.serialize(node: root, width: -1))
        var json = ""
        JSONNode.write(root, to: &json)
        let built = (base: base, yaml: yaml, json: ByteBuffer(string: json))
        cache.withLock { $0 = built }
        return (built.yaml, built.json)
    }
}

/// Writes a YAML node tree as JSON, keeping mapping order; scalars typed by YAML's core schema
/// (quoted scalars are always strings).
enum JSONNode {
    static func write(_ node: Node, to out: inout String) {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            guard scalar.style == .plain || scalar.style == .any else {
                out += JSONStringLiteral.quoted(text)
                return
            }
            if node.null != nil {
                out += "null"
            } else if let bool = node.bool {
                out += bool ? "true" : "false"
            } else if node.int != nil || node.float != nil, text.allSatisfy({ "-.0123456789eE".contains($0) }) {
                out += text
            } else {
                out += JSONStringLiteral.quoted(text)
            }
        case .mapping(let mapping):
            out += "{"
            for (index, pair) in mapping.enumerated() {
                if index > 0 { out += "," }
                out += JSONStringLiteral.quoted(pair.key.string ?? "")
                out += ":"
                write(pair.value, to: &out)
            }
            out += "}"
        case .sequence(let sequence):
            out += "["
            for (index, item) in sequence.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .alias:
            out += "null"
        }
    }
}
