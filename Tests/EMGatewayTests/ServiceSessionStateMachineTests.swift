import Testing

@testable import EMGateway

/// The service account's session decisions, without I/O.
@Suite("Service session state machine")
struct ServiceSessionStateMachineTests {
    typealias Machine = ServiceSessionStateMachine<Int>
    let t0 = ContinuousClock.now
    let a = Machine.Session(token: "dG9rZW4tYQ==", id: "a")
    let b = Machine.Session(token: "dG9rZW4tYg==", id: "b")

    @Test("one logon serves every waiting request")
    func oneLogonForAll() {
        var machine = Machine(backoff: .seconds(30))
        #expect(machine.acquire(1, now: t0) == .startLogon)
        #expect(machine.acquire(2, now: t0) == .wait)
        #expect(machine.acquire(3, now: t0) == .wait)
        #expect(machine.startLogon() == false)
        let outcome = machine.loggedOn(a)
        #expect(outcome.resume == [1, 2, 3])
        #expect(outcome.logOff == nil)
        #expect(machine.acquire(4, now: t0) == .use(a))
        #expect(machine.keepAliveTarget() == a)
    }

    @Test("a start-up logon nobody waits for")
    func startUpLogon() {
        var machine = Machine(backoff: .seconds(30))
        #expect(machine.keepAliveTarget() == nil)
        #expect(machine.startLogon())
        #expect(machine.acquire(1, now: t0) == .wait)
        #expect(machine.loggedOn(a).resume == [1])
        #expect(machine.startLogon() == false)
    }

    @Test("a 401 drops the session once; a stale 401 after a new logon changes nothing")
    func rejection() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.acquire(1, now: t0)
        _ = machine.loggedOn(a)
        #expect(machine.rejected(a))
        #expect(machine.rejected(a) == false)
        #expect(machine.keepAliveTarget() == nil)
        #expect(machine.acquire(2, now: t0) == .startLogon)
        _ = machine.loggedOn(b)
        // A request that still used `a` comes back with 401 after `b` replaced it.
        #expect(machine.rejected(a) == false)
        #expect(machine.acquire(3, now: t0) == .use(b))
    }

    @Test("a network failure fails the waiters and the next request tries again at once")
    func networkFailure() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.acquire(1, now: t0)
        _ = machine.acquire(2, now: t0)
        #expect(machine.logonFailed(credentialsRefused: false, now: t0) == [1, 2])
        #expect(machine.acquire(3, now: t0) == .startLogon)
    }

    @Test("refused credentials back off: requests fail at once until the back-off ends")
    func backoff() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.acquire(1, now: t0)
        #expect(machine.logonFailed(credentialsRefused: true, now: t0) == [1])
        #expect(machine.acquire(2, now: t0 + .seconds(29)) == .refused)
        #expect(machine.startLogon() == false)
        #expect(machine.acquire(3, now: t0 + .seconds(30)) == .startLogon)
        #expect(machine.logonFailed(credentialsRefused: true, now: t0 + .seconds(31)) == [3])
        #expect(machine.acquire(4, now: t0 + .seconds(60)) == .refused)
        #expect(machine.acquire(5, now: t0 + .seconds(61)) == .startLogon)
    }

    @Test("close: the session is logged off, waiters fail, a logon finishing late is logged off too")
    func close() {
        var active = Machine(backoff: .seconds(30))
        _ = active.acquire(1, now: t0)
        _ = active.loggedOn(a)
        let closing = active.close()
        #expect(closing.logOff == a)
        #expect(closing.fail.isEmpty)
        #expect(active.acquire(2, now: t0) == .closed)
        #expect(active.keepAliveTarget() == nil)

        var pending = Machine(backoff: .seconds(30))
        _ = pending.acquire(1, now: t0)
        _ = pending.acquire(2, now: t0)
        let closed = pending.close()
        #expect(closed.fail == [1, 2])
        #expect(closed.logOff == nil)
        let late = pending.loggedOn(b)
        #expect(late.logOff == b)
        #expect(late.resume.isEmpty)
        #expect(pending.logonFailed(credentialsRefused: false, now: t0).isEmpty)
    }

    @Test("a second logon replacing an active session logs the old one off")
    func replacement() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.startLogon()
        _ = machine.loggedOn(a)
        #expect(machine.loggedOn(b).logOff == a)
        #expect(machine.loggedOn(b).logOff == nil)
    }
}
