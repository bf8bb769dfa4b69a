import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process metrics Prometheus' client libraries export, read from `/proc/self` when
/// `/metrics` is scraped: `process_resident_memory_bytes`, `process_cpu_seconds_total`,
/// `process_open_fds` and `process_start_time_seconds`, named and computed as the Go client's
/// process collector does.
///
/// Linux only: elsewhere, and when `/proc` cannot be read, the families are left out rather
/// than shown as zero.
struct ProcessMetrics: Sendable {
    /// The facts the families are computed from.
    struct Sample {
        /// Resident set size in bytes.
        var residentBytes: Int
        /// User and system CPU time in seconds.
        var cpuSeconds: Double
        /// Open file descriptors.
        var openDescriptors: Int
        /// The process's start, seconds since the Unix epoch.
        var startTime: Double
    }

    /// The families in Prometheus text exposition format, or nothing when not on Linux.
    func render() -> [UInt8] {
        guard let sample = Self.read() else { return [] }
        return Array(Self.exposition(sample).utf8)
    }

    /// `sample` as Prometheus text, each family with `# HELP` and `# TYPE`.
    static func exposition(_ sample: Sample) -> String {
        func family(_ name: String, _ type: String, _ help: String, _ value: String) -> String {
            "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        return family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", "\(sample.cpuSeconds)")
            + family("process_open_fds", "gauge", "Number of open file descriptors.", "\(sample.openDescriptors)")
            + family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", "\(sample.residentBytes)")
            + family(
                "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", "\(sample.startTime)")
    }

    /// Reads the process's figures now; `nil` where `/proc` is missing or unreadable.
    static func read() -> Sample? {
        #if os(Linux)
            guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
                let fields = statFields(stat), fields.count > 21,
                let userTicks = Double(fields[11]), let systemTicks = Double(fields[12]),
                let startTicks = Double(fields[19]), let residentPages = Int(fields[21]),
                let bootTime = bootTime,
                let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
            else { return nil }
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            let pageSize = sysconf(Int32(_SC_PAGESIZE))
            guard ticks > 0, pageSize > 0 else { return nil }
            return Sample(
                residentBytes: residentPages * pageSize, cpuSeconds: (userTicks + systemTicks) / ticks,
                openDescriptors: descriptors.count, startTime: bootTime + startTicks / ticks)
        #else
            return nil
        #endif
    }

    /// The fields of `/proc/self/stat` after the command name, from `state` on (field 3 in
    /// proc(5) is index 0 here). The name is in parentheses and may hold spaces and `)`, so the
    /// fields start after the last `)`.
    static func statFields(_ stat: String) -> [Substring]? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
    }

    /// The boot time, seconds since the Unix epoch (`btime` in `/proc/stat`): read once.
    static let bootTime: Double? = {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }()
}
