import EMSchema
import Hummingbird

/// The operation an audit line names for a state-changing request: what was done, not how it
/// was sent.
///
/// - The logon (`POST /api/sessionMngr`) is `logon`; a logoff (`DELETE /api/logonSessions/{ID}`)
///   is `logoff`.
/// - A documented EM operation is named the way EM names the tasks it starts: the verb (the
///   `?action=` value, else `Create`, `Edit` or `Delete` for `POST`, `PUT` or `DELETE`) and the
///   singular of the last resource in the path template: `POST /api/jobs/{ID}?action=start` is
///   `StartJob`, `DELETE /api/backupServers/{ID}` is `DeleteBackupServer`. EM's job actions
///   below a job (`POST /api/agents/jobs/{ID}/start`) take the verb from the path.
/// - Anything else keeps the `?action=` value, or the method in lower case.
enum AuditOperation {
    /// The operation `request` asks for.
    /// - Parameters:
    ///   - request: the client's request.
    ///   - resolved: what the gateway resolved it to (the matched EM operation, if any).
    /// - Returns: the operation's name (`StartJob`, `logon`, `post`).
    static func name(of request: Request, _ resolved: ResolvedRequest) -> String {
        if request.method == .post, resolved.isLogonEndpoint { return "logon" }
        if request.method == .delete, resolved.isLogonSession { return "logoff" }
        if let operation = resolved.operation,
            let name = name(method: operation.method, template: operation.pathTemplate, action: operation.action)
        {
            return name
        }
        return request.uri.queryParameters["action"].map(String.init) ?? request.method.rawValue.lowercased()
    }

    /// The verbs that end some of EM's paths (`/api/agents/jobs/{ID}/start`): actions on the
    /// resource before them.
    static let pathVerbs: Set<String> = ["start", "stop", "retry", "toggleScheduleEnabled"]

    /// An operation's name from its method, path template and action; `nil` for a method that
    /// names no change (`GET`).
    /// - Parameters:
    ///   - method: the method, upper case.
    ///   - template: the contract's path template (`/api/jobs/{ID}`).
    ///   - action: the operation's `action` query value, if any.
    /// - Returns: `StartJob`, `EditCloudTenant`, ….
    static func name(method: String, template: String, action: String?) -> String? {
        var nouns = template.split(separator: "/").filter { !$0.hasPrefix("{") }
        if nouns.first == "api" { nouns.removeFirst() }
        var noun = nouns.last.map(String.init) ?? "Resource"
        var verb = action
        if verb == nil, method == "POST", nouns.count >= 2, pathVerbs.contains(noun) {
            verb = noun
            noun = String(nouns[nouns.count - 2])
        }
        if verb == nil {
            switch method {
            case "POST": verb = "Create"
            case "PUT", "PATCH": verb = "Edit"
            case "DELETE": verb = "Delete"
            default: return nil
            }
        }
        return capitalized(verb ?? "") + capitalized(singular(noun))
    }

    /// The singular of a resource name in EM's paths (`jobs` → `job`, `policies` → `policy`).
    static func singular(_ noun: String) -> String {
        if noun.hasSuffix("ies") { return noun.dropLast(3) + "y" }
        if noun.hasSuffix("ses") { return String(noun.dropLast(2)) }
        if noun.hasSuffix("s"), !noun.hasSuffix("ss") { return String(noun.dropLast()) }
        return noun
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
