/// The living part of the demo world: four jobs on `srv02.tech.local` that run on their
/// schedules around the world clock, beside the documented seed entities (which keep their
/// values).
///
/// - Three daily jobs (`Exchange Backup` 22:00 UTC, `Web Backup` 23:30 UTC, `File Server Backup`
///   01:00 UTC; 3 retries 10 minutes apart) and one periodic job (`SQL Log Backup`, EM's "run
///   every N minutes": every 2 minutes, up to 60 s with its one retry 5 s after a failure).
/// - A run's duration and outcome (`Success`, `Warning`, `Failed`) come from the seed
///   (``DemoRun``); a running session is `Working` with `Progress` rising linearly and a task
///   session per VM that has started.
/// - Sessions and task sessions of the last 7 days are kept (EM's session history retention);
///   each run that did not fail leaves a restore point with one VM point per VM and a backup
///   file (the first point of the chain a `.vbk`, the others `.vib`), the newest
///   `RetainCycles` points kept. `Demo Backup Repository`'s free space is its capacity less a
///   fixed 400 GiB of other data and the kept files.
///
/// Everything is computed from the seed and the world time: nothing is stored.
struct DemoWorld: Sendable {
    /// Seconds of history kept: 7 days.
    static let historySeconds: Int64 = 7 * 86_400
    /// The demo repository's capacity: 4 TiB.
    static let repositoryCapacity: Int64 = 4 << 40
    /// Space on the demo repository used by other data: 400 GiB.
    static let otherData: Int64 = 400 << 30
    /// The demo repository.
    static let repository = ParentRef(.repository, guid(0x5e90, 0, 0, 0), "Demo Backup Repository")

    let numbers: SeededNumbers

    /// Creates the world of a seed.
    /// - Parameter seed: the seed.
    init(seed: UInt64) {
        self.numbers = SeededNumbers(seed: seed)
    }

    /// A GUID made of four numbers, in the simulator's `5e…` range of made-up IDs.
    static func guid(_ kind: Int64, _ a: Int64, _ b: Int64, _ c: Int64) -> String {
        func hex(_ value: Int64, _ width: Int) -> String {
            let text = String(UInt64(bitPattern: value) & ((1 << (4 * UInt64(width))) - 1), radix: 16)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(hex(kind, 4))\(hex(a, 4))-\(hex(b >> 32, 4))-4\(hex(b >> 20, 3))-8\(hex(b >> 8, 3))-\(hex(b & 0xff, 2))\(hex(c, 10))"
    }

    private static func vm(_ job: Int64, _ index: Int64, _ name: String, _ moref: String, _ gib: Int64) -> DemoJob.VM {
        DemoJob.VM(objectID: guid(0x5e0b, job, index, 0), name: name, moref: moref, size: gib << 30)
    }

    /// The demo jobs, in the order they are listed.
    static let jobs: [DemoJob] = [
        DemoJob(
            number: 1, id: guid(0x5e10, 1, 0, 0), name: "Exchange Backup", backupID: guid(0x5eb0, 1, 0, 0),
            vms: [vm(1, 0, "exch01", "vm-4001", 300), vm(1, 1, "exch02", "vm-4002", 280)],
            schedule: .daily(secondOfDay: 22 * 3600), retryTimes: 3, retryTimeoutMinutes: 10, retainCycles: 7,
            viewerVisible: false),
        DemoJob(
            number: 2, id: guid(0x5e10, 2, 0, 0), name: "Web Backup", backupID: guid(0x5eb0, 2, 0, 0),
            vms: [vm(2, 0, "web01", "vm-4101", 60), vm(2, 1, "web02", "vm-4102", 60), vm(2, 2, "web03", "vm-4103", 80)],
            schedule: .daily(secondOfDay: 23 * 3600 + 1800), retryTimes: 3, retryTimeoutMinutes: 10, retainCycles: 7,
            viewerVisible: true),
        DemoJob(
            number: 3, id: guid(0x5e10, 3, 0, 0), name: "File Server Backup", backupID: guid(0x5eb0, 3, 0, 0),
            vms: [vm(3, 0, "fs01", "vm-4201", 900), vm(3, 1, "fs02", "vm-4202", 750)],
            schedule: .daily(secondOfDay: 3600), retryTimes: 3, retryTimeoutMinutes: 10, retainCycles: 7,
            viewerVisible: false),
        DemoJob(
            number: 4, id: guid(0x5e10, 4, 0, 0), name: "SQL Log Backup", backupID: guid(0x5eb0, 4, 0, 0),
            vms: [vm(4, 0, "sqlprod01", "vm-4301", 40), vm(4, 1, "sqlprod02", "vm-4302", 40)],
            schedule: .periodic(seconds: 120), retryTimes: 1, retryTimeoutMinutes: 0, retainCycles: 14,
            viewerVisible: true),
    ]

    /// The demo jobs by ID.
    static let jobsByID: [String: DemoJob] = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0) })
    /// The IDs of the demo jobs.
    static let jobIDs: Set<String> = Set(jobs.map(\.id))
    /// The IDs of the jobs the restricted `viewer` role sees.
    static let viewerJobIDs: Set<String> = Set(jobs.filter(\.viewerVisible).map(\.id))

    /// The runs of a job that started after `from` and no later than `through`, oldest first.
    /// - Parameters:
    ///   - job: the job.
    ///   - from: the exclusive lower bound, seconds since 1970.
    ///   - through: the inclusive upper bound.
    /// - Returns: the runs.
    func runs(of job: DemoJob, from: Int64, through: Int64) -> [DemoRun] {
        guard from < through else { return [] }
        let step: Int64
        let first: Int64
        switch job.schedule {
        case .daily(let secondOfDay):
            step = 86_400
            first = DemoJob.floorDiv(from, 86_400) * 86_400 + secondOfDay - 86_400
        case .periodic(let seconds):
            step = seconds
            first = DemoJob.floorDiv(from, seconds) * seconds
        }
        var runs: [DemoRun] = []
        var slot = first
        while slot <= through {
            for run in DemoRun.runs(of: job, slot: slot, self.numbers) where run.start <= through && run.start > from {
                runs.append(run)
            }
            slot += step
        }
        return runs
    }
}
