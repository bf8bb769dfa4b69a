/// A parent a resource links to with `Rel="Up"`: enough to write the link and to list the
/// resource under it.
struct ParentRef: Sendable {
    /// The parent's kind.
    let kind: ResourceKind
    /// The parent's ID.
    let id: String
    /// The parent's `Name`, written on the link.
    let name: String
    /// The parent's reference path under `/api/`.
    let path: String

    /// Creates a parent reference.
    /// - Parameters:
    ///   - kind: the parent's kind.
    ///   - id: its ID.
    ///   - name: its `Name`.
    ///   - path: its reference path under `/api/` (default `<kind path>/<id>`).
    init(_ kind: ResourceKind, _ id: String, _ name: String, path: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.path = path ?? "\(kind.hrefSegment)/\(id)"
    }

    /// The `Up` link to the parent's reference.
    var upLink: Link { Link("Up", self.kind.referenceType, self.path, name: self.name) }

    /// The parent's UID.
    var uid: String { self.kind.uid(self.id) }

    /// Membership in the parent's list `<parent path>/<segment>`.
    /// - Parameter segment: the list's last path segment.
    /// - Returns: the membership.
    func list(_ segment: String) -> Membership { .child(of: self.kind, self.id, segment) }
}

/// A resource described by data alone: the simulator's generic ``SimulatedEntity``.
///
/// Most of EM's kinds are records: the seed data gives each one its links (paths under
/// `/api/`, made absolute when written), its entity content in schema order and the values
/// its query type filters on.
///
/// ```swift
/// let repository = Record(
///     .repository, id: "bffeb9f5-...", name: "Backup Volume 01", up: [server],
///     down: [Link("Down", "BackupReferenceList", "repositories/bffeb9f5-.../backups")],
///     content: [.text("Capacity", 1_079_639_011_328), .text("Kind", "WindowsLocal")])
/// ```
struct Record: SimulatedEntity {
    let kind: ResourceKind
    let id: String
    let name: String
    let path: String
    let uid: String
    let elementName: String
    /// Links written first in both forms (`Up`).
    var up: [Link]
    /// Links written after `Alternate` in both forms (`Down`, `Related`).
    var down: [Link]
    /// Links of the entity form only, after `down` (`Edit`, `Delete`, actions).
    var actions: [Link]
    /// Attributes after `UID` on the entity element.
    var extraEntityAttributes: [(String, String)]
    /// The attributes of the entity element when EM does not write the usual
    /// `Type Href Name UID` (resources without a reference form); `Href` values may be paths.
    var customAttributes: [(String, String)]?
    /// The entity's elements after `<Links>`, in schema order.
    var content: [XMLContent]
    /// Query values by lower-cased field name (`UID`, `Name` and the backup server's are added).
    var values: [String: String]
    var memberships: [Membership]

    /// Creates a record.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - id: the ID (lower-case GUID for most kinds).
    ///   - name: the `Name`.
    ///   - path: the reference path under `/api/` (default `<kind path>/<id>`).
    ///   - uid: the UID (default `urn:veeam:<Type>:<id>`).
    ///   - element: the entity element (default the kind's `Type`).
    ///   - server: the backup server it belongs to: the first `Up` link, and the
    ///     `BackupServerUid`/`BackupServerName` query values.
    ///   - up: further `Up` links.
    ///   - down: `Down`/`Related` links.
    ///   - actions: entity-only links.
    ///   - attributes: attributes after `UID`.
    ///   - content: the entity's elements.
    ///   - values: query values (keys any case).
    ///   - memberOf: lists besides the kind's own.
    init(
        _ kind: ResourceKind, id: String, name: String, path: String? = nil, uid: String? = nil,
        element: String? = nil, server: ParentRef? = nil, up: [Link] = [], down: [Link] = [],
        actions: [Link] = [], attributes: [(String, String)] = [], content: [XMLContent] = [],
        values: [String: String] = [:], memberOf: [Membership] = []
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.path = path ?? "\(kind.hrefSegment)/\(id)"
        self.uid = uid ?? kind.uid(id)
        self.elementName = element ?? kind.typeName
        self.up = (server.map { [$0.upLink] } ?? []) + up
        self.down = down
        self.actions = actions
        self.extraEntityAttributes = attributes
        self.customAttributes = nil
        self.content = content
        var all = Dictionary(uniqueKeysWithValues: values.map { ($0.key.lowercased(), $0.value) })
        all["uid"] = all["uid"] ?? self.uid
        all["name"] = all["name"] ?? name
        if let server {
            all["backupserveruid"] = server.uid
            all["backupservername"] = server.name
        }
        self.values = all
        self.memberships = memberOf
    }

    /// This record as the parent of others.
    var ref: ParentRef { ParentRef(self.kind, self.id, self.name, path: self.path) }

    func referenceLinks(_ context: RenderContext) -> [Link] {
        let alternate = Link("Alternate", self.kind.typeName, self.path + "?format=Entity", name: self.name)
        return (self.up + [alternate] + self.down).map { context.hrefs.resolve($0) }
    }

    func entityLinks(_ context: RenderContext) -> [Link] {
        var links = self.up
        if self.kind.hasReference {
            links.append(Link("Alternate", self.kind.referenceType, self.path, name: self.name))
        }
        return (links + self.down + self.actions).map { context.hrefs.resolve($0) }
    }

    func entityAttributes(_ context: RenderContext) -> [(String, String)] {
        guard let custom = self.customAttributes else {
            let href = context.hrefs.api(self.path) + (self.kind.hasReference ? "?format=Entity" : "")
            return [("Type", self.kind.typeName), ("Href", href), ("Name", self.name), ("UID", self.uid)]
                + self.extraEntityAttributes
        }
        return custom.map { $0.0 == "Href" && !$0.1.hasPrefix("http") ? ($0.0, context.hrefs.api($0.1)) : $0 }
    }

    func writeEntityContent(_ xml: inout XMLWriter, _ context: RenderContext) {
        xml.content(self.content, hrefs: context.hrefs)
    }

    func queryValues(_ context: RenderContext) -> [String: String] { self.values }

    /// A copy whose entity element carries exactly these attributes (resources without a
    /// reference form write `Type` and `Href`, sometimes more).
    /// - Parameter attributes: the attributes; an `Href` may be a path under `/api/`.
    /// - Returns: the modified record.
    func withAttributes(_ attributes: [(String, String)]) -> Record {
        var copy = self
        copy.customAttributes = attributes
        return copy
    }
}
