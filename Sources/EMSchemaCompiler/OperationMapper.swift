import EMSchema
import OpenAPIKit

/// `paths` → the operations table of ``SchemaModel``: one ``SchemaModel/Operation`` per method, path
/// and `action`.
///
/// An operation with an `x-em-actions` list (see `openapi/README.md`) gives one variant per entry:
/// `action` (absent for the variant without one), `requestBody` (a component name) and `responses`
/// (success status codes). Any other operation gives one variant: its request body is the single
/// `$ref` of its `application/json` content, its success statuses the `2xx` keys of its responses.
/// Operations marked `x-em-gateway-route: true` are the gateway's own routes (`/healthz`, the
/// contract's renditions…), not Enterprise Manager operations, and are left out.
struct OperationMapper {
    let document: OpenAPI.Document
    let model: SchemaModel

    /// The vendor extension that lists an operation's `action` variants.
    static let actionsExtension = "x-em-actions"
    /// The vendor extension giving a `GET`'s freshness in seconds (`0`: never stored).
    static let maxAgeExtension = "x-em-gateway-max-age"
    /// The vendor extension that marks one of the gateway's own routes.
    static let gatewayRouteExtension = "x-em-gateway-route"

    /// Whether an operation is one of the gateway's own routes (`x-em-gateway-route: true`).
    static func isGatewayRoute(_ operation: OpenAPI.Operation) -> Bool {
        operation.vendorExtensions[gatewayRouteExtension]?.value as? Bool == true
    }

    /// Maps every operation in document order.
    /// - Throws: ``SchemaError`` (`.invalidOperation`) naming the operation that cannot be mapped.
    func operations() throws -> [SchemaModel.Operation] {
        var result: [SchemaModel.Operation] = []
        for (path, item) in document.paths {
            guard let pathItem = item.pathItemValue else { continue }
            for endpoint in pathItem.endpoints where !Self.isGatewayRoute(endpoint.operation) {
                let method = endpoint.method.rawValue.uppercased()
                let location = "operation \(method) \(path.rawValue)"
                let maxAge = try self.maxAge(endpoint.operation, at: location)
                if let actions = endpoint.operation.vendorExtensions[Self.actionsExtension] {
                    result += try variants(actions.value, method: method, path: path.rawValue, maxAge: maxAge, at: location)
                } else {
                    result.append(try plain(endpoint.operation, method: method, path: path.rawValue, maxAge: maxAge, at: location))
                }
            }
        }
        return result
    }

    // MARK: - Variants

    private func maxAge(_ operation: OpenAPI.Operation, at location: String) throws -> Int? {
        guard let value = operation.vendorExtensions[Self.maxAgeExtension]?.value else { return nil }
        guard let seconds = value as? Int, seconds >= 0 else {
            throw SchemaError(.invalidOperation, "\(location): `\(Self.maxAgeExtension)` must be a whole number of seconds, 0 or more")
        }
        return seconds
    }

    private func variants(
        _ value: Any, method: String, path: String, maxAge: Int?, at location: String
    ) throws
        -> [SchemaModel.Operation]
    {
        guard let entries = value as? [Any], !entries.isEmpty else {
            throw SchemaError(.invalidOperation, "\(location): `\(Self.actionsExtension)` must be a non-empty list")
        }
        var seen: Set<String> = []
        var result: [SchemaModel.Operation] = []
        for (position, entry) in entries.enumerated() {
            let at = "\(location), \(Self.actionsExtension) entry \(position + 1)"
            guard let fields = entry as? [String: Any] else {
                throw SchemaError(.invalidOperation, "\(at): expected a mapping")
            }
            let unknown = Set(fields.keys).subtracting(["action", "requestBody", "responses"])
            guard unknown.isEmpty else {
                throw SchemaError(.invalidOperation, "\(at): unknown keys \(unknown.sorted())")
            }
            let action = try string(fields["action"], named: "action", at: at)
            guard seen.insert(action?.lowercased() ?? "").inserted else {
                throw SchemaError(.invalidOperation, "\(at): action `\(action ?? "(none)")` listed twice")
            }
            let body = try string(fields["requestBody"], named: "requestBody", at: at)
            let (type, root) = try requestBody(named: body, at: at)
            let statuses = try codes(fields["responses"], at: at)
            result.append(
                SchemaModel.Operation(
                    method: method, pathTemplate: path, action: action, requestType: type, requestRootElement: root,
                    successStatuses: statuses, maxAge: maxAge))
        }
        return result
    }

    private func plain(
        _ operation: OpenAPI.Operation, method: String, path: String, maxAge: Int?, at location: String
    ) throws
        -> SchemaModel.Operation
    {
        var bodyName: String?
        if let body = operation.requestBody {
            guard let request = body.b, let content = request.content[.json]?.b, let schema = content.schema else {
                throw SchemaError(.invalidOperation, "\(location): the request body needs inline `application/json` content")
            }
            guard case .reference(.internal(.component(let name)), _) = schema.value else {
                throw SchemaError(
                    .invalidOperation,
                    "\(location): a request body of several types needs `\(Self.actionsExtension)` to tell them apart")
            }
            bodyName = name
        }
        let (type, root) = try requestBody(named: bodyName, at: location)
        let statuses = operation.responses.keys.compactMap { key -> Int? in
            guard case .status(code: let code) = key.value, (200..<300).contains(code) else { return nil }
            return code
        }
        guard !statuses.isEmpty else { throw SchemaError(.invalidOperation, "\(location): no 2xx response") }
        return SchemaModel.Operation(
            method: method, pathTemplate: path, requestType: type, requestRootElement: root,
            successStatuses: statuses.sorted(), maxAge: maxAge)
    }

    // MARK: - Fields

    private func requestBody(named name: String?, at location: String) throws -> (SchemaModel.TypeID?, String?) {
        guard let name else { return (nil, nil) }
        guard let type = model.typesByName[name] else {
            throw SchemaError(.invalidOperation, "\(location): request body `\(name)` is not an object component")
        }
        guard let root = model.rootElements.first(where: { $0.value == type })?.key else {
            throw SchemaError(.invalidOperation, "\(location): request body `\(name)` has no xml.name (root element)")
        }
        return (type, root)
    }

    private func string(_ value: Any?, named name: String, at location: String) throws -> String? {
        guard let value else { return nil }
        guard let text = value as? String, !text.isEmpty else {
            throw SchemaError(.invalidOperation, "\(location): `\(name)` must be a non-empty string")
        }
        return text
    }

    private func codes(_ value: Any?, at location: String) throws -> [Int] {
        guard let list = value as? [Any], !list.isEmpty else {
            throw SchemaError(.invalidOperation, "\(location): `responses` must list status codes")
        }
        let codes = try list.map { item -> Int in
            if let code = item as? Int, (200..<300).contains(code) { return code }
            if let text = item as? String, let code = Int(text), (200..<300).contains(code) { return code }
            throw SchemaError(.invalidOperation, "\(location): `\(item)` is not a 2xx status code")
        }
        return codes.sorted()
    }
}
