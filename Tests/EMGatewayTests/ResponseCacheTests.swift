import HTTPTypes
import NIOCore
import Testing

@testable import EMGateway

/// The response cache's bounds, freshness and partitioning, without a server (times given).
@Suite("Response cache")
struct ResponseCacheTests {
    static let demo = EMIdentity(kind: .basic, userName: "demo", apiVersion: "latest")
    static let viewer = EMIdentity(kind: .basic, userName: "viewer", apiVersion: "latest")

    static func key(_ identity: EMIdentity, _ path: String) -> Coalescer.FlightKey {
        .init(identity: identity, path: path, query: "", representation: "json;native", base: "http://gw")
    }

    static func body(_ size: Int) -> ByteBuffer { ByteBuffer(repeating: 0x41, count: size) }

    @Test func freshThenStaleThenGone() {
        let cache = ResponseCache(maxBytes: 1 << 20)
        let start = ContinuousClock.now
        cache.store(Self.key(Self.demo, "/api/jobs"), headers: [:], body: Self.body(10), maxAge: .seconds(10), now: start)
        guard case .fresh(_, let age) = cache.lookup(Self.key(Self.demo, "/api/jobs"), now: start + .seconds(3)) else {
            Issue.record("expected fresh")
            return
        }
        #expect(age == .seconds(3))
        guard case .stale = cache.lookup(Self.key(Self.demo, "/api/jobs"), now: start + .seconds(15)) else {
            Issue.record("expected stale within one more max-age")
            return
        }
        guard case .miss = cache.lookup(Self.key(Self.demo, "/api/jobs"), now: start + .seconds(21)) else {
            Issue.record("expected miss past two max-ages")
            return
        }
        #expect(cache.usage.entries == 0)
    }

    @Test func identitiesNeverSeeEachOthersEntries() {
        let cache = ResponseCache(maxBytes: 1 << 20)
        cache.store(Self.key(Self.demo, "/api/jobs"), headers: [:], body: Self.body(10), maxAge: .seconds(10))
        guard case .miss = cache.lookup(Self.key(Self.viewer, "/api/jobs")) else {
            Issue.record("another identity must miss")
            return
        }
        cache.drop(identity: Self.demo)
        guard case .miss = cache.lookup(Self.key(Self.demo, "/api/jobs")) else {
            Issue.record("dropped")
            return
        }
    }

    @Test func byteBoundAndQuarterRuleHoldUnderChurn() {
        let cache = ResponseCache(maxBytes: 400_000)
        for index in 0..<2_000 {
            cache.store(
                Self.key(Self.demo, "/api/query?\(index)"), headers: [.contentType: "application/json"], body: Self.body(20_000),
                maxAge: .seconds(10))
            #expect(cache.bytes(of: Self.demo) <= 100_000)
            #expect(cache.usage.bytes <= 400_000)
        }
        // Other identities keep their entries while demo churns.
        cache.store(Self.key(Self.viewer, "/api/jobs"), headers: [:], body: Self.body(20_000), maxAge: .seconds(10))
        for index in 0..<100 {
            cache.store(Self.key(Self.demo, "/api/churn/\(index)"), headers: [:], body: Self.body(20_000), maxAge: .seconds(10))
        }
        guard case .fresh = cache.lookup(Self.key(Self.viewer, "/api/jobs")) else {
            Issue.record("one identity's churn evicted another's entry")
            return
        }
        #expect(cache.usage.evictions > 0)
        let entries = cache.usage.entries
        #expect(entries >= 2 && entries <= 10)
    }

    @Test func leastRecentlyUsedGoesFirst() {
        // Entries of about 1,280 bytes; the bound holds 8 of them, an identity's quarter 2.
        let cache = ResponseCache(maxBytes: 11_200)
        let users = (0..<6).map { EMIdentity(kind: .basic, userName: "u\($0)", apiVersion: "") }
        for index in 0..<5 { cache.store(Self.key(users[index], "/a"), headers: [:], body: Self.body(1_000), maxAge: .seconds(60)) }
        _ = cache.lookup(Self.key(users[0], "/a"))  // used: now the newest
        for (user, path) in [(5, "/a"), (5, "/b"), (1, "/b"), (2, "/b"), (3, "/b")] {
            cache.store(Self.key(users[user], path), headers: [:], body: Self.body(1_000), maxAge: .seconds(60))
        }
        #expect(cache.usage.bytes <= 11_200)
        guard case .fresh = cache.lookup(Self.key(users[0], "/a")) else {
            Issue.record("the recently used entry was evicted")
            return
        }
        guard case .miss = cache.lookup(Self.key(users[1], "/a")) else {
            Issue.record("the least recently used entry should have gone first")
            return
        }
    }
}
