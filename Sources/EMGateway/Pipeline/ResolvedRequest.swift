import EMSchema
import EMTranslate
import HTTPTypes

/// Everything the gateway decides about a request before it acts on it, worked out once by
/// ``RequestResolver`` and kept in the request context, so that every stage (gates, body
/// translation, the upstream request, the response head, logs and metrics) reads the same facts.
///
/// The path is read once: its segments percent-decoded and case-folded (EM's routing ignores
/// letter case and IIS decodes escapes before routing), so `/API/Session%4Dngr` is the logon
/// for every check that asks.
struct ResolvedRequest: Sendable {
    /// Where the request goes.
    enum Destination: Sendable, Equatable {
        /// `/api` or below, in any letter case: forwarded to EM.
        case api
        /// One of the gateway's own routes (`/healthz`, `/metrics`, …).
        case gateway
        /// Anything else: `404`, nothing forwarded.
        case other
    }

    /// Where the request goes.
    var destination: Destination = .other
    /// The path's segments after `/api`… percent-decoded and lower-cased (`["api", "jobs", "…"]`).
    var segments: [String] = []
    /// The `action` query value of a documented operation (`start`, `edit`, …), if any.
    var action: String?
    /// The documented EM operation the request matches (method, path template, action), if any.
    var operation: SchemaModel.Operation?
    /// The bounded label for metrics and logs: the contract's path template (`/api/jobs/{ID}`),
    /// `/api/{undocumented}`, the gateway's own route, or `{other}`.
    var route = "{other}"
    /// The client's IP address: the peer's, or from `Forwarded`/`X-Forwarded-For` when the peer
    /// is a trusted proxy.
    var clientAddress = "unknown"
    /// Rewrites EM's links to the gateway's public base URL for this request.
    var links = LinkRewriter(publicBaseURL: "http://127.0.0.1")
    /// A fault found in the request's framing fields (an invalid `Host`), raised by the gates.
    var hostFault: String?
    /// What the client gets back: JSON in a dialect, or EM's XML.
    var representation: Representation = .json(.native)
    /// The client named only JSON dialects the gateway does not know (`406`).
    var notAcceptable = false

    /// `/api/sessionMngr` (EM's logon endpoint) or below.
    var isLogonPath: Bool { segments.count >= 2 && segments[1] == "sessionmngr" }
    /// `/api/sessionMngr` or `/api/logonSessions`, or anything below them: the session resources.
    var isSessionResource: Bool { segments.count >= 2 && (segments[1] == "sessionmngr" || segments[1] == "logonsessions") }
    /// Exactly `/api/logonSessions/{ID}`: one logon session (a `DELETE` here is a logoff).
    var isLogonSession: Bool { segments.count == 3 && segments[1] == "logonsessions" }
    /// `/api/sessionMngr` itself (with or without a trailing slash): a `POST` here is a logon.
    var isLogonEndpoint: Bool { segments.count == 2 && segments[1] == "sessionmngr" }

    /// The methods EM documents operations for, in the order `Allow` lists them.
    static let documentedMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
}
