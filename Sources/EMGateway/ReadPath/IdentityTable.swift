import Synchronization

/// Which EM identity each session token belongs to, and when EM last accepted it.
///
/// Filled from logons the gateway relays and from tokens it resolved with
/// `GET /api/logonSessions/{ID}`; a token is forgotten at a logoff through the gateway and when
/// EM answers `401` for it. Bounded: two generations of at most `capacity / 2` tokens each; a
/// token used again moves to the young generation, and the old one is dropped whole when the
/// young one fills (an approximate LRU with constant cost per request).
final class IdentityTable: Sendable {
    struct Entry: Sendable {
        var identity: EMIdentity
        /// When EM last answered a request with this token with anything but `401`.
        var acceptedAt: ContinuousClock.Instant?

        /// The service account's entry. Its session is the gateway's own, kept by the gateway
        /// rather than vouched for by a client's token: ``Proxy/vouches(for:within:)`` always
        /// vouches for it.
        static let serviceAccount = Entry(identity: .serviceAccount, acceptedAt: nil)

        /// Whether EM accepted the token within `window` before `now`.
        func isAccepted(within window: Duration, now: ContinuousClock.Instant = .now) -> Bool {
            guard let acceptedAt else { return false }
            return now - acceptedAt <= window
        }
    }

    private struct Generations {
        var young: [String: Entry] = [:]
        var old: [String: Entry] = [:]
    }

    let capacity: Int
    private let state = Mutex(Generations())

    /// Creates an empty table.
    /// - Parameter capacity: the most tokens held. Default 20 000.
    init(capacity: Int = 20_000) { self.capacity = max(2, capacity) }

    /// The entry of `token`, if known (marks it recently used).
    func entry(for token: String) -> Entry? {
        state.withLock { state in
            if let entry = state.young[token] { return entry }
            guard let entry = state.old.removeValue(forKey: token) else { return nil }
            insert(token, entry, into: &state)
            return entry
        }
    }

    /// Records the identity of `token`, accepted by EM now.
    func learn(token: String, identity: EMIdentity, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.old[token] = nil
            insert(token, Entry(identity: identity, acceptedAt: now), into: &state)
        }
    }

    /// EM answered a request with `token`: a `401` forgets the token, anything else marks it accepted.
    func answered(token: String, status: Int, now: ContinuousClock.Instant = .now) {
        if status == 401 {
            forget(token: token)
            return
        }
        state.withLock { state in
            // One lookup for a token of the young generation (the usual case).
            if let index = state.young.index(forKey: token) {
                state.young.values[index].acceptedAt = now
            } else if var entry = state.old.removeValue(forKey: token) {
                entry.acceptedAt = now
                insert(token, entry, into: &state)
            }
        }
    }

    /// Forgets `token` (a logoff through the gateway, or EM's `401`).
    func forget(token: String) {
        state.withLock { state in
            state.young[token] = nil
            state.old[token] = nil
        }
    }

    /// The number of tokens held.
    var count: Int { state.withLock { $0.young.count + $0.old.count } }

    private func insert(_ token: String, _ entry: Entry, into state: inout Generations) {
        if state.young.count >= capacity / 2 {
            state.old = state.young
            state.young = [:]
        }
        state.young[token] = entry
    }
}
