import HTTPTypes
import Hummingbird
import NIOCore

extension SimulatorResponder {
    /// Largest request body read: 1 MiB (EM's request bodies are small documents).
    static let maxWriteBody = 1 << 20

    /// What a write acts on: the operation, the IDs of its path, the body and the resource named last.
    struct WriteTarget {
        /// The documented operation.
        let operation: WriteOperation
        /// The IDs of the path as stored (lower-case GUIDs), parents first.
        let ids: [String]
        /// The kinds of those IDs.
        let kinds: [ResourceKind]
        /// The parsed, validated body, if one came.
        let body: RequestDocument.Element?

        /// The resource the path names last, looked up in a store.
        func entity(in store: EntityStore) -> (any SimulatedEntity)? {
            guard let id = self.ids.last, let kind = self.kinds.last else { return nil }
            return store.find(kind, id: id)
        }
    }

    /// Answers a documented `POST`, `PUT` or `DELETE` (logon and logoff aside).
    ///
    /// Order of checks: the operation (method, path, `action`; an unknown action on a write path
    /// is a 400); the path's IDs (400 when no GUID, 404 when nothing has them); the body (malformed
    /// XML, DOCTYPE, wrong root, namespace, unknown element, order, repeats, missing required
    /// elements: 400 from ``RequestValidator``); then the effect and EM's answer: `202` with a
    /// `Task`, `201`, `204` with an empty body, or `200`.
    /// - Parameters:
    ///   - request: the request.
    ///   - route: its GET route (used to check the path's IDs).
    /// - Returns: the response, or `nil` when no documented write has this method and path.
    /// - Throws: `SimulatorError` as listed above.
    func write(_ request: Request, _ route: Route) async throws -> Response? {
        guard [.post, .put, .delete].contains(request.method) else { return nil }
        let segments = Array(request.uri.path.split(separator: "/", omittingEmptySubsequences: true).dropFirst().map(String.init))
        let query = QueryParameters(request.uri.query)
        let action = query["action"]
        guard let operation = RequestCatalog.operation(method: request.method, path: segments, action: action) else {
            if RequestCatalog.methods(path: segments).contains(request.method) {
                throw SimulatorError(
                    .badRequest,
                    "Action [\(action ?? "")] is not supported for \(request.method.rawValue) [\(request.uri.path)].")
            }
            return nil
        }
        if operation.template.lowercased() == "/tasks/{id}" {
            return try self.task(segments[1], method: request.method)
        }
        let (ids, kinds) = try self.resolveWritePath(segments)
        let bytes = try await request.body.collect(upTo: Self.maxWriteBody)
        var body: RequestDocument.Element?
        switch operation.body {
        case .none:
            break
        case .unchecked:
            if bytes.readableBytes > 0 { body = try RequestDocument(Array(buffer: bytes)).root }
        case .root(let root):
            guard bytes.readableBytes > 0 else {
                throw SimulatorError(
                    .badRequest, "There is an error in XML document: the request body is empty; this operation takes <\(root)>.")
            }
            let document = try RequestDocument(Array(buffer: bytes))
            try RequestValidator.validate(document, root: root)
            body = document.root
        }
        return try self.execute(WriteTarget(operation: operation, ids: ids, kinds: kinds, body: body), segments)
    }

    /// Checks the IDs of a write's path with the GET route of the resource it names (the path, or
    /// the path without its last segment for NAS jobs' path actions).
    /// - Parameter segments: the path after `api`.
    /// - Returns: the IDs as stored and their kinds (empty when the path names no known resource).
    /// - Throws: `SimulatorError` `.badRequest` for an ID that is no GUID, `.notFound` for an unknown one.
    private func resolveWritePath(_ segments: [String]) throws -> ([String], [ResourceKind]) {
        for length in [segments.count, segments.count - 1] where length > 0 {
            let route = RouteTable.match(Array(segments.prefix(length)))
            guard let endpoint = route.endpoint else { continue }
            var parents: [String] = []
            if case .item(_, let parentSegment?) = endpoint { parents = [parentSegment] }
            let ids = try self.resolve(route.captures, parentSegments: parents)
            return (ids, route.captures.map(\.kind))
        }
        return ([], [])
    }

    /// Applies a write and answers as EM documents it.
    private func execute(_ target: WriteTarget, _ segments: [String]) throws -> Response {
        let operation = target.operation
        let effect = try self.effect(of: target)
        guard let taskName = operation.task else {
            _ = try self.world.update { store throws(SimulatorError) in effect.completion?(&store) }
            switch operation.status {
            case 204: return Response(status: .noContent)
            case 200:
                return XMLResponse.document {
                    $0.start("CdpReplicaIntervals", namespaces: .em)
                    $0.end()
                }
            default: return Response(status: HTTPResponse.Status(code: operation.status))
            }
        }
        let (task, now) = self.world.startTask(
            taskName, related: effect.related, message: effect.message, completion: effect.completion)
        let hrefs = self.hrefs
        return XMLResponse.document(HTTPResponse.Status(code: operation.status)) {
            task.write(&$0, hrefs, at: now, asRoot: true)
        }
    }
}
