/// The parameters of one `GET /api/query` (`query_service.md`, `format.md`, `sortasc_sortdesc.md`,
/// `pagesize_and_page.md`, `filter.md`), checked.
struct QueryRequest: Sendable {
    /// What the result lists.
    enum Format: Sendable, Equatable {
        /// `format=Refs` or none: `<Refs>`.
        case references
        /// `format=Entities` (or `Entity`): `<Entities>`.
        case entities
    }

    /// A sort order.
    struct Sort: Sendable {
        let field: QueryField
        let descending: Bool
    }

    /// The page size when the request gives none; EM answers `PageSize="100"` then.
    static let defaultPageSize = 100

    let type: QueryType
    let format: Format
    let filter: CompiledFilter?
    let sort: Sort?
    let pageSize: Int
    let page: Int

    /// Reads and checks the parameters.
    /// - Parameter query: the decoded query parameters.
    /// - Throws: `SimulatorError` `.badRequest` when `type` is missing or unknown, `format` is
    ///   not `Refs`/`Entities`/`Entity`, the filter does not parse or names a field the type
    ///   lacks, a sort field is unknown, or `pageSize`/`page` is not a positive integer.
    init(_ query: QueryParameters) throws {
        guard let typeName = query["type"], !typeName.isEmpty else {
            throw SimulatorError(.badRequest, "The query type is not specified. Use /query?type=<QueryType>.")
        }
        guard let type = QueryCatalog.type(named: typeName) else {
            throw SimulatorError(.badRequest, "Query type [\(typeName)] is not supported.")
        }
        self.type = type
        switch query["format"]?.lowercased() {
        case nil, "refs": self.format = .references
        case "entities", "entity": self.format = .entities
        case .some:
            throw SimulatorError(.badRequest, "Invalid format [\(query["format"] ?? "")]. Supported values: Refs, Entities.")
        }
        if let text = query["filter"], !text.isEmpty {
            self.filter = try FilterParser.parse(text).compile(for: type)
        } else {
            self.filter = nil
        }
        self.sort = try Self.sort(query, type)
        self.pageSize = try Self.positive(query, "pageSize") ?? Self.defaultPageSize
        self.page = try Self.positive(query, "page") ?? 1
    }

    /// The resources of a result page, and the page count.
    /// - Parameters:
    ///   - store: the data.
    ///   - context: hrefs and data, for the resources' query values.
    /// - Returns: the page's resources and the number of pages (at least 1).
    func run(_ store: EntityStore, _ context: RenderContext) -> (items: [any SimulatedEntity], pagesCount: Int) {
        var matches: [(entity: any SimulatedEntity, values: [String: String])] = []
        for kind in self.type.kinds {
            for entity in store.all(kind) {
                let values = entity.queryValues(context)
                if self.filter?.matches(values) ?? true { matches.append((entity, values)) }
            }
        }
        if let sort = self.sort {
            let keyed = matches.enumerated().map {
                ($0.offset, $0.element, $0.element.values[sort.field.key].flatMap(sort.field.key(for:)))
            }
            matches = keyed.sorted { left, right in
                if left.2 == right.2 { return left.0 < right.0 }
                guard let leftKey = left.2 else { return !sort.descending }
                guard let rightKey = right.2 else { return sort.descending }
                return sort.descending ? leftKey > rightKey : leftKey < rightKey
            }.map(\.1)
        }
        let pagesCount = max(1, (matches.count + self.pageSize - 1) / self.pageSize)
        let start = min(matches.count, (self.page - 1) * self.pageSize)
        let end = min(matches.count, start + self.pageSize)
        return (matches[start..<end].map(\.entity), pagesCount)
    }

    private static func sort(_ query: QueryParameters, _ type: QueryType) throws -> Sort? {
        for (parameter, descending) in [("sortAsc", false), ("sortDesc", true)] {
            guard let name = query[parameter] else { continue }
            guard let field = type.field(named: name) else {
                throw SimulatorError(.badRequest, "Sort field [\(name)] is not supported for query type [\(type.name)].")
            }
            return Sort(field: field, descending: descending)
        }
        return nil
    }

    private static func positive(_ query: QueryParameters, _ name: String) throws -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text), value > 0 else {
            throw SimulatorError(.badRequest, "Invalid value [\(text)] of parameter [\(name)]: a positive integer is expected.")
        }
        return value
    }
}
