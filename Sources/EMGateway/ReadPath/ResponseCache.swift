import HTTPTypes
import NIOCore
import Synchronization

/// EM's answers kept for a short, per-operation time, per EM identity (never shared between
/// identities), so that a poll finds a fresh answer in memory.
///
/// Bounded in bytes (keys, stored header fields and bodies counted), least recently used out
/// first; one identity holds at most a quarter of the bound, so one client's query-string churn
/// cannot evict everyone else. Only `200` answers collected whole are stored. RFC 9111's model,
/// with RFC 5861's `stale-while-revalidate`: an entry is fresh for its max-age, then usable
/// while it is refreshed in the background for one more max-age.
final class ResponseCache: Sendable {
    /// A stored answer.
    struct Entry: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
        let storedAt: ContinuousClock.Instant
        /// How long it is fresh.
        let maxAge: Duration
        /// The bytes it is counted as.
        let size: Int
    }

    /// What a lookup found.
    enum Lookup {
        case fresh(Entry, age: Duration)
        /// Past its max-age but within one more: serve and refresh.
        case stale(Entry, age: Duration)
        case miss
    }

    /// The cache's size, for `/metrics`.
    struct Usage: Sendable, Equatable {
        var bytes = 0
        var entries = 0
        var evictions = 0
    }

    private struct Node {
        var key: Coalescer.FlightKey
        var entry: Entry
        var older: Int?
        var newer: Int?
        var identityOlder: Int?
        var identityNewer: Int?
    }

    private struct IdentityList {
        var oldest: Int?
        var newest: Int?
        var bytes = 0
    }

    private struct State {
        var slots: [Node?] = []
        var free: [Int] = []
        var index: [Coalescer.FlightKey: Int] = [:]
        var oldest: Int?
        var newest: Int?
        var identities: [EMIdentity: IdentityList] = [:]
        var usage = Usage()
    }

    /// The most bytes held.
    let maxBytes: Int
    private let state = Mutex(State())

    /// Creates an empty cache.
    /// - Parameter maxBytes: the bound, in bytes (keys, header fields and bodies).
    init(maxBytes: Int) { self.maxBytes = maxBytes }

    /// Looks `key` up at `now`.
    func lookup(_ key: Coalescer.FlightKey, now: ContinuousClock.Instant = .now) -> Lookup {
        state.withLock { state in
            guard let slot = state.index[key], let node = state.slots[slot] else { return .miss }
            let age = now - node.entry.storedAt
            if age <= node.entry.maxAge {
                Self.touch(slot, &state)
                return .fresh(node.entry, age: age)
            }
            if age <= node.entry.maxAge * 2 {
                Self.touch(slot, &state)
                return .stale(node.entry, age: age)
            }
            Self.remove(slot, &state)
            return .miss
        }
    }

    /// Stores an answer (replacing one under the same key), evicting least recently used
    /// entries past the bounds. An answer larger than its identity's share is not stored.
    func store(_ key: Coalescer.FlightKey, headers: HTTPFields, body: ByteBuffer, maxAge: Duration, now: ContinuousClock.Instant = .now) {
        let size = Self.size(key, headers, body)
        let identityLimit = maxBytes / 4
        guard size <= identityLimit else { return }
        let entry = Entry(headers: headers, body: body, storedAt: now, maxAge: maxAge, size: size)
        state.withLock { state in
            if let slot = state.index[key] { Self.remove(slot, &state) }
            while (state.identities[key.identity]?.bytes ?? 0) + size > identityLimit, let oldest = state.identities[key.identity]?.oldest {
                Self.remove(oldest, &state)
                state.usage.evictions += 1
            }
            while state.usage.bytes + size > maxBytes, let oldest = state.oldest {
                Self.remove(oldest, &state)
                state.usage.evictions += 1
            }
            let node = Node(key: key, entry: entry)
            let slot: Int
            if let reused = state.free.popLast() {
                slot = reused
                state.slots[slot] = node
            } else {
                slot = state.slots.count
                state.slots.append(node)
            }
            state.index[key] = slot
            Self.linkNewest(slot, &state)
            state.usage.bytes += size
            state.usage.entries += 1
            state.identities[key.identity, default: IdentityList()].bytes += size
        }
    }

    /// Drops every entry of `identity` (after a write, or a finished task, of that identity).
    /// - Returns: how many entries were dropped.
    @discardableResult
    func drop(identity: EMIdentity) -> Int {
        state.withLock { state in
            var dropped = 0
            while let oldest = state.identities[identity]?.oldest {
                Self.remove(oldest, &state)
                dropped += 1
            }
            state.identities[identity] = nil
            return dropped
        }
    }

    /// Drops the entry under `key`, if any (`no-store`, or an answer that may no longer be stored).
    func drop(_ key: Coalescer.FlightKey) {
        state.withLock { state in
            if let slot = state.index[key] { Self.remove(slot, &state) }
        }
    }

    /// Bytes, entries and evictions so far.
    var usage: Usage { state.withLock { $0.usage } }

    /// Bytes one identity holds.
    func bytes(of identity: EMIdentity) -> Int { state.withLock { $0.identities[identity]?.bytes ?? 0 } }

    /// The bytes an entry is counted as: its key's texts, its header fields and its body, plus
    /// a fixed 256 for the bookkeeping around them.
    static func size(_ key: Coalescer.FlightKey, _ headers: HTTPFields, _ body: ByteBuffer) -> Int {
        var size =
            256 + body.readableBytes + key.path.utf8.count + key.query.utf8.count + key.base.utf8.count
            + key.representation.utf8.count + key.identity.userName.utf8.count + key.identity.apiVersion.utf8.count
        for field in headers { size += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        return size
    }

    // MARK: - Lists

    private static func touch(_ slot: Int, _ state: inout State) {
        // The newest entry of all is also the newest of its identity: nothing to move.
        guard state.newest != slot else { return }
        unlink(slot, &state)
        linkNewest(slot, &state)
    }

    private static func linkNewest(_ slot: Int, _ state: inout State) {
        let identity = state.slots[slot]!.key.identity
        state.slots[slot]!.older = state.newest
        state.slots[slot]!.newer = nil
        if let newest = state.newest { state.slots[newest]!.newer = slot }
        state.newest = slot
        if state.oldest == nil { state.oldest = slot }
        var list = state.identities[identity, default: IdentityList()]
        state.slots[slot]!.identityOlder = list.newest
        state.slots[slot]!.identityNewer = nil
        if let newest = list.newest { state.slots[newest]!.identityNewer = slot }
        list.newest = slot
        if list.oldest == nil { list.oldest = slot }
        state.identities[identity] = list
    }

    private static func unlink(_ slot: Int, _ state: inout State) {
        let node = state.slots[slot]!
        if let older = node.older { state.slots[older]!.newer = node.newer } else { state.oldest = node.newer }
        if let newer = node.newer { state.slots[newer]!.older = node.older } else { state.newest = node.older }
        var list = state.identities[node.key.identity, default: IdentityList()]
        if let older = node.identityOlder {
            state.slots[older]!.identityNewer = node.identityNewer
        } else {
            list.oldest = node.identityNewer
        }
        if let newer = node.identityNewer {
            state.slots[newer]!.identityOlder = node.identityOlder
        } else {
            list.newest = node.identityOlder
        }
        state.identities[node.key.identity] = list
    }

    private static func remove(_ slot: Int, _ state: inout State) {
        guard let node = state.slots[slot] else { return }
        unlink(slot, &state)
        state.slots[slot] = nil
        state.free.append(slot)
        state.index[node.key] = nil
        state.usage.bytes -= node.entry.size
        state.usage.entries -= 1
        state.identities[node.key.identity]?.bytes -= node.entry.size
        if let list = state.identities[node.key.identity], list.oldest == nil { state.identities[node.key.identity] = nil }
    }
}
