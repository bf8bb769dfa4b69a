/// What EM calls a kind of resource, and where it lives.
///
/// One value per kind: the element names EM uses for it, and the path its `Href`s use. The
/// kinds themselves are listed in `ResourceKind+Catalog.swift`; the paths that serve them in
/// `RouteTable`. Adding a kind to the simulator starts there.
struct ResourceKind: Sendable, Hashable {
    /// How the IDs of a kind look in paths.
    enum IDStyle: Sendable, Hashable {
        /// A GUID; any form .NET's `Guid.Parse` takes, normalised to lower-case `D` (400 otherwise).
        case guid
        /// A name, matched case-insensitively (`/catalog/vms/{vmname}`).
        case name
        /// Free text matched exactly (`task-1`).
        case text
    }

    /// The entity element and `Type` (`ReplicaJobSession`); also the middle of its UID.
    let typeName: String
    /// The plural root of `?format=Entity` lists (`ReplicaJobSessions`).
    let listRoot: String
    /// The element of each item in those lists when `RestAPI.xsd`'s list type names it differently
    /// from the entity (`VmReplicaPoints` holds `VmRestorePoint`s); `nil`: the entity's own element.
    let listItem: String?
    /// The path under `/api/` that EM writes in this kind's `Href`s (`replicaSessions`,
    /// `cloud/tenants`; `repicaTaskSessions`, sic). Nested kinds use their parent's path instead.
    let hrefSegment: String
    /// A lower-case noun for messages (`replica job session`).
    let noun: String
    /// Whether EM offers a reference form (`EntityRef`, `Ref`). Kinds without one (`ObjectInJob`,
    /// `CredentialsInfo`, ...) always answer the resource itself, whose `Href` has no `?format=Entity`.
    let hasReference: Bool
    /// How IDs of this kind look in paths.
    let idStyle: IDStyle

    /// Creates a kind.
    /// - Parameters:
    ///   - typeName: the entity element and `Type`.
    ///   - listRoot: the plural root of entity lists.
    ///   - listItem: the item element of entity lists, when `RestAPI.xsd` names it apart (default `nil`).
    ///   - hrefSegment: the path under `/api/` of the collection.
    ///   - noun: a lower-case noun for messages.
    ///   - hasReference: whether a reference form exists (default `true`).
    ///   - idStyle: how IDs look (default `.guid`).
    init(
        _ typeName: String, listRoot: String, listItem: String? = nil, hrefSegment: String, noun: String,
        hasReference: Bool = true, idStyle: IDStyle = .guid
    ) {
        self.typeName = typeName
        self.listRoot = listRoot
        self.listItem = listItem
        self.hrefSegment = hrefSegment
        self.noun = noun
        self.hasReference = hasReference
        self.idStyle = idStyle
    }

    /// The reference `Type` (`ReplicaJobSessionReference`).
    var referenceType: String { self.typeName + "Reference" }
    /// The `Type` of a link to a list of references (`ReplicaJobSessionReferenceList`).
    var referenceListType: String { self.referenceType + "List" }
    /// The `Type` of a link to a list of entities (`ReplicaJobSessionList`).
    var entityListType: String { self.typeName + "List" }

    /// The UID EM gives a resource of this kind: `urn:veeam:<Type>:<id>`.
    /// - Parameter id: the resource ID.
    /// - Returns: the UID.
    func uid(_ id: String) -> String { "urn:veeam:\(self.typeName):\(id)" }

    static func == (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.typeName == rhs.typeName }

    func hash(into hasher: inout Hasher) { hasher.combine(self.typeName) }
}
