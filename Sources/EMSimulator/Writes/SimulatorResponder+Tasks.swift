import HTTPTypes
import Hummingbird

extension SimulatorResponder {
    /// `GET /api/tasks`: every task writes started, oldest first, as `Tasks` (`tasks_list` sample).
    /// - Returns: the list.
    func tasksList() -> Response {
        let (tasks, now) = self.world.tasks
        let hrefs = self.hrefs
        return XMLResponse.document { xml in
            xml.start("Tasks", attributeList: [], namespacesFirst: .em)
            for task in tasks { task.write(&xml, hrefs, at: now, asRoot: false) }
            xml.end()
        }
    }

    /// `GET` or `DELETE /api/tasks/{ID}`.
    /// - Parameters:
    ///   - id: `task-N` from the path (any case).
    ///   - method: `GET` or `DELETE`.
    /// - Returns: the `Task`, or `204` after removal.
    /// - Throws: `SimulatorError` `.notFound` when no task has that ID.
    func task(_ id: String, method: HTTPRequest.Method) throws -> Response {
        let notFound = SimulatorError(.notFound, "Cannot find task [\(id)]")
        if method == .delete {
            guard self.world.removeTask(id: id) else { throw notFound }
            return Response(status: .noContent)
        }
        let (tasks, now) = self.world.tasks
        guard let task = tasks.first(where: { $0.id == id.lowercased() }) else { throw notFound }
        let hrefs = self.hrefs
        return XMLResponse.document { task.write(&$0, hrefs, at: now, asRoot: true) }
    }
}
