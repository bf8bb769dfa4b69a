import EMUpstream
import Foundation
import Logging
import NIOCore
import Synchronization

/// Learns the identity of a session token the gateway has not seen log on (opened elsewhere:
/// another replica, a client of EM itself, or forgotten by the bounded table).
///
/// EM's token is the Base64 of the logon session's ID, so `GET /api/logonSessions/{ID}` with the
/// token itself reads its `LogonSession` and `UserName`. One call per token however many
/// requests wait for it; a failure (EM refuses the token, or is unreachable) is no identity, and
/// those requests bypass the read path. A token EM refused (`401`, `403` or `404` for its
/// session) is not asked about again for ``refusalMemory``: its requests go straight to EM
/// meanwhile, one call each instead of two.
final class IdentityResolver: Sendable {
    /// How long a refused token is not asked about again.
    static let refusalMemory: Duration = .seconds(10)
    /// The most refused tokens remembered; past it, the memory starts over.
    static let refusalCapacity = 4_096

    let builder: UpstreamRequestBuilder
    let upstream: UpstreamClient
    let identities: IdentityTable
    let metrics: GatewayMetrics
    private let pending = Mutex<[String: Task<IdentityTable.Entry?, Never>]>([:])
    /// Tokens EM refused, and when.
    private let refused = Mutex<[String: ContinuousClock.Instant]>([:])

    init(builder: UpstreamRequestBuilder, upstream: UpstreamClient, identities: IdentityTable, metrics: GatewayMetrics) {
        self.builder = builder
        self.upstream = upstream
        self.identities = identities
        self.metrics = metrics
    }

    /// The identity of `token` and when EM last accepted it: known, or resolved with EM now.
    /// - Parameters:
    ///   - token: the session token.
    ///   - logger: the request's logger.
    /// - Returns: the table's entry, or `nil` when EM does not confirm the token.
    func entry(of token: String, logger: Logger) async -> IdentityTable.Entry? {
        if let known = identities.entry(for: token) { return known }
        if let at = refused.withLock({ $0[token] }), ContinuousClock.now - at < Self.refusalMemory { return nil }
        guard let sessionID = Self.sessionID(fromToken: token) else { return nil }
        let task = pending.withLock { pending -> Task<IdentityTable.Entry?, Never> in
            if let running = pending[token] { return running }
            let task = Task { () -> IdentityTable.Entry? in
                defer { _ = self.pending.withLock { $0.removeValue(forKey: token) } }
                return await self.resolve(token: token, sessionID: sessionID, logger: logger)
            }
            pending[token] = task
            return task
        }
        return await task.value
    }

    private func resolve(token: String, sessionID: String, logger: Logger) async -> IdentityTable.Entry? {
        let request = builder.request(
            "GET", "/api/logonSessions/\(sessionID)", headers: [UpstreamHeader(name: SessionToken.name, value: token)])
        metrics.upstreamRequest(route: "/api/logonSessions/{ID}", origin: .identity)
        do {
            let answer = try await upstream.execute(request, logger: logger)
            let body = try await answer.body.collect(upTo: 64 << 10)
            guard answer.status == 200, let user = EMIdentity.userName(inLogonSession: Array(body.readableBytesView)) else {
                if answer.status == 401 { identities.forget(token: token) }
                if [401, 403, 404].contains(answer.status) {
                    refused.withLock { refused in
                        if refused.count >= Self.refusalCapacity { refused.removeAll() }
                        refused[token] = .now
                    }
                }
                return nil
            }
            let identity = EMIdentity(kind: .resolved, userName: user, apiVersion: "")
            let now = ContinuousClock.now
            identities.learn(token: token, identity: identity, now: now)
            return IdentityTable.Entry(identity: identity, acceptedAt: now)
        } catch {
            logger.debug("session identity not resolved", metadata: ["em.upstream.error": .string("\(error)")])
            return nil
        }
    }

    /// The logon session ID a token stands for: EM's token is the Base64 of it.
    static func sessionID(fromToken token: String) -> String? {
        var base64 = token
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "-" })
        else { return nil }
        return text
    }
}
