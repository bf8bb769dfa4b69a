import Hummingbird

extension SimulatorResponder {
    /// `GET /api/query?type=<Type>[&format=...][&filter=...][&sortAsc|sortDesc=...][&pageSize=...&page=...]`.
    ///
    /// Answers `<QueryResult>` with `<Refs><Ref/>...</Refs>`, `<Entities><Root><Item/>...</Root></Entities>`
    /// or, for types without references, `<Resources><Root>...</Root></Resources>`, then
    /// `<PagingInfo PageNum PageSize PagesCount>` with its links (``PagingLinks``). An empty
    /// result still has one page.
    /// - Parameter query: the decoded query parameters.
    /// - Returns: the result (streamed when large).
    /// - Throws: `SimulatorError` `.badRequest` as ``QueryRequest/init(_:)`` lists.
    func queryService(_ query: QueryParameters) throws -> Response {
        let request = try QueryRequest(query)
        let context = self.renderContext
        let (items, pagesCount) = request.run(self.store, context)
        let paging = PagingLinks.links(query.pairs, pageSize: request.pageSize, page: request.page, pagesCount: pagesCount)
        let wrappers: [String]
        let asReferences: Bool
        switch (request.type.container, request.format) {
        case (.entities, .references):
            (wrappers, asReferences) = (["Refs"], true)
        case (.entities(let root), .entities):
            (wrappers, asReferences) = (["Entities", root], false)
        case (.resources(let root), _):
            (wrappers, asReferences) = (["Resources", root], false)
        }
        let pageNumber = request.page
        let pageSize = request.pageSize
        return XMLResponse.list(
            items: items,
            open: { xml in
                xml.start("QueryResult", attributeList: [], namespacesFirst: .emWithSchemaPrefixes)
                for wrapper in wrappers { xml.start(wrapper) }
            },
            item: { xml, entity in
                if asReferences {
                    Representation.writeReference(entity, to: &xml, context, asRoot: false)
                } else {
                    // RestAPI.xsd's entity list types name some items apart (`VmReplicaPoints/VmRestorePoint`).
                    Representation.writeEntity(entity, to: &xml, context, asRoot: false, element: entity.kind.listItem)
                }
            },
            close: { xml in
                for _ in wrappers { xml.end() }
                xml.start(
                    "PagingInfo",
                    [
                        "PageNum": String(pageNumber), "PageSize": String(pageSize), "PagesCount": String(pagesCount),
                    ])
                xml.links(paging.map { context.hrefs.resolve($0) })
                xml.end()
                xml.end()
            })
    }
}
