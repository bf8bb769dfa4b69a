/// What the XML writers need to know while rendering: where `Href`s point and the data.
struct RenderContext: Sendable {
    /// Builds absolute `Href`s from the advertised base.
    let hrefs: HrefBuilder
    /// The data, for names of related resources.
    let store: EntityStore
}

/// A resource of the simulated EM, served as a reference and as an entity.
///
/// A conforming value holds plain data; these requirements say how EM shows it. The shared
/// frame (attributes, `<Links>`, reference vs entity) is written by ``Representation``.
protocol SimulatedEntity: Sendable {
    /// The resource's kind.
    var kind: ResourceKind { get }
    /// The resource ID: a lower-case GUID.
    var id: String { get }
    /// The `Name` attribute.
    var name: String { get }
    /// Attributes EM writes on the entity element after `UID` (such as `VmDisplayName`).
    var extraEntityAttributes: [(String, String)] { get }
    /// The links of the reference form (`Ref`, `EntityRef`).
    /// - Parameter context: hrefs and data.
    /// - Returns: the links in EM's order.
    func referenceLinks(_ context: RenderContext) -> [Link]
    /// The links of the entity form.
    /// - Parameter context: hrefs and data.
    /// - Returns: the links in EM's order.
    func entityLinks(_ context: RenderContext) -> [Link]
    /// Writes the entity's elements after `<Links>`, in schema order.
    /// - Parameters:
    ///   - xml: the writer, positioned inside the entity element.
    ///   - context: hrefs and data.
    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext)
}

extension SimulatedEntity {
    var extraEntityAttributes: [(String, String)] { [] }
}

/// Writes resources in EM's two representations.
enum Representation {
    /// Writes a resource's reference: `<EntityRef>` as a document root, `<Ref>` inside a list.
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
        let attributes = [
            ("Type", entity.kind.referenceType),
            ("Href", context.hrefs.reference(entity.kind, entity.id)),
            ("Name", entity.name),
            ("UID", entity.kind.uid(entity.id)),
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
    static func writeEntity(
        _ entity: any SimulatedEntity,
        to xml: inout XMLWriter,
        _ context: RenderContext,
        asRoot: Bool
    ) {
        let attributes =
            [
                ("Type", entity.kind.typeName),
                ("Href", context.hrefs.entity(entity.kind, entity.id)),
                ("Name", entity.name),
                ("UID", entity.kind.uid(entity.id)),
            ] + entity.extraEntityAttributes
        xml.start(entity.kind.typeName, attributeList: attributes, namespacesFirst: asRoot ? .em : nil)
        xml.links(entity.entityLinks(context))
        entity.writeEntityContent(&xml, context)
        xml.end()
    }
}
