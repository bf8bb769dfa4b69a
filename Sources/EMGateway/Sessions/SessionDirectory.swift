import Synchronization

/// Remembers which EM user each live session token belongs to, for the audit log.
///
/// Filled from successful logons through the gateway (the Basic user name) and emptied by
/// logoffs; bounded to `capacity` entries (the oldest are forgotten). Tokens stay in memory
/// only: they are never logged, exported or used as metric labels.
final class SessionDirectory: Sendable {
    let capacity: Int
    private let users = Mutex<(byToken: [String: String], order: [String])>(([:], []))

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func remember(token: String, user: String) {
        users.withLock { state in
            if state.byToken[token] == nil { state.order.append(token) }
            state.byToken[token] = user
            if state.order.count > capacity {
                let evicted = state.order.removeFirst(state.order.count - capacity)
                for token in evicted { state.byToken[token] = nil }
            }
        }
    }

    func user(for token: String) -> String? { users.withLock { $0.byToken[token] } }

    func forget(token: String) {
        users.withLock { state in
            state.byToken[token] = nil
            state.order.removeAll { $0 == token }
        }
    }
}

extension Array {
    fileprivate mutating func removeFirst(_ count: Int) -> [Element] {
        let head = Array(prefix(count))
        removeSubrange(0..<count)
        return head
    }
}
