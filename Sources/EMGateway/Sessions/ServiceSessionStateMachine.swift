/// The life of the gateway's own EM logon session in service-account mode, as a pure state
/// machine (no I/O, no clock of its own): ``ServiceAccount`` performs what it asks for.
///
/// ```
///            acquire / startLogon          loggedOn
///  loggedOff ───────────────────► loggingOn ─────────► active
///      ▲  ▲                          │ logonFailed           │ rejected (EM answered 401)
///      │  └──────────────────────────┘ (network)             │
///      │        backoff ends    ◄── backingOff ◄── logonFailed (credentials refused)
///      └─────────────────────────────────────────────────────┘
///  any state ── close ──► closed
/// ```
///
/// Requests wait (as `Waiter`s) while a logon is in flight, so one logon serves them all. A
/// logon EM refuses with `401` starts a back-off during which requests fail at once: a wrong
/// service password must not hammer EM (and the directory's lockout policy) with a logon per
/// client request.
struct ServiceSessionStateMachine<Waiter> {
    typealias Session = ServiceSession

    enum State {
        case loggedOff
        case loggingOn(waiters: [Waiter])
        case active(Session)
        case backingOff(until: ContinuousClock.Instant)
        case closed
    }

    private(set) var state: State = .loggedOff
    /// How long requests fail at once after EM refused the service account's credentials.
    let backoff: Duration

    /// - Parameter backoff: the pause after refused credentials.
    init(backoff: Duration) { self.backoff = backoff }

    /// What to do for a request that needs the session.
    enum AcquireAction: Equatable {
        /// Send the request with this session.
        case use(Session)
        /// The waiter was queued and a logon must start now.
        case startLogon
        /// The waiter was queued behind a logon already in flight.
        case wait
        /// EM refused the service account's credentials recently; fail the request.
        case refused
        /// The gateway is shutting down; fail the request.
        case closed
    }

    /// A request needs the session.
    /// - Parameters:
    ///   - waiter: resumed by ``loggedOn(_:)`` or ``logonFailed(credentialsRefused:now:)`` when queued.
    ///   - now: the current time (for the back-off).
    mutating func acquire(_ waiter: Waiter, now: ContinuousClock.Instant) -> AcquireAction {
        switch state {
        case .active(let session):
            return .use(session)
        case .loggingOn(var waiters):
            waiters.append(waiter)
            state = .loggingOn(waiters: waiters)
            return .wait
        case .backingOff(let until) where now < until:
            return .refused
        case .loggedOff, .backingOff:
            state = .loggingOn(waiters: [waiter])
            return .startLogon
        case .closed:
            return .closed
        }
    }

    /// Starts a logon nobody waits for yet (at start-up, or after the keep-alive found the
    /// session gone). - Returns: whether a logon must start.
    mutating func startLogon() -> Bool {
        guard case .loggedOff = state else { return false }
        state = .loggingOn(waiters: [])
        return true
    }

    /// The outcome of a successful logon.
    struct LogonOutcome {
        /// Resume these with the session.
        var resume: [Waiter] = []
        /// Log this session off (the gateway closed while the logon was in flight, or a
        /// session it replaces).
        var logOff: Session?
    }

    /// A logon succeeded.
    mutating func loggedOn(_ session: Session) -> LogonOutcome {
        switch state {
        case .loggingOn(let waiters):
            state = .active(session)
            return LogonOutcome(resume: waiters)
        case .active(let previous):
            state = .active(session)
            return LogonOutcome(logOff: previous == session ? nil : previous)
        case .loggedOff, .backingOff:
            state = .active(session)
            return LogonOutcome()
        case .closed:
            return LogonOutcome(logOff: session)
        }
    }

    /// A logon failed.
    /// - Parameters:
    ///   - credentialsRefused: EM answered `401` (wrong user or password): back off.
    ///   - now: the current time.
    /// - Returns: the waiters to fail.
    mutating func logonFailed(credentialsRefused: Bool, now: ContinuousClock.Instant) -> [Waiter] {
        guard case .loggingOn(let waiters) = state else { return [] }
        state = credentialsRefused ? .backingOff(until: now + backoff) : .loggedOff
        return waiters
    }

    /// EM answered `401` to a request sent with `session` (it expired or was deleted).
    /// - Returns: whether it was the current session (now forgotten); `false` when another
    ///   logon has replaced it already.
    @discardableResult
    mutating func rejected(_ session: Session) -> Bool {
        guard case .active(let current) = state, current == session else { return false }
        state = .loggedOff
        return true
    }

    /// Whether EM refused the credentials at the last logon and none has succeeded since
    /// (backing off, or the back-off has ended and no request has asked again).
    var credentialsRefused: Bool {
        if case .backingOff = state { return true }
        return false
    }

    /// The keep-alive timer fired. - Returns: the session to refresh, if one is active.
    func keepAliveTarget() -> Session? {
        guard case .active(let session) = state else { return nil }
        return session
    }

    /// The gateway shuts down: no more sessions.
    /// - Returns: waiters to fail, and the session to log off.
    mutating func close() -> (fail: [Waiter], logOff: Session?) {
        defer { state = .closed }
        switch state {
        case .active(let session): return ([], session)
        case .loggingOn(let waiters): return (waiters, nil)
        case .loggedOff, .backingOff, .closed: return ([], nil)
        }
    }
}

/// An EM logon session of the service account: the `X-RestSvcSessionId` token and the
/// `SessionId` (for `/api/logonSessions/{ID}`). Both are secrets: never logged.
struct ServiceSession: Sendable, Equatable {
    let token: String
    let id: String
}
