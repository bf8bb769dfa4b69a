import EMSchema
import EMTranslate
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

    /// What the store holds for a read, after the rules on who may read stored bytes.
    enum StoredLookup {
        /// A fresh entry (`body`), as the client gets it (`Age`, `Cache-Status: hit`, or `304`).
        case fresh(Response, body: ByteBuffer)
        /// An entry past its freshness but within one further max-age: served, then refreshed.
        case stale(ResponseCache.Entry, age: Duration)
        /// Nothing usable: nothing stored, or the token has no recent answer from EM.
        case miss
        /// The client's `Cache-Control`/`Pragma` asks EM.
        case refused
        /// The cache is off, or this operation is never stored.
        case notStored
    }

    /// The one place stored answers are looked up (a fresh or stale hit, and the fast path's
    /// hits below the router): stored bytes go only to a token EM accepted within the entry's
    /// max-age and not logged off since (README, "Caching"). Counts nothing.
    /// - Parameters:
    ///   - request: the client's `GET` or `HEAD`.
    ///   - key: its coalescing key (``flightKey(_:_:_:)``).
    ///   - reader: who it is read as (``reader(token:logger:)``).
    ///   - maxAge: the operation's freshness (``freshness(_:)``).
    ///   - directives: the request's `Cache-Control`/`Pragma`.
    func lookUpStored(
        _ request: Request, key: Coalescer.FlightKey, reader: IdentityTable.Entry, maxAge: Duration?,
        directives: RequestCacheDirectives
    ) -> StoredLookup {
        guard let cache, let maxAge else { return .notStored }
        if directives.wantsFresh { return .refused }
        guard vouches(for: reader, within: maxAge) else { return .miss }
        switch cache.lookup(key) {
        case .fresh(let entry, let age):
            let response = respond(
                Self.stored(entry, age: age), cacheStatus: CacheStatus.hit(ttl: Self.freshnessLeft(entry, age: age)), to: request)
            return .fresh(response, body: entry.body)
        case .stale(let entry, let age):
            return .stale(entry, age: age)
        case .miss:
            return .miss
        }
    }

    /// The coalescing and cache key of a read: identity, path case-folded, query as forwarded,
    /// representation, public base.
    func flightKey(_ request: Request, _ resolved: ResolvedRequest, _ identity: EMIdentity) -> Coalescer.FlightKey {
        Coalescer.FlightKey(
            identity: identity, path: request.uri.path.lowercased(), query: request.uri.query ?? "",
            representation: resolved.representation.tag, base: resolved.links.publicBaseURL)
    }

    /// A fresh stored answer to a request whose identity is already known, without waiting on
    /// anything: what ``StoredAnswerHandler`` serves below the router. `nil` sends the request
    /// the whole way (stale, missing, refused by the gates, an identity still to ask EM for);
    /// a hit is counted here.
    /// - Returns: the response (its fields final but for those the middleware adds) and the
    ///   bytes of its body: `nil` for `HEAD` and `304`.
    func freshStoredResponse(_ request: Request, _ resolved: ResolvedRequest) -> (Response, body: ByteBuffer?)? {
        guard request.method == .get || request.method == .head, resolved.destination == .api,
            case .forward(isLogon: false)? = try? gates.check(request, resolved)
        else { return nil }
        let known: IdentityTable.Entry? =
            serviceAccountMode
            ? IdentityTable.Entry.serviceAccount
            : SessionToken.token(in: request.headers).flatMap { identities.entry(for: $0) }
        guard let reader = known else { return nil }
        let key = flightKey(request, resolved, reader.identity)
        let lookup = lookUpStored(
            request, key: key, reader: reader, maxAge: freshness(resolved), directives: RequestCacheDirectives(request.headers))
        guard case .fresh(let response, let body) = lookup else { return nil }
        metrics.cacheRequest(.hit)
        return (response, response.status == .ok && request.method == .get ? body : nil)
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

    /// The `ttl` of a stored answer's `Cache-Status` (RFC 9211 §2.5): its max-age less its
    /// `Age`, both in whole seconds, so that `Age` and `ttl` add up to the max-age; negative
    /// (at least 1 s) once it is stale.
    static func freshnessLeft(_ entry: ResponseCache.Entry, age: Duration) -> Int {
        let left = seconds(entry.maxAge) - seconds(age)
        return age > entry.maxAge ? min(-1, left) : left
    }
}
