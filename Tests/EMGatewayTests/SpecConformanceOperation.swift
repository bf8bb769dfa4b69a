import Foundation
import Yams

/// One GET operation of `openapi/em-gateway.yaml`, with what the conformance test needs from it.
struct SpecConformanceOperation {
    /// The path template (`/api/jobs/{ID}/includes/{ID2}`).
    let path: String
    /// `operationId`.
    let id: String
    /// The schema of the `200` answer's `application/json` content (`nil` when the spec has none).
    let schema: Any?
    /// The query strings to call the operation with: none, then one per value of `format` and of
    /// `action` (except `download`, which answers a file), crossed with each value of a required
    /// enumerated parameter (`/api/query`'s `type`).
    let queries: [String]
    /// Whether the operation takes a hierarchy root's UID as `host` (`/api/lookup` needs it or
    /// `hierarchyRef`: "Specify the host or the hierarchyRef parameter").
    let takesHost: Bool

    /// The spec, loaded once for the whole suite.
    static func loadDocument() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi/em-gateway.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw SpecProblem(description: "openapi/em-gateway.yaml is not a mapping")
        }
        return document
    }

    /// Every GET operation of the spec that goes to EM, by path (the gateway's own routes, marked
    /// `x-em-gateway-route`, are left out).
    static func gets(in document: [String: Any]) throws -> [SpecConformanceOperation] {
        let paths = try require(document["paths"] as? [String: Any], "paths")
        return try paths.keys.sorted().compactMap { path in
            guard let get = (paths[path] as? [String: Any])?["get"] as? [String: Any],
                get["x-em-gateway-route"] as? Bool != true
            else { return nil }
            let parameters = try (get["parameters"] as? [Any] ?? []).map { try parameter($0, document) }
            let content = ((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any]
            let schema = (content?["application/json"] as? [String: Any])?["schema"]
            return SpecConformanceOperation(
                path: path, id: get["operationId"] as? String ?? path, schema: schema, queries: queries(parameters),
                takesHost: parameters.contains { $0["in"] as? String == "query" && $0["name"] as? String == "host" })
        }
    }

    private static func queries(_ parameters: [[String: Any]]) -> [String] {
        let query = parameters.filter { $0["in"] as? String == "query" }
        func values(_ parameter: [String: Any]) -> [String] {
            ((parameter["schema"] as? [String: Any])?["enum"] as? [Any] ?? []).map { "\($0)" }
        }
        var optional = [""]
        for parameter in query where parameter["required"] as? Bool != true {
            guard let name = parameter["name"] as? String, name == "format" || name == "action" else { continue }
            optional += values(parameter).filter { $0 != "download" }.map { "\(name)=\($0)" }
        }
        var combined = optional
        for parameter in query where parameter["required"] as? Bool == true {
            let name = parameter["name"] as? String ?? "?"
            combined = values(parameter).flatMap { value in
                combined.map { rest in "\(name)=\(value)" + (rest.isEmpty ? "" : "&" + rest) }
            }
        }
        return combined
    }

    private static func parameter(_ node: Any, _ document: [String: Any]) throws -> [String: Any] {
        let parameter = try require(node as? [String: Any], "a parameter")
        guard let reference = parameter["$ref"] as? String else { return parameter }
        let name = String(reference.split(separator: "/").last ?? "")
        let components = document["components"] as? [String: Any]
        return try require((components?["parameters"] as? [String: Any])?[name] as? [String: Any], reference)
    }

    private static func require<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw SpecProblem(description: "openapi/em-gateway.yaml: cannot read \(what)") }
        return value
    }

    struct SpecProblem: Error, CustomStringConvertible {
        let description: String
    }
}
