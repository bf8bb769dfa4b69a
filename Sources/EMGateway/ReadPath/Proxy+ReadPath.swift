import EMSchema
import EMUpstream
import Hummingbird
import Logging
import NIOCore

/// The read path's decisions around the upstream call: freshness from the contract, storing,
/// the background refresh of a stale entry, and dropping what a write or a finished task may
/// have changed (see README, "Polling").
extension Proxy {
    /// The freshness of a stored answer to this request: the contract's `x-em-gateway-max-age`
    /// times the configured factor; `nil` when it is never stored.
    func freshness(_ resolved: ResolvedRequest) -> Duration? {
        guard cache != nil, let seconds = resolved.operation?.maxAge, seconds > 0 else { return nil }
        let scaled = Double(seconds) * ttlFactor
        return scaled > 0 ? .milliseconds(Int64(scaled * 1000)) : nil
    }

    /// Stores a shareable `200` (never its per-client fields).
    func store(_ answer: FetchedAnswer, under key: Coalescer.FlightKey, maxAge: Duration) {
        guard let cache, answer.status == .ok, answer.isShareable, case .collected(let bytes) = answer.body else { return }
        var headers = answer.headers
        headers[values: .setCookie] = []
        headers[CacheStatus.field] = nil
        cache.store(key, headers: headers, body: bytes, maxAge: maxAge)
        let usage = cache.usage
        metrics.cacheUsage(bytes: usage.bytes, entries: usage.entries, evictions: usage.evictions)
    }

    /// Refreshes a stale entry once, in a task of its own (a coalesced call, origin `revalidate`).
    func refreshInBackground(
        _ key: Coalescer.FlightKey, maxAge: Duration, token: String?, executor: EventLoopTaskExecutor, _ fetch: @escaping Coalescer.Fetch
    ) {
        guard !coalescer.isInFlight(key) else { return }
        Task(executorPreference: executor) {
            guard let (answer, collapsed) = try? await self.coalescer.fetch(key: key, mayJoin: true, executor: executor, fetch) else {
                return
            }
            if !collapsed, let token { self.identities.answered(token: token, status: answer.status.code) }
            self.store(answer, under: key, maxAge: maxAge)
        }
    }

    /// Read your own writes: a write EM accepted (`2xx`, `3xx`) drops every stored answer of the
    /// writer's identity, and so does logging off.
    func afterWrite(_ request: Request, _ resolved: ResolvedRequest, answer: FetchedAnswer, token: String?, logger: Logger) async throws {
        guard request.method != .get, request.method != .head, request.method != .options else { return }
        if request.method == .delete, resolved.isLogonSession, answer.status == .noContent, let token {
            if let identity = identities.entry(for: token)?.identity { dropStored(of: identity) }
            identities.forget(token: token)
            return
        }
        guard cache != nil, (200..<400).contains(answer.status.code), !resolved.isLogonEndpoint else { return }
        if let identity = await identity(token: token, logger: logger) { dropStored(of: identity) }
    }

    func dropStored(of identity: EMIdentity) {
        guard let cache else { return }
        cache.drop(identity: identity)
        let usage = cache.usage
        metrics.cacheUsage(bytes: usage.bytes, entries: usage.entries, evictions: usage.evictions)
    }

    /// Whether a task's answer shows it `Finished` (EM's actions land when their task finishes).
    static func showsFinishedTask(_ answer: FetchedAnswer) -> Bool {
        guard answer.status == .ok, case .collected(let bytes) = answer.body else { return false }
        let text = String(buffer: bytes)
        return text.contains(#""State":"Finished""#) || text.contains("<State>Finished</State>")
    }

    /// A stored answer as the client gets it, with its `Age` (RFC 9111 §5.1).
    static func stored(_ entry: ResponseCache.Entry, age: Duration) -> FetchedAnswer {
        var headers = entry.headers
        headers[.age] = String(seconds(age))
        return FetchedAnswer(status: .ok, headers: headers, body: .collected(entry.body))
    }

    /// Whole seconds of a duration, rounded down.
    static func seconds(_ duration: Duration) -> Int { Int(duration.components.seconds) }
}
