import HTTPTypes

/// The simulator's own knowledge of EM's writes: every documented POST, PUT and DELETE and the
/// request bodies they take (root element, child elements in schema order, which are required).
///
/// The tables are generated (`RequestCatalog+Generated.swift`, by
/// `scripts/generate-simulator-requests.py` from the reference's endpoint catalogue, RestAPI.xsd,
/// documented types and request samples) and independent of the gateway's contract on purpose:
/// the simulator checks what the gateway writes.
enum RequestCatalog {
    /// The operation a request names.
    /// - Parameters:
    ///   - method: the request's method.
    ///   - path: its segments after `api`.
    ///   - action: its `action` query value, if any.
    /// - Returns: the operation: the one with that action, else one without an action (a `PUT`
    ///   documented with `?action=edit` also takes the bare path, as EM does); `nil` when none fits.
    static func operation(method: HTTPRequest.Method, path: [String], action: String?) -> WriteOperation? {
        let candidates = Self.operations.filter { $0.method == method && $0.matches(path) }
        let wanted = action?.lowercased()
        if let exact = candidates.first(where: { $0.action?.lowercased() == wanted }) { return exact }
        if method == .put, wanted == nil { return candidates.first }
        return nil
    }

    /// Whether any documented write has this path, whatever the method or action.
    /// - Parameter path: segments after `api`.
    /// - Returns: the methods documented for the path.
    static func methods(path: [String]) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        for operation in Self.operations where operation.matches(path) && !methods.contains(operation.method) {
            methods.append(operation.method)
        }
        return methods
    }
}
