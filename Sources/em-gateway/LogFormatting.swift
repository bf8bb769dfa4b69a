import EMGateway
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Installs the process's swift-log handler for a ``LogFormat`` (once, before any logger is made).
enum LogFormatting {
    /// Bootstraps swift-log: text lines (``TextLogHandler``, swift-log's `StreamLogHandler` layout)
    /// or JSON lines, both on standard error (standard output
    /// carries only the lines scripts wait for).
    static func bootstrap(_ format: LogFormat) {
        #if canImport(Glibc)
            // Without `TZ`, glibc's `strftime` re-reads `/etc/localtime` (a `stat` per log line, one
            // per request in the access log); naming the same zone file once keeps the time zone and
            // drops the system call.
            if getenv("TZ") == nil { setenv("TZ", ":/etc/localtime", 0) }
        #endif
        switch format {
        case .text: LoggingSystem.bootstrap(TextLogHandler.standardError(label:))
        case .json: LoggingSystem.bootstrap(JSONLogHandler.standardError(label:))
        }
    }
}
