import Logging
import Synchronization

/// The two `notice` lines of a graceful shutdown: when it starts, and when it ends early
/// because its time limit passed (the enclosing `ServiceGroup` then cancels what is in flight).
final class ShutdownNotices: Sendable {
    let limit: Duration
    let logger: Logger
    private let shuttingDown = Mutex(false)

    init(limit: Duration, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    /// Graceful shutdown began: the server stops accepting and in-flight requests may finish.
    func started() {
        shuttingDown.withLock { $0 = true }
        logger.notice("graceful shutdown started; requests in flight have \(Self.seconds(limit)) s to finish")
    }

    /// The service was cancelled; logged only during a graceful shutdown, whose limit that means.
    func cancelled() {
        guard shuttingDown.withLock({ $0 }) else { return }
        logger.notice("graceful shutdown limit of \(Self.seconds(limit)) s reached; cutting the requests still in flight")
    }

    /// A duration as printed in notices: whole seconds, or with a fraction.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? String(seconds) : String(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
