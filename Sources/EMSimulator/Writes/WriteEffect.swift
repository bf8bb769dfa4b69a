/// What a write does and how its task reports it.
struct WriteEffect: Sendable {
    /// The resource the task links to with `Rel="Related"`, or `nil`.
    var related: Link?
    /// The task's `Result/Message` once finished (`Ok`, as EM 9.5 answers; `Job "X" triggered to start.` for starts).
    var message: String
    /// The change to the store: applied when the task finishes, or at once for writes without a task.
    var completion: WorldState.Completion?

    /// Creates an effect.
    /// - Parameters:
    ///   - related: the `Related` link, or `nil`.
    ///   - message: the result message (default `Ok`).
    ///   - completion: the change to the store, or `nil`.
    init(related: Link?, message: String = "Ok", completion: WorldState.Completion? = nil) {
        self.related = related
        self.message = message
        self.completion = completion
    }
}
