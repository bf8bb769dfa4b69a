/// One `type` of EM's query service (`/api/query?type=<Type>`): where its resources live, how
/// a `QueryResult` holds them, and the fields its `get_query_*` page documents.
struct QueryType: Sendable {
    /// Where the resources go in a `QueryResult`.
    enum Container: Sendable {
        /// `<Refs>` by default, `<Entities><Root>` with `format=Entities`.
        case entities(String)
        /// Always `<Resources><Root>` (types without references: tasks, credentials, passwords, ...).
        case resources(String)
    }

    /// The type as documented (`BackupJobSession`); `type=` matches it case-insensitively.
    let name: String
    /// The kinds whose resources the type searches, in this order.
    let kinds: [ResourceKind]
    let container: Container
    /// The documented filter and sort fields.
    let fields: [QueryField]

    /// Creates a type whose fields are `UID`, `Name`, then `fields`, then the backup server's.
    /// - Parameters:
    ///   - name: the type name.
    ///   - kind: the kind searched.
    ///   - container: the `QueryResult` container.
    ///   - fields: the type's own fields.
    ///   - server: whether `BackupServerUid`/`BackupServerName` are fields (default `true`).
    init(_ name: String, _ kind: ResourceKind, _ container: Container, _ fields: [QueryField], server: Bool = true) {
        self.init(name, kinds: [kind], container, fields: [.uid("UID"), .string("Name")] + fields, server: server)
    }

    /// Creates a type with exactly the fields given (plus the backup server's when asked).
    /// - Parameters:
    ///   - name: the type name.
    ///   - kinds: the kinds searched.
    ///   - container: the `QueryResult` container.
    ///   - fields: all fields.
    ///   - server: whether `BackupServerUid`/`BackupServerName` are fields.
    init(_ name: String, kinds: [ResourceKind], _ container: Container, fields: [QueryField], server: Bool) {
        self.name = name
        self.kinds = kinds
        self.container = container
        self.fields = fields + (server ? [.uid("BackupServerUid"), .string("BackupServerName")] : [])
    }

    /// Finds a field by name.
    /// - Parameter name: the name, any case.
    /// - Returns: the field, or `nil` when the type has none by that name.
    func field(named name: String) -> QueryField? {
        let wanted = name.lowercased()
        return self.fields.first { $0.key == wanted }
    }
}
