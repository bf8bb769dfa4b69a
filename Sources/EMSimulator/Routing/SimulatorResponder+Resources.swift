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

    /// A collection: `EntityReferences` by default, the plural entity list with `?format=Entity`.
    /// - Parameters:
    ///   - items: the resources, in order.
    ///   - kind: their kind.
    ///   - query: the query parameters.
    /// - Returns: the list response (streamed when large).
    /// - Throws: `SimulatorError` `.badRequest` for an unknown `format`.
    func collection(_ items: [any SimulatedEntity], _ kind: ResourceKind, _ query: QueryParameters) throws -> Response {
        let context = self.renderContext
        switch try Format(query) {
        case .reference:
            return XMLResponse.list(
                items: items,
                open: { $0.start("EntityReferences", attributeList: [], namespacesFirst: .em) },
                item: { Representation.writeReference($1, to: &$0, context, asRoot: false) })
        case .entity:
            return XMLResponse.list(
                items: items,
                open: { $0.start(kind.listRoot, attributeList: [], namespacesFirst: .em) },
                item: { Representation.writeEntity($1, to: &$0, context, asRoot: false) })
        }
    }

    /// One resource: `EntityRef` by default, the entity with `?format=Entity`.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - id: the ID from the path.
    ///   - query: the query parameters.
    /// - Returns: the document.
    /// - Throws: `SimulatorError` `.badRequest` (not a GUID, bad `format`), `.notFound`.
    func resource(_ kind: ResourceKind, _ id: String, _ query: QueryParameters) throws -> Response {
        let format = try Format(query)
        let normalized = try self.existingID(kind, id)
        guard let entity = self.store.find(kind, id: normalized) else {
            throw SimulatorError(.notFound, "Cannot find \(kind.noun) [\(id)]")
        }
        let context = self.renderContext
        return XMLResponse.document {
            switch format {
            case .reference: Representation.writeReference(entity, to: &$0, context, asRoot: true)
            case .entity: Representation.writeEntity(entity, to: &$0, context, asRoot: true)
            }
        }
    }

    /// Checks that an ID from a path is a GUID naming an existing resource.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - id: the ID from the path.
    /// - Returns: the ID in EM's lower-case form.
    /// - Throws: `SimulatorError` `.badRequest` when `id` is no GUID (with EM's message,
    ///   leading space included), `.notFound` when nothing has that ID.
    func existingID(_ kind: ResourceKind, _ id: String) throws -> String {
        guard let normalized = GUID.normalize(id) else {
            throw SimulatorError(.badRequest, " ID \(id) is invalid. Type: \(kind.typeName)")
        }
        guard self.store.find(kind, id: normalized) != nil else {
            throw SimulatorError(.notFound, "Cannot find \(kind.noun) [\(id)]")
        }
        return normalized
    }
}
