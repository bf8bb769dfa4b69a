/// The query service's paging (`pageSize`, `page`) for scaled collections, and the
/// `<PagingInfo>` EM writes for a paged answer.
struct ScaledPaging: Sendable {
    let pageSize: Int
    let page: Int
    let pagesCount: Int

    /// Reads `pageSize` and `page` (default 1).
    /// - Parameters:
    ///   - query: the query parameters.
    ///   - total: the number of items matched.
    /// - Returns: `nil` when `pageSize` is absent (the answer is unpaged).
    /// - Throws: `SimulatorError` `.badRequest` when either is not a positive integer.
    init?(_ query: QueryParameters, total: Int) throws {
        guard let sizeText = query["pageSize"] else { return nil }
        guard let size = Int(sizeText), size > 0 else {
            throw SimulatorError(.badRequest, "Invalid pageSize [\(sizeText)].")
        }
        let pageText = query["page"] ?? "1"
        guard let page = Int(pageText), page > 0 else {
            throw SimulatorError(.badRequest, "Invalid page [\(pageText)].")
        }
        self.pageSize = size
        self.page = page
        self.pagesCount = max(1, (total + size - 1) / size)
    }

    /// Writes `<PagingInfo>` with `First`, `Previous`, `Next` and `Last` links as they apply.
    /// - Parameters:
    ///   - xml: the writer, inside `<QueryResult>`.
    ///   - hrefs: the URL builder.
    ///   - type: the query's `type` as sent.
    ///   - format: `Entities` or `Refs`.
    func write(_ xml: inout XMLWriter, hrefs: HrefBuilder, type: String, format: String) {
        xml.start("PagingInfo", ["PageNum": String(self.page), "PageSize": String(self.pageSize), "PagesCount": String(self.pagesCount)])
        func link(_ rel: String, _ page: Int) -> Link {
            Link(rel, nil, hrefs.api("query?type=\(type)&format=\(format)&pageSize=\(self.pageSize)&page=\(page)"))
        }
        var links = [link("First", 1)]
        if self.page > 1 { links.append(link("Previous", min(self.page - 1, self.pagesCount))) }
        if self.page < self.pagesCount { links.append(link("Next", self.page + 1)) }
        links.append(link("Last", self.pagesCount))
        xml.links(links)
        xml.end()
    }
}
