import Hummingbird

extension SimulatorResponder {
    /// The two representations EM offers.
    enum Format {
        /// The default: `EntityReferences` of `Ref`s, or one `EntityRef`.
        case reference
        /// `?format=Entity`: the plural list root, or the entity itself.
        case entity

        /// Reads `format` (name and value case-insensitive).
        /// - Parameter query: the query parameters.
        /// - Throws: `SimulatorError` `.badRequest` for a value other than `Entity`.
        init(_ query: QueryParameters) throws {
            guard let value = query["format"] else {
                self = .reference
                return
            }
            guard value.lowercased() == "entity" else {
                throw SimulatorError(.badRequest, "Invalid format [\(value)]. Supported value: Entity.")
            }
            self = .entity
        }
    }

    /// A list: `EntityReferences` by default and the plural entity root with `?format=Entity`,
    /// or always the resources for ``ListShape/resources(root:item:)``.
    /// - Parameters:
    ///   - items: the resources, in order.
    ///   - kind: their kind.
    ///   - shape: how the list answers.
    ///   - query: the query parameters.
    /// - Returns: the list response (streamed when large).
    /// - Throws: `SimulatorError` `.badRequest` for an unknown `format`.
    func list(
        _ items: [any SimulatedEntity], _ kind: ResourceKind, _ shape: ListShape, _ query: QueryParameters
    ) throws -> Response {
        let context = self.renderContext
        let format = try Format(query)
        switch (shape, format) {
        case (.resources(let root, let element), _):
            return XMLResponse.list(
                items: items,
                open: { $0.start(root, attributeList: [], namespacesFirst: .em) },
                item: { Representation.writeEntity($1, to: &$0, context, asRoot: false, element: element) })
        case (.references, .reference):
            return XMLResponse.list(
                items: items,
                open: { $0.start("EntityReferences", attributeList: [], namespacesFirst: .em) },
                item: { Representation.writeReference($1, to: &$0, context, asRoot: false) })
        case (.references, .entity):
            return XMLResponse.list(
                items: items,
                open: { $0.start(kind.listRoot, attributeList: [], namespacesFirst: .em) },
                item: { Representation.writeEntity($1, to: &$0, context, asRoot: false, element: kind.listItem) })
        }
    }

    /// One resource: `EntityRef` by default, the entity with `?format=Entity` (kinds without a
    /// reference form always answer the resource).
    /// - Parameters:
    ///   - kind: the kind.
    ///   - captures: the IDs of the path; the last one is the resource's.
    ///   - parentSegment: for nested resources, the parent's list that must hold the resource.
    ///   - query: the query parameters.
    /// - Returns: the document.
    /// - Throws: `SimulatorError` `.badRequest` (not a GUID, bad `format`), `.notFound`.
    func item(
        _ kind: ResourceKind, _ captures: [Route.Capture], parentSegment: String?, _ query: QueryParameters
    ) throws -> Response {
        let format = try Format(query)
        let ids = try self.resolve(captures, parentSegments: parentSegment.map { [$0] } ?? [])
        guard let entity = self.store.find(kind, id: ids[ids.count - 1]) else {
            throw SimulatorError(.notFound, "Cannot find \(kind.noun) [\(captures[captures.count - 1].id)]")
        }
        let context = self.renderContext
        return XMLResponse.document {
            switch format {
            case .reference: Representation.writeReference(entity, to: &$0, context, asRoot: true)
            case .entity: Representation.writeEntity(entity, to: &$0, context, asRoot: true)
            }
        }
    }

    /// Checks the IDs of a path, parents first: each must be well-formed for its kind and name
    /// an existing resource; with `parentSegments`, the last IDs must each be in the list of
    /// the one before (`/jobs/{A}/includes/{B}`: B in A's `includes`).
    /// - Parameters:
    ///   - captures: the IDs in path order.
    ///   - parentSegments: the list segments joining the last captures, innermost last.
    /// - Returns: the IDs in their stored form (lower-case GUIDs).
    /// - Throws: `SimulatorError` `.badRequest` when a GUID ID is no GUID (with EM's message,
    ///   leading space included), `.notFound` when nothing has that ID.
    @discardableResult
    func resolve(_ captures: [Route.Capture], parentSegments: [String] = []) throws -> [String] {
        var ids: [String] = []
        for capture in captures {
            let id: String
            switch capture.kind.idStyle {
            case .guid:
                guard let normalized = GUID.normalize(capture.id) else {
                    throw SimulatorError(.badRequest, " ID \(capture.id) is invalid. Type: \(capture.kind.typeName)")
                }
                id = normalized
            case .name, .text:
                id = capture.id.lowercased()
            }
            guard let found = self.store.find(capture.kind, id: id) else {
                throw SimulatorError(.notFound, "Cannot find \(capture.kind.noun) [\(capture.id)]")
            }
            ids.append(found.id)
        }
        for (offset, segment) in parentSegments.reversed().enumerated() {
            let child = captures.count - 1 - offset
            guard child >= 1 else { break }
            let members = self.store.members(.child(of: captures[child - 1].kind, ids[child - 1], segment))
            guard members.contains(where: { $0.id == ids[child] }) else {
                throw SimulatorError(.notFound, "Cannot find \(captures[child].kind.noun) [\(captures[child].id)]")
            }
        }
        return ids
    }
}
