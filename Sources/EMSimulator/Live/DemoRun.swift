/// One run (a job session) of a demo job, as the seed decides it: when it starts and ends,
/// its outcome and its VMs' parts.
struct DemoRun: Sendable {
    /// One VM's part of the run (a task session).
    struct TaskRun: Sendable {
        let vm: DemoJob.VM
        let start: Int64
        let end: Int64
        /// `Success`, `Warning` or `Failed`.
        let result: String
        let reason: String
    }

    let job: DemoJob
    /// The scheduled start the run belongs to (a retry keeps its first attempt's).
    let slot: Int64
    /// 0 for the scheduled run, 1… for retries.
    let attempt: Int
    let start: Int64
    let end: Int64
    /// `Success`, `Warning` or `Failed` once stopped.
    let result: String
    let failureMessage: String?
    let tasks: [TaskRun]

    /// The session's ID: a GUID made of the job, the slot and the attempt.
    var id: String { DemoWorld.guid(0x5e55, self.job.number, self.slot, Int64(self.attempt)) }

    /// The runs of one scheduled start: the run and, while it fails and retries remain, its
    /// retries.
    /// - Parameters:
    ///   - job: the job.
    ///   - slot: the scheduled start, in seconds since 1970.
    ///   - numbers: the seeded numbers.
    /// - Returns: the runs, in order.
    static func runs(of job: DemoJob, slot: Int64, _ numbers: SeededNumbers) -> [DemoRun] {
        var runs: [DemoRun] = []
        var start = slot + numbers.int(0...4, job.number, slot, 1)
        for attempt in 0...job.retryTimes {
            let run = Self.run(of: job, slot: slot, attempt: attempt, start: start, numbers)
            runs.append(run)
            guard run.result == "Failed" else { break }
            start = run.end + job.retryDelay
        }
        return runs
    }

    private static func run(of job: DemoJob, slot: Int64, attempt: Int, start: Int64, _ numbers: SeededNumbers) -> DemoRun {
        let tag = Int64(attempt)
        let duration: Int64
        switch job.schedule {
        case .daily: duration = numbers.int(480...2_400, job.number, slot, tag, 2)
        case .periodic:
            duration = attempt == 0 ? numbers.int(15...36, job.number, slot, tag, 2) : numbers.int(8...15, job.number, slot, tag, 2)
        }
        // Out of 100: a first attempt fails 12 times and warns 18 times; a retry fails 30 times.
        let roll = numbers.int(0...99, job.number, slot, tag, 3)
        let result = attempt == 0 ? (roll < 12 ? "Failed" : roll < 30 ? "Warning" : "Success") : (roll < 30 ? "Failed" : "Success")
        let victim = Int(numbers.int(0...Int64(job.vms.count - 1), job.number, slot, tag, 4))
        let end = start + duration
        let count = Int64(job.vms.count)
        var tasks: [TaskRun] = []
        for (index, vm) in job.vms.enumerated() {
            let offset = Int64(index)
            let taskStart = start + 3 + offset * 2
            let taskEnd = end - 1 - (count - 1 - offset)
            let fault = index == victim ? result : "Success"
            tasks.append(
                TaskRun(
                    vm: vm, start: taskStart, end: max(taskStart + 1, taskEnd), result: fault,
                    reason: fault == "Failed" ? Self.failure(vm.name) : fault == "Warning" ? Self.warning : ""))
        }
        return DemoRun(
            job: job, slot: slot, attempt: attempt, start: start, end: end, result: result,
            failureMessage: result == "Failed" ? "Processing \(job.vms[victim].name) Error: \(Self.failure(job.vms[victim].name))" : nil,
            tasks: tasks)
    }

    private static let warning = "Changed block tracking cannot be enabled: one or more snapshots present."

    private static func failure(_ vm: String) -> String {
        "Failed to create VM snapshot of [\(vm)]: the operation is not allowed in the current state."
    }
}
