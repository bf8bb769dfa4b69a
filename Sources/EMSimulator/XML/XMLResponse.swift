import Hummingbird

/// Builds responses with XML bodies.
///
/// Ordinary bodies go out in one buffer with `Content-Length`. A list whose XML grows past
/// ``streamingThreshold`` is streamed instead (chunked): the part written so far is sent,
/// then each further chunk as it fills, so memory stays flat for lists of any size.
enum XMLResponse {
    /// `application/xml; charset=utf-8`, as EM labels its XML.
    static let contentType = "application/xml; charset=utf-8"
    /// Size above which a list is streamed (chunked) rather than sent with `Content-Length`: 1 MiB.
    static let streamingThreshold = 1 << 20
    /// Size of each streamed chunk: 64 KiB.
    static let chunkSize = 64 << 10

    /// A response with a whole XML document.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - headers: extra headers.
    ///   - write: writes the root element (the declaration is written first).
    /// - Returns: the response, with `Content-Type` and `Content-Length`.
    static func document(
        _ status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:],
        _ write: (inout XMLWriter) -> Void
    ) -> Response {
        var xml = XMLWriter()
        xml.declaration()
        write(&xml)
        return Self.response(status, headers, ResponseBody(byteBuffer: xml.takeBytes()))
    }

    /// A response with a list document: a root element holding one element per item.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - items: the items, written in order.
    ///   - open: opens the root element (the declaration is written first).
    ///   - item: writes one item.
    ///   - close: closes the document after the last item (default: closes the root); a
    ///     `QueryResult` closes its list, then writes `PagingInfo`.
    /// - Returns: the response; streamed when the XML exceeds ``streamingThreshold``.
    static func list<Item: Sendable>(
        _ status: HTTPResponse.Status = .ok,
        items: [Item],
        open: (inout XMLWriter) -> Void,
        item: @escaping @Sendable (inout XMLWriter, Item) -> Void,
        close: @escaping @Sendable (inout XMLWriter) -> Void = { $0.end() }
    ) -> Response {
        var xml = XMLWriter()
        xml.declaration()
        open(&xml)
        var index = items.startIndex
        while index < items.endIndex, xml.pendingBytes < Self.streamingThreshold {
            item(&xml, items[index])
            index += 1
        }
        if index == items.endIndex {
            close(&xml)
            return Self.response(status, [:], ResponseBody(byteBuffer: xml.takeBytes()))
        }
        let head = xml.takeBytes()
        let rest = items[index...]
        let state = xml
        let body = ResponseBody { writer in
            var xml = state
            try await writer.write(head)
            for element in rest {
                item(&xml, element)
                if xml.pendingBytes >= Self.chunkSize {
                    try await writer.write(xml.takeBytes())
                }
            }
            close(&xml)
            try await writer.write(xml.takeBytes())
            try await writer.finish(nil)
        }
        return Self.response(status, [:], body)
    }

    /// An EM `<Error>` response.
    /// - Parameters:
    ///   - error: the error.
    ///   - headers: extra headers (`WWW-Authenticate`, `Allow`).
    /// - Returns: the response with the error's status.
    static func error(_ error: SimulatorError, headers: HTTPFields = [:]) -> Response {
        Self.document(error.status, headers: headers) { EMDocuments.error(error, &$0) }
    }

    private static func response(_ status: HTTPResponse.Status, _ headers: HTTPFields, _ body: ResponseBody) -> Response {
        var headers = headers
        headers[.contentType] = Self.contentType
        return Response(status: status, headers: headers, body: body)
    }
}
