import HTTPTypes
import Synchronization

/// Makes identical `GET`s in flight at once cost one EM call and one conversion.
///
/// The key is everything EM's answer and the client's bytes depend on (``FlightKey``). The
/// first request leads: its fetch runs in a task of its own (a ``FlightRunners`` runner), so a
/// leader whose client leaves does not cancel the call for the others. A request that may join
/// (its token was accepted by EM within the last 10 s and was not logged off, checked by the
/// caller) awaits the leader's outcome and takes it only when it is shareable: collected whole
/// and `2xx`. A `401` or any other error, which may be specific to the leader's token, and an
/// answer too large to collect, which streams to the leader alone, are never shared: each
/// joined request then makes its own call, so no client's slowness holds back another.
///
/// As nginx's `proxy_cache_lock` and Varnish's request coalescing do, within one identity only
/// (Kong and APISIX isolate consumers the same way).
final class Coalescer: Sendable {
    /// What identifies one shareable answer (and, in the response cache, one stored answer).
    ///
    /// A key is looked up several times per request (the flights, the cache, their removals),
    /// so its hash is computed once, when it is made.
    struct FlightKey: Hashable, Sendable {
        let identity: EMIdentity
        /// The path, ASCII letter case folded (EM's routing ignores case).
        let path: String
        /// The query bytes exactly as forwarded.
        let query: String
        let representation: String
        /// The public base URL the answer's links point at.
        let base: String
        private let hash: Int

        init(identity: EMIdentity, path: String, query: String, representation: String, base: String) {
            self.identity = identity
            self.path = path
            self.query = query
            self.representation = representation
            self.base = base
            var hasher = Hasher()
            hasher.combine(identity)
            hasher.combine(path)
            hasher.combine(query)
            hasher.combine(representation)
            hasher.combine(base)
            self.hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.hash == rhs.hash && lhs.path == rhs.path && lhs.query == rhs.query && lhs.identity == rhs.identity
                && lhs.representation == rhs.representation && lhs.base == rhs.base
        }
    }

    /// A fetched answer, as the pipeline produced it.
    typealias Fetch = @Sendable () async throws -> FetchedAnswer

    /// One call in flight: its outcome, once known, and who waits for it.
    final class Flight: Sendable {
        private struct State {
            /// Set once, when the call ends.
            var outcome: Result<FetchedAnswer, any Error>?
            var waiters: [UnsafeContinuation<Result<FetchedAnswer, any Error>, Never>] = []
        }

        private let state = Mutex(State())

        /// The call's outcome: at once when it has ended, else when it ends.
        func outcome() async -> Result<FetchedAnswer, any Error> {
            // Resumed exactly once: here when the flight has ended, else by `end`.
            await withUnsafeContinuation { waiter in
                let ended = state.withLock { state -> Result<FetchedAnswer, any Error>? in
                    if state.outcome == nil { state.waiters.append(waiter) }
                    return state.outcome
                }
                if let ended { waiter.resume(returning: ended) }
            }
        }

        /// Ends the flight with `outcome`; everyone waiting gets it.
        func end(_ outcome: Result<FetchedAnswer, any Error>) {
            let waiters = state.withLock { state -> [UnsafeContinuation<Result<FetchedAnswer, any Error>, Never>] in
                guard state.outcome == nil else { return [] }
                state.outcome = outcome
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: outcome) }
        }
    }

    private let flights = Mutex<[FlightKey: Flight]>([:])
    private let runners = FlightRunners()

    /// Fetches for `key`, joining a flight in progress when allowed.
    /// - Parameters:
    ///   - key: the request's key.
    ///   - mayJoin: whether the request may take another request's answer.
    ///   - executor: where the leader's call runs (the connection's event loop).
    ///   - fetch: the pipeline's upstream stages for this request.
    /// - Returns: the answer and whether it was another request's (`collapsed`).
    /// - Throws: what `fetch` throws.
    func fetch(
        key: FlightKey, mayJoin: Bool, executor: EventLoopTaskExecutor, _ fetch: @escaping Fetch
    ) async throws -> (FetchedAnswer, collapsed: Bool) {
        let (flight, isNew) = flights.withLock { flights -> (Flight, Bool) in
            if let running = flights[key] { return (running, false) }
            let flight = Flight()
            flights[key] = flight
            return (flight, true)
        }
        guard isNew else {
            if mayJoin { return try await join(flight, fetch) }
            return (try await fetch(), false)
        }
        runners.run(on: executor) {
            let outcome: Result<FetchedAnswer, any Error>
            do { outcome = .success(try await fetch()) } catch { outcome = .failure(error) }
            _ = self.flights.withLock { $0.removeValue(forKey: key) }
            flight.end(outcome)
        }
        return (try await flight.outcome().get(), false)
    }

    /// Takes the flight's answer when it is shareable; makes the request's own call otherwise.
    private func join(_ flight: Flight, _ fetch: Fetch) async throws -> (FetchedAnswer, collapsed: Bool) {
        if case .success(let answer) = await flight.outcome(), answer.isShareable { return (answer, true) }
        return (try await fetch(), false)
    }

    /// Whether a call for `key` is in flight.
    func isInFlight(_ key: FlightKey) -> Bool { flights.withLock { $0[key] != nil } }
}
