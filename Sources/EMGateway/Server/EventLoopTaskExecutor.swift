import NIOCore

/// A Swift concurrency task executor (SE-0417) that runs jobs on one NIO event loop.
///
/// A connection's task prefers the executor of its own channel's event loop, so reading the
/// request, running the middleware chain and writing the response happen on the thread that
/// owns the socket. Without it every request hops from the event loop to the global
/// concurrent pool and back, two thread wake-ups that cost more than the gateway's own work
/// for a small answer (most of the latency the gateway adds at one connection).
///
/// Only nonisolated async code follows the preference; an actor with its own executor still
/// runs there. Jobs enqueued from another thread (libcurl's loop resuming a continuation) wake
/// the event loop once, through `EventLoop.execute`.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
