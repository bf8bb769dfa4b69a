internal import NIOCore
internal import Synchronization

/// Shared flags of one body: whether it was iterated, and whether the transfer completed.
final class BodyState: Sendable {
    private let iterated = Atomic<Bool>(false)
    private let complete = Atomic<Bool>(false)

    /// Claims the single iterator.
    ///
    /// - Returns: `true` the first time only.
    func claimIterator() -> Bool {
        !self.iterated.exchange(true, ordering: .sequentiallyConsistent)
    }

    /// Records that libcurl finished the transfer successfully; call before finishing the source.
    func markComplete() {
        self.complete.store(true, ordering: .sequentiallyConsistent)
    }

    /// Whether the transfer completed successfully.
    var isComplete: Bool {
        self.complete.load(ordering: .sequentiallyConsistent)
    }
}

/// Relays the body consumer's demand and departure to the engine (at once, or queued when its lock is busy).
struct BodyProducerDelegate: NIOAsyncSequenceProducerDelegate {
    let loop: CurlLoop
    let transferID: UInt64
    let state: BodyState

    func produceMore() {
        guard !self.state.isComplete else {
            return
        }
        self.loop.send(.resume(self.transferID))
    }

    func didTerminate() {
        // After a complete transfer (the usual end) there is nothing left to abort.
        guard !self.state.isComplete else {
            return
        }
        self.loop.send(.abort(self.transferID, UpstreamError(.cancelled, message: "the body's consumer went away")))
    }
}
