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
        let r1 = machine.acquire(1, now: t0)
        #expect(r1 == .startLogon)
        let r2 = machine.acquire(2, now: t0)
        #expect(r2 == .wait)
        let r3 = machine.acquire(3, now: t0)
        #expect(r3 == .wait)
        let r4 = machine.startLogon()
        #expect(r4 == false)
        let outcome = machine.loggedOn(a)
        #expect(outcome.resume == [1, 2, 3])
        #expect(outcome.logOff == nil)
        let r5 = machine.acquire(4, now: t0)
        #expect(r5 == .use(a))
        #expect(machine.keepAliveTarget() == a)
    }

    @Test("a start-up logon nobody waits for")
    func startUpLogon() {
        var machine = Machine(backoff: .seconds(30))
        #expect(machine.keepAliveTarget() == nil)
        let r6 = machine.startLogon()
        #expect(r6)
        let r7 = machine.acquire(1, now: t0)
        #expect(r7 == .wait)
        let r8 = machine.loggedOn(a).resume
        #expect(r8 == [1])
        let r9 = machine.startLogon()
        #expect(r9 == false)
    }

    @Test("a 401 drops the session once; a stale 401 after a new logon changes nothing")
    func rejection() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.acquire(1, now: t0)
        _ = machine.loggedOn(a)
        let r10 = machine.rejected(a)
        #expect(r10)
        let r11 = machine.rejected(a)
        #expect(r11 == false)
        #expect(machine.keepAliveTarget() == nil)
        let r12 = machine.acquire(2, now: t0)
        #expect(r12 == .startLogon)
        _ = machine.loggedOn(b)
        // A request that still used `a` comes back with 401 after `b` replaced it.
        let r13 = machine.rejected(a)
        #expect(r13 == false)
        let r14 = machine.acquire(3, now: t0)
        #expect(r14 == .use(b))
    }

    @Test("a network failure fails the waiters and the next request tries again at once")
    func networkFailure() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.acquire(1, now: t0)
        _ = machine.acquire(2, now: t0)
        let r15 = machine.logonFailed(credentialsRefused: false, now: t0)
        #expect(r15 == [1, 2])
        let r16 = machine.acquire(3, now: t0)
        #expect(r16 == .startLogon)
    }

    @Test("refused credentials back off: requests fail at once until the back-off ends")
    func backoff() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.acquire(1, now: t0)
        let r17 = machine.logonFailed(credentialsRefused: true, now: t0)
        #expect(r17 == [1])
        let r18 = machine.acquire(2, now: t0 + .seconds(29))
        #expect(r18 == .refused)
        let r19 = machine.startLogon()
        #expect(r19 == false)
        let r20 = machine.acquire(3, now: t0 + .seconds(30))
        #expect(r20 == .startLogon)
        let r21 = machine.logonFailed(credentialsRefused: true, now: t0 + .seconds(31))
        #expect(r21 == [3])
        let r22 = machine.acquire(4, now: t0 + .seconds(60))
        #expect(r22 == .refused)
        let r23 = machine.acquire(5, now: t0 + .seconds(61))
        #expect(r23 == .startLogon)
    }

    @Test("close: the session is logged off, waiters fail, a logon finishing late is logged off too")
    func close() {
        var active = Machine(backoff: .seconds(30))
        _ = active.acquire(1, now: t0)
        _ = active.loggedOn(a)
        let closing = active.close()
        #expect(closing.logOff == a)
        #expect(closing.fail.isEmpty)
        let r24 = active.acquire(2, now: t0)
        #expect(r24 == .closed)
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
        let r25 = pending.logonFailed(credentialsRefused: false, now: t0).isEmpty
        #expect(r25)
    }

    @Test("a second logon replacing an active session logs the old one off")
    func replacement() {
        var machine = Machine(backoff: .seconds(30))
        _ = machine.startLogon()
        _ = machine.loggedOn(a)
        let r26 = machine.loggedOn(b).logOff
        #expect(r26 == a)
        let r27 = machine.loggedOn(b).logOff
        #expect(r27 == nil)
    }
}
