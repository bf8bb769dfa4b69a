/// A live logon session.
struct LogonSessionRecord: Sendable, Equatable {
    /// EM's `SessionId`: a lower-case GUID.
    let id: String
    /// The `X-RestSvcSessionId` token: Base64 of the UTF-8 bytes of ``id`` (as EM makes it).
    let token: String
    /// The account name as configured, written as `UserName`.
    let userName: String
    /// The `v` value the session was created with (`v1_7`, `latest`, ...; empty when absent).
    let apiVersion: String
    /// Creation order, for stable listings.
    let sequence: Int
}

/// The simulator's logon sessions, with EM's idle expiry.
///
/// Every successful lookup restarts the idle count; a session unused for longer than the
/// idle timeout is gone, exactly as if it had been deleted.
actor SessionStore {
    private struct Entry {
        var record: LogonSessionRecord
        var lastUsed: ContinuousClock.Instant
    }

    private let idleTimeout: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var byToken: [String: Entry] = [:]
    private var nextSequence = 0
    private var generator = SystemRandomNumberGenerator()

    /// Creates an empty store.
    /// - Parameters:
    ///   - idleTimeout: how long a session may stay unused.
    ///   - now: the clock (tests pass a manual one). Default: `ContinuousClock.now`.
    init(idleTimeout: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.idleTimeout = idleTimeout
        self.now = now
    }

    /// Opens a session.
    /// - Parameters:
    ///   - userName: the account name as configured.
    ///   - apiVersion: the logon's `v` value.
    /// - Returns: the new session.
    func create(userName: String, apiVersion: String) -> LogonSessionRecord {
        self.prune()
        let id = Self.makeGUID(using: &self.generator)
        let record = LogonSessionRecord(
            id: id,
            token: Base64.encode(id.utf8),
            userName: userName,
            apiVersion: apiVersion,
            sequence: self.nextSequence
        )
        self.nextSequence += 1
        self.byToken[record.token] = Entry(record: record, lastUsed: self.now())
        return record
    }

    /// Finds the session a token names and restarts its idle count.
    /// - Parameter token: the `X-RestSvcSessionId` value.
    /// - Returns: the session, or `nil` when the token is unknown or the session expired.
    func use(token: String) -> LogonSessionRecord? {
        guard var entry = self.byToken[token] else { return nil }
        let now = self.now()
        guard now - entry.lastUsed <= self.idleTimeout else {
            self.byToken[token] = nil
            return nil
        }
        entry.lastUsed = now
        self.byToken[token] = entry
        return entry.record
    }

    /// All live sessions, oldest first.
    /// - Returns: the sessions that have not expired.
    func all() -> [LogonSessionRecord] {
        self.prune()
        return self.byToken.values.map(\.record).sorted { $0.sequence < $1.sequence }
    }

    /// Finds a live session by its `SessionId` (case-insensitive), without touching it.
    /// - Parameter id: the session ID.
    /// - Returns: the session, or `nil`.
    func session(id: String) -> LogonSessionRecord? {
        self.prune()
        let wanted = id.lowercased()
        return self.byToken.values.first { $0.record.id == wanted }?.record
    }

    /// Ends a session (logoff).
    /// - Parameter id: the session ID (case-insensitive).
    /// - Returns: `true` when a live session was removed.
    func remove(id: String) -> Bool {
        self.prune()
        let wanted = id.lowercased()
        guard let token = self.byToken.first(where: { $0.value.record.id == wanted })?.key else { return false }
        self.byToken[token] = nil
        return true
    }

    private func prune() {
        let now = self.now()
        self.byToken = self.byToken.filter { now - $0.value.lastUsed <= self.idleTimeout }
    }

    /// A random version-4 GUID in EM's lower-case form.
    private static func makeGUID(using generator: inout SystemRandomNumberGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }
            .joined(separator: "-")
    }
}
