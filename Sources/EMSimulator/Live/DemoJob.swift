/// One job of the living demo world: its VMs, schedule and retry settings.
struct DemoJob: Sendable {
    /// How a job is scheduled.
    enum Schedule: Sendable {
        /// EM's `OptionsDaily`: every day at this UTC time (seconds after midnight).
        case daily(secondOfDay: Int64)
        /// EM's `OptionsPeriodically`: every `seconds`, from midnight UTC.
        case periodic(seconds: Int64)
    }

    /// One VM in the job.
    struct VM: Sendable {
        let objectID: String
        let name: String
        let moref: String
        /// `TotalSize` of its task sessions, in bytes.
        let size: Int64
    }

    /// The job's number in ``DemoWorld/jobs`` (part of every seeded value of its runs).
    let number: Int64
    let id: String
    let name: String
    let backupID: String
    let vms: [VM]
    let schedule: Schedule
    /// `RetryOptions/RetryTimes`.
    let retryTimes: Int
    /// `RetryOptions/RetryTimeout` in minutes.
    let retryTimeoutMinutes: Int
    /// Restore points kept (`SimpleRetentionPolicy/RetainCycles`); the oldest beyond go.
    let retainCycles: Int
    /// Whether the restricted `viewer` role sees it.
    let viewerVisible: Bool

    /// Seconds between a failed run's end and its retry's start: the retry timeout, and 5 s
    /// (EM's time to reschedule) when the timeout is 0.
    var retryDelay: Int64 { self.retryTimeoutMinutes == 0 ? 5 : Int64(self.retryTimeoutMinutes) * 60 }

    /// The first scheduled start after a world time.
    /// - Parameter time: seconds since 1970.
    /// - Returns: seconds since 1970.
    func nextStart(after time: Int64) -> Int64 {
        switch self.schedule {
        case .daily(let secondOfDay):
            let today = Self.floorDiv(time, 86_400) * 86_400 + secondOfDay
            return today > time ? today : today + 86_400
        case .periodic(let seconds):
            return (Self.floorDiv(time, seconds) + 1) * seconds
        }
    }

    /// Division rounding towards minus infinity.
    static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
