/// What EM calls a kind of resource, and where it lives.
///
/// One value per kind: the element names EM uses for it, and the path segment its `Href`s
/// use. Adding a kind to the simulator starts here.
struct ResourceKind: Sendable, Hashable {
    /// The entity element and `Type` (`ReplicaJobSession`); also the middle of its UID.
    let typeName: String
    /// The plural root of `?format=Entity` lists (`ReplicaJobSessions`).
    let listRoot: String
    /// The segment EM writes in this kind's `Href`s (`replicaSessions`; `repicaTaskSessions`, sic).
    let hrefSegment: String
    /// A lower-case noun for messages (`replica job session`).
    let noun: String

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

    static let backupServer = ResourceKind(
        typeName: "BackupServer", listRoot: "BackupServers", hrefSegment: "backupServers", noun: "backup server")
    static let job = ResourceKind(
        typeName: "Job", listRoot: "Jobs", hrefSegment: "jobs", noun: "job")
    static let backupJobSession = ResourceKind(
        typeName: "BackupJobSession", listRoot: "BackupJobSessions", hrefSegment: "backupSessions",
        noun: "backup job session")
    static let replicaJobSession = ResourceKind(
        typeName: "ReplicaJobSession", listRoot: "ReplicaJobSessions", hrefSegment: "replicaSessions",
        noun: "replica job session")
    static let backupTaskSession = ResourceKind(
        typeName: "BackupTaskSession", listRoot: "BackupTaskSessions", hrefSegment: "backupTaskSessions",
        noun: "backup task session")
    /// EM writes these `Href`s with its typo `repicaTaskSessions`; both spellings are served.
    static let replicaTaskSession = ResourceKind(
        typeName: "ReplicaTaskSession", listRoot: "ReplicaTaskSessions", hrefSegment: "repicaTaskSessions",
        noun: "replica task session")
}
