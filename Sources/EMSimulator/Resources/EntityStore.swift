/// The simulated EM's data: plain values, indexed by kind, by ID and by the lists they appear in.
///
/// Built from the seed data; writes change a copy (``WorldState`` holds the current one). Lists
/// keep insertion order, which is the order EM's collections answer in.
struct EntityStore: Sendable {
    /// Every resource, in insertion order.
    private(set) var entities: [any SimulatedEntity] = []
    /// Positions in `entities` by kind (`Type`).
    private var byKind: [String: [Int]] = [:]
    /// Position by `<Type>/<lower-case id>`.
    private var byID: [String: Int] = [:]
    /// Positions by ``Membership/key``.
    private var byList: [String: [Int]] = [:]

    /// Creates an empty store.
    init() {}

    // MARK: Building

    /// Adds a resource to its kind's collection and to the lists it names.
    /// - Parameter entity: the resource; its ID must be new for its kind.
    mutating func add(_ entity: any SimulatedEntity) {
        let key = Self.key(entity.kind, entity.id)
        precondition(self.byID[key] == nil, "duplicate \(entity.kind.noun) \(entity.id)")
        let position = self.entities.count
        self.entities.append(entity)
        self.byID[key] = position
        self.byKind[entity.kind.typeName, default: []].append(position)
        for membership in entity.memberships {
            self.byList[membership.key, default: []].append(position)
        }
    }

    /// Adds resources in order.
    /// - Parameter entities: the resources.
    mutating func add(_ entities: [any SimulatedEntity]) {
        for entity in entities { self.add(entity) }
    }

    /// Replaces a resource with a new version of it (same kind and ID), keeping its place.
    /// - Parameter entity: the new version.
    /// - Returns: whether there was one to replace.
    @discardableResult
    mutating func replace(_ entity: any SimulatedEntity) -> Bool {
        guard let position = self.byID[Self.key(entity.kind, entity.id)] else { return false }
        self.entities[position] = entity
        self.reindex()
        return true
    }

    /// Removes a resource from its collection and every list.
    /// - Parameters:
    ///   - kind: its kind.
    ///   - id: its ID, any case.
    /// - Returns: the removed resource, or `nil` when there was none.
    @discardableResult
    mutating func remove(_ kind: ResourceKind, id: String) -> (any SimulatedEntity)? {
        guard let position = self.byID[Self.key(kind, id)] else { return nil }
        let removed = self.entities.remove(at: position)
        self.reindex()
        return removed
    }

    private mutating func reindex() {
        let entities = self.entities
        self = EntityStore()
        self.add(entities)
    }

    // MARK: Lookups

    /// All resources of a kind, in insertion order.
    /// - Parameter kind: the kind.
    /// - Returns: the resources.
    func all(_ kind: ResourceKind) -> [any SimulatedEntity] {
        (self.byKind[kind.typeName] ?? []).map { self.entities[$0] }
    }

    /// Finds a resource of a kind.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - id: the ID; matched case-insensitively.
    /// - Returns: the resource, or `nil` when there is none of that kind.
    func find(_ kind: ResourceKind, id: String) -> (any SimulatedEntity)? {
        self.byID[Self.key(kind, id)].map { self.entities[$0] }
    }

    /// The resources of a list other than a kind's own collection.
    /// - Parameter membership: the list.
    /// - Returns: the resources in insertion order (empty for an unknown or empty list).
    func members(_ membership: Membership) -> [any SimulatedEntity] {
        (self.byList[membership.key] ?? []).map { self.entities[$0] }
    }

    /// Finds a backup server.
    /// - Parameter id: the ID, any case.
    /// - Returns: the server, or `nil`.
    func backupServer(id: String) -> BackupServer? {
        self.find(.backupServer, id: id) as? BackupServer
    }

    /// Finds a job.
    /// - Parameter id: the ID, any case.
    /// - Returns: the job, or `nil`.
    func job(id: String) -> Job? {
        self.find(.job, id: id) as? Job
    }

    /// Finds a job session of either kind.
    /// - Parameter id: the ID, any case.
    /// - Returns: the session, or `nil`.
    func jobSession(id: String) -> JobSession? {
        (self.find(.backupJobSession, id: id) ?? self.find(.replicaJobSession, id: id)) as? JobSession
    }

    private static func key(_ kind: ResourceKind, _ id: String) -> String {
        "\(kind.typeName)/\(id.lowercased())"
    }
}
