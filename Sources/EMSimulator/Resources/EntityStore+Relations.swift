extension EntityStore {
    /// The resources of one kind that belong to a parent resource.
    ///
    /// - Parameters:
    ///   - parent: the parent's kind.
    ///   - id: the parent's ID (lower-case).
    ///   - child: the kind of the children.
    /// - Returns: the children in insertion order (empty when the relation is unknown).
    func children(of parent: ResourceKind, id: String, child: ResourceKind) -> [any SimulatedEntity] {
        switch (parent, child) {
        case (.backupServer, .job):
            self.jobs.filter { $0.serverID == id }
        case (.job, .backupJobSession), (.job, .replicaJobSession):
            self.jobSessions.filter { $0.jobID == id && $0.kind == child }
        case (.backupJobSession, .backupTaskSession), (.replicaJobSession, .replicaTaskSession):
            self.taskSessions.filter { $0.jobSessionID == id && $0.kind == child }
        default:
            []
        }
    }
}
