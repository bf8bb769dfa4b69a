/// What the XML writers need to know while rendering: where `Href`s point and the data.
struct RenderContext: Sendable {
    /// Builds absolute `Href`s from the advertised base.
    let hrefs: HrefBuilder
    /// The data, for names of related resources.
    let store: EntityStore
}

/// A resource's place in a list other than its kind's own collection: under a parent
/// (`/backupServers/{ID}/jobs`) or in a filtered top-level list (`/agents/backups`).
struct Membership: Sendable, Hashable {
    /// The lookup key: `<ParentType>/<parent id>/<segment>` or the list's path, lower-cased.
    let key: String

    /// Membership of the list `<parent path>/<segment>`.
    /// - Parameters:
    ///   - parent: the parent's kind.
    ///   - parentID: the parent's ID as stored.
    ///   - segment: the list's last path segment (any case).
    /// - Returns: the membership.
    static func child(of parent: ResourceKind, _ parentID: String, _ segment: String) -> Membership {
        Membership(key: "\(parent.typeName)/\(parentID)/\(segment)".lowercased())
    }

    /// Membership of a top-level list that is not the kind's own (`agents/backups`).
    /// - Parameter path: the list's path under `/api/` (any case).
    /// - Returns: the membership.
    static func list(_ path: String) -> Membership {
        Membership(key: path.lowercased())
    }
}

/// A resource of the simulated EM, served as a reference and as an entity.
///
/// A conforming value holds plain data; these requirements say how EM shows it. The shared
/// frame (attributes, `<Links>`, reference vs entity) is written by ``Representation``.
protocol SimulatedEntity: Sendable {
    /// The resource's kind.
    var kind: ResourceKind { get }
    /// The resource ID: a lower-case GUID for most kinds.
    var id: String { get }
    /// The `Name` attribute.
    var name: String { get }
    /// The reference path under `/api/` (`jobs/<id>`, `jobs/<id>/includes/<id>`).
    var path: String { get }
    /// The `UID` attribute.
    var uid: String { get }
    /// The entity element's name; the kind's `Type` for all but a few (`NASJob`).
    var elementName: String { get }
    /// Attributes EM writes on the entity element after `UID` (such as `VmDisplayName`).
    var extraEntityAttributes: [(String, String)] { get }
    /// Lists other than the kind's own collection that show this resource.
    var memberships: [Membership] { get }
    /// The links of the reference form (`Ref`, `EntityRef`).
    /// - Parameter context: hrefs and data.
    /// - Returns: the links in EM's order.
    func referenceLinks(_ context: RenderContext) -> [Link]
    /// The links of the entity form.
    /// - Parameter context: hrefs and data.
    /// - Returns: the links in EM's order.
    func entityLinks(_ context: RenderContext) -> [Link]
    /// The attributes of the entity element, in EM's order.
    /// - Parameter context: hrefs and data.
    /// - Returns: name/value pairs with absolute `Href`s.
    func entityAttributes(_ context: RenderContext) -> [(String, String)]
    /// Writes the entity's elements after `<Links>`, in schema order.
    /// - Parameters:
    ///   - xml: the writer, positioned inside the entity element.
    ///   - context: hrefs and data.
    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext)
    /// The values the query service filters and sorts on, by lower-cased field name, in
    /// EM's lexical forms (`get_query_*` pages list the fields of each type).
    /// - Parameter context: hrefs and data (for names of related resources).
    /// - Returns: field name → value; a field without value is absent.
    func queryValues(_ context: RenderContext) -> [String: String]
}

extension SimulatedEntity {
    var path: String { "\(self.kind.hrefSegment)/\(self.id)" }

    var uid: String { self.kind.uid(self.id) }

    var elementName: String { self.kind.typeName }

    var extraEntityAttributes: [(String, String)] { [] }

    var memberships: [Membership] { [] }

    func entityAttributes(_ context: RenderContext) -> [(String, String)] {
        let href = context.hrefs.api(self.path) + (self.kind.hasReference ? "?format=Entity" : "")
        return [("Type", self.kind.typeName), ("Href", href), ("Name", self.name), ("UID", self.uid)]
            + self.extraEntityAttributes
    }

    /// The values every query type has: `UID` and `Name`.
    var commonQueryValues: [String: String] { ["uid": self.uid, "name": self.name] }
}

/// Writes resources in EM's two representations.
enum Representation {
    /// Writes a resource's reference: `<EntityRef>` as a document root, `<Ref>` inside a list.
    /// Kinds without a reference form are written as entities.
    /// - Parameters:
    ///   - entity: the resource.
    ///   - xml: the writer.
    ///   - context: hrefs and data.
    ///   - asRoot: whether this is the document's root element.
    static func writeReference(
        _ entity: any SimulatedEntity,
        to xml: inout XMLWriter,
        _ context: RenderContext,
        asRoot: Bool
    ) {
        guard entity.kind.hasReference else {
            return Self.writeEntity(entity, to: &xml, context, asRoot: asRoot)
        }
        let attributes = [
            ("Type", entity.kind.referenceType),
            ("Href", context.hrefs.api(entity.path)),
            ("Name", entity.name),
            ("UID", entity.uid),
        ]
        xml.start(asRoot ? "EntityRef" : "Ref", attributeList: attributes, namespacesFirst: asRoot ? .em : nil)
        xml.links(entity.referenceLinks(context))
        xml.end()
    }

    /// Writes a resource's entity element (`<ReplicaJobSession ...>`), whose `Href` ends in `?format=Entity`.
    /// - Parameters:
    ///   - entity: the resource.
    ///   - xml: the writer.
    ///   - context: hrefs and data.
    ///   - asRoot: whether this is the document's root element.
    ///   - element: the element name when it differs from the kind's `Type` (`Items` in
    ///     `VAppCdpReplicaVms`).
    static func writeEntity(
        _ entity: any SimulatedEntity,
        to xml: inout XMLWriter,
        _ context: RenderContext,
        asRoot: Bool,
        element: String? = nil
    ) {
        let name = element ?? entity.elementName
        xml.start(name, attributeList: entity.entityAttributes(context), namespacesFirst: asRoot ? .em : nil)
        let links = entity.entityLinks(context)
        if !links.isEmpty || entity.kind.hasReference {
            xml.links(links)
        }
        entity.writeEntityContent(&xml, context)
        xml.end()
    }
}
