/// The simulated EM's data: plain values, indexed by lower-case ID.
///
/// Built once and served immutable. Lists keep insertion order, which is the order EM's
/// collections answer in.
struct EntityStore: Sendable {
    private(set) var backupServers: [BackupServer] = []
    private(set) var jobs: [Job] = []
    private(set) var jobSessions: [JobSession] = []
    private(set) var taskSessions: [TaskSession] = []

    private var serverIndex: [String: Int] = [:]
    private var jobIndex: [String: Int] = [:]
    private var jobSessionIndex: [String: Int] = [:]
    private var taskSessionIndex: [String: Int] = [:]

    /// Creates an empty store.
    init() {}

    // MARK: Building

    /// Adds a backup server.
    /// - Parameter server: the server; its ID must be new.
    mutating func add(_ server: BackupServer) {
        precondition(self.serverIndex[server.id] == nil, "duplicate backup server \(server.id)")
        self.serverIndex[server.id] = self.backupServers.count
        self.backupServers.append(server)
    }

    /// Adds a job.
    /// - Parameter job: the job; its ID must be new.
    mutating func add(_ job: Job) {
        precondition(self.jobIndex[job.id] == nil, "duplicate job \(job.id)")
        self.jobIndex[job.id] = self.jobs.count
        self.jobs.append(job)
    }

    /// Adds a job session.
    /// - Parameter session: the session; its ID must be new.
    mutating func add(_ session: JobSession) {
        precondition(self.jobSessionIndex[session.id] == nil, "duplicate job session \(session.id)")
        self.jobSessionIndex[session.id] = self.jobSessions.count
        self.jobSessions.append(session)
    }

    /// Adds a task session.
    /// - Parameter task: the task session; its ID must be new.
    mutating func add(_ task: TaskSession) {
        precondition(self.taskSessionIndex[task.id] == nil, "duplicate task session \(task.id)")
        self.taskSessionIndex[task.id] = self.taskSessions.count
        self.taskSessions.append(task)
    }

    // MARK: Lookups

    /// Finds a backup server.
    /// - Parameter id: the ID, any case.
    /// - Returns: the server, or `nil`.
    func backupServer(id: String) -> BackupServer? {
        self.serverIndex[id.lowercased()].map { self.backupServers[$0] }
    }

    /// Finds a job.
    /// - Parameter id: the ID, any case.
    /// - Returns: the job, or `nil`.
    func job(id: String) -> Job? {
        self.jobIndex[id.lowercased()].map { self.jobs[$0] }
    }

    /// Finds a job session of either kind.
    /// - Parameter id: the ID, any case.
    /// - Returns: the session, or `nil`.
    func jobSession(id: String) -> JobSession? {
        self.jobSessionIndex[id.lowercased()].map { self.jobSessions[$0] }
    }

    /// Finds a task session of either kind.
    /// - Parameter id: the ID, any case.
    /// - Returns: the task session, or `nil`.
    func taskSession(id: String) -> TaskSession? {
        self.taskSessionIndex[id.lowercased()].map { self.taskSessions[$0] }
    }

    /// All resources of a kind, in insertion order.
    /// - Parameter kind: the kind.
    /// - Returns: the resources.
    func all(_ kind: ResourceKind) -> [any SimulatedEntity] {
        switch kind {
        case .backupServer: self.backupServers
        case .job: self.jobs
        case .backupJobSession, .replicaJobSession: self.jobSessions.filter { $0.kind == kind }
        case .backupTaskSession, .replicaTaskSession: self.taskSessions.filter { $0.kind == kind }
        default: []
        }
    }

    /// Finds a resource of a kind.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - id: the ID, any case.
    /// - Returns: the resource, or `nil` when there is none of that kind.
    func find(_ kind: ResourceKind, id: String) -> (any SimulatedEntity)? {
        switch kind {
        case .backupServer: self.backupServer(id: id)
        case .job: self.job(id: id)
        case .backupJobSession, .replicaJobSession: self.jobSession(id: id).flatMap { $0.kind == kind ? $0 : nil }
        case .backupTaskSession, .replicaTaskSession: self.taskSession(id: id).flatMap { $0.kind == kind ? $0 : nil }
        default: nil
        }
    }
}
