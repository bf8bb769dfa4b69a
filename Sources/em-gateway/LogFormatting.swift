import EMGateway
import Logging

/// Installs the process's swift-log handler for a ``LogFormat`` (once, before any logger is made).
enum LogFormatting {
    /// Bootstraps swift-log: text lines or JSON lines, both on standard error (standard output
    /// carries only the lines scripts wait for).
    static func bootstrap(_ format: LogFormat) {
        switch format {
        case .text: LoggingSystem.bootstrap(StreamLogHandler.standardError(label:))
        case .json: LoggingSystem.bootstrap(JSONLogHandler.standardError(label:))
        }
    }
}
