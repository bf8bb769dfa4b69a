import Foundation
import Synchronization
import Testing

@testable import EMSimulator

@Suite struct SessionStoreTests {
    @Test func tokensAreBase64OfTheSessionID() async {
        let store = SessionStore(idleTimeout: .seconds(60))
        let first = await store.create(userName: "demo", apiVersion: "latest")
        let second = await store.create(userName: "demo", apiVersion: "v1_7")
        #expect(first.id != second.id)
        #expect(first.id == first.id.lowercased())
        #expect(first.id.count == 36)
        #expect(first.token == Data(first.id.utf8).base64EncodedString())
        #expect(await store.use(token: first.token) == first)
        #expect(await store.all().map(\.id) == [first.id, second.id])
        #expect(await store.session(id: second.id.uppercased()) == second)
        #expect(await store.remove(id: first.id))
        #expect(await store.remove(id: first.id) == false)
        #expect(await store.use(token: first.token) == nil)
        #expect(await store.use(token: second.token) == second)
    }

    @Test func unusedSessionsExpire() async throws {
        let store = SessionStore(idleTimeout: .milliseconds(50))
        let session = await store.create(userName: "demo", apiVersion: "")
        try await Task.sleep(for: .milliseconds(120))
        #expect(await store.use(token: session.token) == nil)
        #expect(await store.all().isEmpty)
    }

    @Test func useRestartsTheIdleCount() async {
        let clock = ManualClock()
        let store = SessionStore(idleTimeout: .seconds(900), now: { clock.now })
        let session = await store.create(userName: "demo", apiVersion: "latest")
        for _ in 0..<4 {
            clock.advance(by: .seconds(600))
            #expect(await store.use(token: session.token) == session)
        }
        clock.advance(by: .seconds(901))
        #expect(await store.use(token: session.token) == nil)
        #expect(await store.use(token: session.token) == nil)
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { current.withLock { $0 } }
    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
}
