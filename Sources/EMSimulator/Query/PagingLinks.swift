/// Builds the `First`/`Previous`/`Next`/`Last` links of a `QueryResult`'s `PagingInfo` as real
/// EM does (samples of EM 9.5, 10 and 12 answers):
///
/// - the request's parameters in the order sent, names as sent;
/// - `pageSize` and `page` replaced where they stand, else appended in that order;
/// - every value re-encoded as .NET's `HttpUtility.UrlEncode` does: lower-case `%xx`, a space
///   as `+`, and `-_.!*()` left as they are. So `filter=(Name=="Test REST")` comes back as
///   `filter=(Name%3d%3d%22Test+REST%22)`.
///
/// ```swift
/// PagingLinks.href(parameters, pageSize: 1, page: 2) // "query?type=backupServer&pageSize=1&page=2"
/// ```
enum PagingLinks {
    /// The paging links of a result.
    /// - Parameters:
    ///   - parameters: the request's decoded parameters, in order.
    ///   - pageSize: the page size in effect.
    ///   - page: the page answered.
    ///   - pagesCount: the number of pages (at least 1).
    /// - Returns: `First`, `Previous` (past page 1), `Next` (before the last page), `Last`; hrefs
    ///   are paths under `/api/`.
    static func links(
        _ parameters: [(name: String, value: String)], pageSize: Int, page: Int, pagesCount: Int
    ) -> [Link] {
        var links = [Link("First", nil, Self.href(parameters, pageSize: pageSize, page: 1))]
        if page > 1 {
            links.append(Link("Previous", nil, Self.href(parameters, pageSize: pageSize, page: min(page - 1, pagesCount))))
        }
        if page < pagesCount {
            links.append(Link("Next", nil, Self.href(parameters, pageSize: pageSize, page: page + 1)))
        }
        links.append(Link("Last", nil, Self.href(parameters, pageSize: pageSize, page: pagesCount)))
        return links
    }

    /// The path and query of one page.
    /// - Parameters:
    ///   - parameters: the request's decoded parameters, in order.
    ///   - pageSize: the page size.
    ///   - page: the page.
    /// - Returns: `query?...`.
    static func href(_ parameters: [(name: String, value: String)], pageSize: Int, page: Int) -> String {
        var pairs: [(String, String)] = []
        var sawSize = false
        var sawPage = false
        for (name, value) in parameters {
            switch name.lowercased() {
            case "pagesize":
                pairs.append((name, String(pageSize)))
                sawSize = true
            case "page":
                pairs.append((name, String(page)))
                sawPage = true
            default:
                pairs.append((name, value))
            }
        }
        if !sawSize { pairs.append(("pageSize", String(pageSize))) }
        if !sawPage { pairs.append(("page", String(page))) }
        return "query?" + pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// Encodes text as .NET's `HttpUtility.UrlEncode`.
    /// - Parameter text: the text.
    /// - Returns: the encoded text.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"):
                bytes.append(byte)
            case UInt8(ascii: " "):
                bytes.append(UInt8(ascii: "+"))
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
