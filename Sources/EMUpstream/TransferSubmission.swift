internal import Logging
internal import Synchronization

/// What ``UpstreamClient/execute(_:deadline:logger:)`` hands to the engine for one request.
struct TransferSubmission: Sendable {
    let ticket: TransferTicket
    let request: UpstreamRequest
    /// When the whole transfer must have ended, or `nil` for no limit.
    let deadline: ContinuousClock.Instant?
    let logger: Logger
    let continuation: CheckedContinuation<UpstreamResponse, any Error>
}

/// Identifies one transfer across threads and carries its early-cancellation flag.
///
/// The flag closes the race where a task is cancelled before the engine has picked up
/// the submission: the loop checks it when it starts the transfer.
final class TransferTicket: Sendable {
    let id: UInt64
    private let cancelledFlag = Atomic<Bool>(false)

    init(id: UInt64) {
        self.id = id
    }

    /// Marks the transfer as cancelled by its caller.
    func cancel() {
        self.cancelledFlag.store(true, ordering: .sequentiallyConsistent)
    }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool {
        self.cancelledFlag.load(ordering: .sequentiallyConsistent)
    }
}
