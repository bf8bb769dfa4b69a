import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Request ids, the access log, the audit log and request metrics: the outermost middleware.
///
/// - Request id: the client's `X-Request-Id` when it is 1–128 visible ASCII characters, else a
///   generated one; returned in the response and attached to every log line (`request_id`).
/// - Access log: one line per request at `.info` on the `em.access` logger once the response
///   has ended (for a streamed body: when its last chunk is written or the stream is cut), with
///   typed fields: `method`, `route` (the template), `status` (integer),
///   `duration_ms` (number: to the response head), `client`, `request_id`,
///   `outcome` (``ResponseOutcome``) and `cache` (`Cache-Status`, where it applies). No
///   query strings (filters may name things people consider sensitive), no headers, no tokens.
///   `em_gateway_requests_total` counts the request then, by the same status and outcome.
/// - Audit log: one line per state-changing request (`POST`, `PUT`, `PATCH`, `DELETE`) under
///   `/api` at `.notice` on the `em.audit` logger: who (EM user name, from the logon it was
///   seen with), which resource (path), which operation (``AuditOperation``: `StartJob`,
///   `logon`), the status and whether it succeeded.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let metrics: GatewayMetrics
    let sessions: SessionDirectory
    let accessLogger: Logger
    let auditLogger: Logger
    /// Service-account mode's bearer tokens: the audit log names the client holding the token.
    var bearerTokens: BearerTokenList? = nil

    static let requestIDField = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = Self.requestID(of: request)
        var context = context
        // One request id per line: Hummingbird's own (`hb.request.id`) would be a second.
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let end = ResponseEnd(isConnected: context.clientConnectionCheck)
        context.responseEnd = end
        let start = ContinuousClock.now
        var response = try await next(request, context)
        finish(
            &response, to: request, context.resolved, requestID: requestID, duration: ContinuousClock.now - start, end: end)
        return response
    }

    /// The request's id: the client's `X-Request-Id` when it is 1–128 visible ASCII
    /// characters, otherwise a new one.
    static func requestID(of request: Request) -> String {
        validRequestID(request.headers.combinedValue(requestIDField)) ?? generateRequestID()
    }

    /// Everything said about an answered request, wherever it was answered (the router, or
    /// ``StoredAnswerHandler`` below it): `X-Request-Id` and `Cache-Status` on the response;
    /// the access line and the request metrics once its body has ended (`end`); the logon and
    /// logoff counters and the audit line of a state-changing request.
    /// - Parameters:
    ///   - response: the response, given its `X-Request-Id` (and `Cache-Status` for `/api`).
    ///   - request: the client's request.
    ///   - resolved: its resolved facts.
    ///   - requestID: from ``requestID(of:)``.
    ///   - duration: from the request's arrival to its response head.
    ///   - end: reports how the body ended.
    func finish(
        _ response: inout Response, to request: Request, _ resolved: ResolvedRequest, requestID: String, duration: Duration,
        end: ResponseEnd
    ) {
        response.headers[Self.requestIDField] = requestID
        let found = response.headers.combinedValue(CacheStatus.field)
        let cache = found ?? (resolved.destination == .api ? CacheStatus.bypass.rawValue : nil)
        if found == nil, let cache { response.headers[CacheStatus.field] = cache }
        let route = resolved.route
        let method = request.method.rawValue
        let status = response.status.code
        let (metrics, accessLogger, client) = (self.metrics, self.accessLogger, resolved.clientAddress)
        // `499`: the pipeline saw the client leave before the answer was ready.
        end.whenEnded(whole: status == 499 ? .clientClosed : .complete) { outcome in
            metrics.request(route: route, method: method, status: status, outcome: outcome, duration: duration)
            var fields: Logger.Metadata = [
                "request_id": .string(requestID), "method": .string(method), "route": .string(route),
                "status": .stringConvertible(status), "duration_ms": .stringConvertible(Self.milliseconds(duration)),
                "client": .string(client), "outcome": .string(outcome.rawValue),
            ]
            if let cache { fields["cache"] = .string(cache) }
            accessLogger.info("\(method) \(route) \(status)", metadata: fields)
        }
        recordSession(request, resolved, response: response)
        if resolved.destination == .api, BrowserPolicyMiddleware<Context>.isStateChanging(request.method) {
            audit(request, resolved, response: response, requestID: requestID)
        }
    }

    private func recordSession(_ request: Request, _ resolved: ResolvedRequest, response: Response) {
        if request.method == .post, resolved.isLogonEndpoint {
            let success = (200..<300).contains(response.status.code)
            metrics.logon(success: success)
            if success, let token = response.headers.combinedValue(SessionToken.field) {
                sessions.remember(token: token, user: Self.basicUser(request.headers.combinedValue(.authorization)) ?? "tenant")
            }
        } else if request.method == .delete, resolved.isLogonSession, response.status == .noContent {
            metrics.logoff()
        }
    }

    private func audit(_ request: Request, _ resolved: ResolvedRequest, response: Response, requestID: String) {
        // A logon session's ID is as good as its token (EM's token is base64 of it): never logged.
        let path = resolved.isLogonSession ? "/api/logonSessions/{ID}" : request.uri.path
        let token = SessionToken.token(in: request.headers)
        let user: String
        if let bearerTokens {
            user =
                BearerTokenList.token(fromAuthorization: request.headers.combinedValue(.authorization)).flatMap {
                    bearerTokens.client(for: $0)
                }.map {
                    "bearer:\($0)"
                } ?? "unknown"
        } else {
            user = token.flatMap { sessions.user(for: $0) } ?? Self.basicUser(request.headers.combinedValue(.authorization)) ?? "unknown"
        }
        let action = AuditOperation.name(of: request, resolved)
        let outcome = (200..<400).contains(response.status.code) ? "success" : "failure"
        auditLogger.notice(
            "\(user) \(action) \(path) → \(response.status.code) \(outcome)",
            metadata: [
                "request_id": .string(requestID), "user": .string(user), "action": .string(action),
                "resource": .string(path), "status": .stringConvertible(response.status.code),
                "result": .string(outcome),
            ])
        if request.method == .delete, resolved.isLogonSession, response.status == .noContent, let token {
            sessions.forget(token: token)
        }
    }

    /// The user name of a Basic `Authorization` value (never the password).
    static func basicUser(_ authorization: String?) -> String? {
        guard let authorization, authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[..<colon])
    }

    /// A duration in milliseconds rounded to two decimals (`12.34`), for the access log.
    static func milliseconds(_ duration: Duration) -> Double {
        Double((duration.nanosecondsClamped + 5_000) / 10_000) / 100
    }

    static func validRequestID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }

    /// A new request id: 32 hex digits, unique within the process and, with overwhelming
    /// probability, across processes.
    ///
    /// The first half is random per process; the second is a per-process counter passed through a
    /// bijection keyed by another random value (multiplying by an odd constant, then `xor`), so ids
    /// never repeat before 2⁶⁴ requests and do not reveal the request count. No system call per
    /// request: the random values are drawn once.
    static func generateRequestID() -> String {
        let count = RequestIDSource.counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return RequestIDSource.prefix + hex16((count &* 0x9E37_79B9_7F4A_7C15) ^ RequestIDSource.key)
    }

    /// `value` as 16 lower-case hex digits, zero-padded.
    static func hex16(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { digits in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(index))) & 0xF
                digits[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}

/// The per-process parts of generated request ids (see ``ObservabilityMiddleware/generateRequestID()``).
enum RequestIDSource {
    static let prefix: String = ObservabilityMiddleware.hex16(UInt64.random(in: .min ... .max))
    static let key = UInt64.random(in: .min ... .max)
    static let counter = Atomic<UInt64>(0)
}
