import HTTPTypes
import Hummingbird

/// Where a request path leads. EM routes case-insensitively, so matching uses lower-cased
/// segments; IDs keep the bytes sent (lookups fold case themselves).
enum Route: Equatable, Sendable {
    /// `/api` or `/api/`.
    case root
    /// `/api/sessionMngr` or `/api/sessionMngr/`.
    case sessionManager
    /// `/api/logonSessions`.
    case logonSessions
    /// `/api/logonSessions/{ID}`.
    case logonSession(id: String)
    /// `/api/<collection>`.
    case collection(ResourceKind)
    /// `/api/<collection>/{ID}`.
    case resource(ResourceKind, id: String)
    /// `/api/<collection>/{ID}/<children>`.
    case children(parent: ResourceKind, id: String, child: ResourceKind)
    /// Anything else.
    case unknown

    /// The top-level collections, by lower-cased segment.
    static let collections: [String: ResourceKind] = [
        "backupservers": .backupServer,
        "jobs": .job,
        "backupsessions": .backupJobSession,
        "replicasessions": .replicaJobSession,
        "backuptasksessions": .backupTaskSession,
        "replicatasksessions": .replicaTaskSession,
        "repicatasksessions": .replicaTaskSession,  // EM's own Hrefs use this typo
    ]

    /// The sub-collections under a resource, by parent kind and lower-cased segment.
    static let childCollections: [ResourceKind: [String: ResourceKind]] = [
        .backupServer: ["jobs": .job],
        .job: ["backupsessions": .backupJobSession, "replicasessions": .replicaJobSession],
        .backupJobSession: ["tasksessions": .backupTaskSession],
        .replicaJobSession: ["replicatasksessions": .replicaTaskSession, "repicatasksessions": .replicaTaskSession],
    ]

    /// Parses a request path (without its query).
    /// - Parameter path: the path, such as `/api/replicaSessions/0bcf...`.
    init(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let lower = segments.map { $0.lowercased() }
        guard lower.first == "api" else {
            self = .unknown
            return
        }
        switch lower.count {
        case 1:
            self = .root
        case 2 where lower[1] == "sessionmngr":
            self = .sessionManager
        case 2 where lower[1] == "logonsessions":
            self = .logonSessions
        case 3 where lower[1] == "logonsessions":
            self = .logonSession(id: segments[2])
        case 2:
            self = Self.collections[lower[1]].map { .collection($0) } ?? .unknown
        case 3:
            self = Self.collections[lower[1]].map { .resource($0, id: segments[2]) } ?? .unknown
        case 4:
            guard
                let parent = Self.collections[lower[1]],
                let child = Self.childCollections[parent]?[lower[3]]
            else {
                self = .unknown
                return
            }
            self = .children(parent: parent, id: segments[2], child: child)
        default:
            self = .unknown
        }
    }

    /// The methods this route answers (empty for unknown paths).
    var allowedMethods: [HTTPRequest.Method] {
        switch self {
        case .root, .logonSessions, .collection, .resource, .children: [.get]
        case .sessionManager: [.post]
        case .logonSession: [.get, .delete]
        case .unknown: []
        }
    }

    /// Whether the route needs a logon session (all but the API root and logon).
    var needsSession: Bool {
        switch self {
        case .root, .sessionManager: false
        default: true
        }
    }

    /// A short name for logs; never contains IDs (a session ID is as good as its token).
    var logName: String {
        switch self {
        case .root: "root"
        case .sessionManager: "sessionMngr"
        case .logonSessions: "logonSessions"
        case .logonSession: "logonSessions/{ID}"
        case .collection(let kind): kind.hrefSegment
        case .resource(let kind, _): "\(kind.hrefSegment)/{ID}"
        case .children(let parent, _, let child): "\(parent.hrefSegment)/{ID}/\(child.hrefSegment)"
        case .unknown: "unknown"
        }
    }
}
