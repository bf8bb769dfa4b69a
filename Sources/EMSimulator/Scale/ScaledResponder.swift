import HTTPTypes
import Hummingbird

/// Serves the ``ScaledWorld`` when ``SimulatorConfiguration/scale`` is above 0: the collections
/// `backupSessions`, `backupTaskSessions`, `jobs` and `restorePoints` (plain, by ID, and the
/// children `backupSessions/{ID}/taskSessions` and `jobs/{ID}/backupSessions`), and the query
/// service for their types (`/api/query?type=BackupJobSession&format=Entities`, unpaged unless
/// `pageSize` is given). Every list streams (see ``ScaledListBody``).
///
/// Anything else, including IDs that are not scaled IDs, falls through to the seed world.
struct ScaledResponder: Sendable {
    let world: ScaledWorld
    let context: RenderContext

    /// One of the four scaled collections.
    enum Collection: Sendable {
        case backupJobSessions, backupTaskSessions, jobs, restorePoints

        /// Matches a lower-cased path segment or query `type` value.
        init?(segment: String) {
            switch segment {
            case "backupsessions": self = .backupJobSessions
            case "backuptasksessions": self = .backupTaskSessions
            case "jobs": self = .jobs
            case "restorepoints": self = .restorePoints
            default: return nil
            }
        }

        init?(queryType: String) {
            switch queryType.lowercased() {
            case "backupjobsession": self = .backupJobSessions
            case "backuptasksession": self = .backupTaskSessions
            case "job": self = .jobs
            case "restorepoint": self = .restorePoints
            default: return nil
            }
        }

        var kind: ResourceKind {
            switch self {
            case .backupJobSessions: .backupJobSession
            case .backupTaskSessions: .backupTaskSession
            case .jobs: .job
            case .restorePoints: .restorePoint
            }
        }

        var idKind: ScaledID.Kind {
            switch self {
            case .backupJobSessions: .backupJobSession
            case .backupTaskSessions: .backupTaskSession
            case .jobs: .job
            case .restorePoints: .restorePoint
            }
        }
    }

    /// Answers a request from the scaled world, or `nil` to leave it to the seed world.
    /// - Parameter request: an authenticated request.
    /// - Returns: the response, or `nil`.
    /// - Throws: `SimulatorError` `.badRequest` for a bad `format`, `pageSize` or `page`.
    func respond(to request: Request) throws -> Response? {
        guard request.method == .get else { return nil }
        let segments = request.uri.path.split(separator: "/").map { $0.lowercased() }
        guard segments.first == "api", segments.count >= 2 else { return nil }
        let query = QueryParameters(request.uri.query)
        if segments.count == 2, segments[1] == "query" {
            guard let type = query["type"], let collection = Collection(queryType: type) else { return nil }
            return try self.queryResult(collection, query)
        }
        guard let collection = Collection(segment: segments[1]) else { return nil }
        switch segments.count {
        case 2:
            return try self.list(collection, self.all(collection), query)
        case 3:
            guard let index = self.index(collection, request.uri.path.split(separator: "/")[2]) else { return nil }
            let format = try SimulatorResponder.Format(query)
            let entity = self.entity(collection, index)
            let context = self.context
            return XMLResponse.document {
                switch format {
                case .reference: Representation.writeReference(entity, to: &$0, context, asRoot: true)
                case .entity: Representation.writeEntity(entity, to: &$0, context, asRoot: true)
                }
            }
        case 4:
            guard let index = self.index(collection, request.uri.path.split(separator: "/")[2]) else { return nil }
            switch (collection, segments[3]) {
            case (.backupJobSessions, "tasksessions"):
                return try self.list(.backupTaskSessions, ScaledIndices(start: index, stride: 1, count: 1), query)
            case (.jobs, "backupsessions"):
                let count = (self.world.scale - index + self.world.jobCount - 1) / self.world.jobCount
                return try self.list(.backupJobSessions, ScaledIndices(start: index, stride: self.world.jobCount, count: count), query)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    private func all(_ collection: Collection) -> ScaledIndices {
        ScaledIndices(start: 0, stride: 1, count: collection == .jobs ? self.world.jobCount : self.world.scale)
    }

    private func index(_ collection: Collection, _ id: Substring) -> Int? {
        guard let parsed = ScaledID.parse(String(id)), parsed.kind == collection.idKind,
            parsed.index < self.all(collection).count
        else { return nil }
        return parsed.index
    }

    private func entity(_ collection: Collection, _ index: Int) -> any SimulatedEntity {
        switch collection {
        case .backupJobSessions: self.world.backupJobSession(index)
        case .backupTaskSessions: self.world.backupTaskSession(index)
        case .jobs: self.world.job(index)
        case .restorePoints: self.world.restorePoint(index)
        }
    }

    /// A plain collection: `EntityReferences` of `Ref`s, or the plural root with `?format=Entity`.
    private func list(_ collection: Collection, _ indices: ScaledIndices, _ query: QueryParameters) throws -> Response {
        let format = try SimulatorResponder.Format(query)
        let root = format == .entity ? collection.kind.listRoot : "EntityReferences"
        return ScaledListBody.response(
            indices: indices,
            open: { $0.start(root, attributeList: [], namespacesFirst: .em) },
            item: self.itemWriter(collection, entity: format == .entity),
            close: { $0.end() })
    }

    /// A query result: `<QueryResult>` with `<Refs>` or `<Entities><Plural>`, and `<PagingInfo>` when paged.
    private func queryResult(_ collection: Collection, _ query: QueryParameters) throws -> Response {
        let entities: Bool
        switch query["format"]?.lowercased() {
        case nil, "refs": entities = false
        case "entities": entities = true
        case let other?: throw SimulatorError(.badRequest, "Invalid format [\(other)]. Supported values: Refs, Entities.")
        }
        let all = self.all(collection)
        let paging = try ScaledPaging(query, total: all.count)
        let indices = paging.map { all.page($0.page, size: $0.pageSize) } ?? all
        let hrefs = self.context.hrefs
        let type = query["type"] ?? ""
        return ScaledListBody.response(
            indices: indices,
            open: { xml in
                xml.start("QueryResult", attributeList: [], namespacesFirst: .em)
                if entities {
                    xml.start("Entities")
                    xml.start(collection.kind.listRoot)
                } else {
                    xml.start("Refs")
                }
            },
            item: self.itemWriter(collection, entity: entities),
            close: { xml in
                xml.end()
                if entities { xml.end() }
                paging?.write(&xml, hrefs: hrefs, type: type, format: entities ? "Entities" : "Refs")
                xml.end()
            })
    }

    private func itemWriter(_ collection: Collection, entity: Bool) -> @Sendable (inout XMLWriter, Int) -> Void {
        let world = self.world
        let context = self.context
        return { xml, index in
            let item: any SimulatedEntity =
                switch collection {
                case .backupJobSessions: world.backupJobSession(index)
                case .backupTaskSessions: world.backupTaskSession(index)
                case .jobs: world.job(index)
                case .restorePoints: world.restorePoint(index)
                }
            if entity {
                Representation.writeEntity(item, to: &xml, context, asRoot: false)
            } else {
                Representation.writeReference(item, to: &xml, context, asRoot: false)
            }
        }
    }
}
