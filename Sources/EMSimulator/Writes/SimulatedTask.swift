/// One asynchronous operation EM reports as a `Task` (`/api/tasks/task-N`).
///
/// A pure value: its state at an instant follows from when it started and how long it runs;
/// `Running` until then, `Finished` with `<Result Success="true">` after (EM 12/13 samples
/// `task_start_running`, `task_start_finished`, `task_finished_related`).
struct SimulatedTask: Sendable {
    /// `task-N`: EM numbers tasks per process, from 1.
    let id: String
    /// `Operation` (`StartJob`, `EditCloudTenant`, ...).
    let operation: String
    /// When it started.
    let started: ContinuousClock.Instant
    /// How long it stays `Running`.
    let duration: Duration
    /// The resource it acted on, written as a `Related` link, or `nil`.
    let related: Link?
    /// The `Result/Message` once finished.
    let message: String

    /// `State` at an instant: `Running` or `Finished`.
    /// - Parameter now: the instant.
    /// - Returns: the state's text.
    func state(at now: ContinuousClock.Instant) -> String {
        self.isFinished(at: now) ? "Finished" : "Running"
    }

    /// Whether the task has finished at an instant.
    /// - Parameter now: the instant.
    func isFinished(at now: ContinuousClock.Instant) -> Bool {
        now >= self.started + self.duration
    }

    /// The path under `/api/`.
    var path: String { "tasks/\(self.id)" }

    /// Writes `<Task>` as EM does: `Type Href`, a `Delete` link (and `Related` to the resource),
    /// `TaskId`, `State`, `Operation`, and `Result` once finished.
    /// - Parameters:
    ///   - xml: the writer.
    ///   - hrefs: builds absolute `Href`s.
    ///   - now: the instant the state is shown for.
    ///   - asRoot: whether this is the document's root element.
    func write(_ xml: inout XMLWriter, _ hrefs: HrefBuilder, at now: ContinuousClock.Instant, asRoot: Bool) {
        let href = hrefs.api(self.path)
        xml.start("Task", attributeList: [("Type", "Task"), ("Href", href)], namespacesFirst: asRoot ? .em : nil)
        xml.links([Link("Delete", "Task", href)] + (self.related.map { [hrefs.resolve($0)] } ?? []))
        xml.element("TaskId", self.id)
        xml.element("State", self.state(at: now))
        xml.element("Operation", self.operation)
        if self.isFinished(at: now) {
            xml.start("Result", ["Success": "true"])
            xml.element("Message", self.message)
            xml.end()
        }
        xml.end()
    }
}
