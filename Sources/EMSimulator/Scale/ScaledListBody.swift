import Hummingbird
import NIOCore

/// Indices into a scaled collection: `start`, `start + stride`, ... (`count` of them).
struct ScaledIndices: Sendable {
    let start: Int
    let stride: Int
    let count: Int

    /// The `position`-th index.
    func callAsFunction(_ position: Int) -> Int { self.start + position * self.stride }

    /// Page `page` (1-based) of `size` items; empty past the end.
    func page(_ page: Int, size: Int) -> ScaledIndices {
        let first = min(self.count, (page - 1) * size)
        return ScaledIndices(start: self(first), stride: self.stride, count: min(size, self.count - first))
    }
}

/// A streamed XML list: the document is generated chunk by chunk while the client reads it
/// (chunked transfer coding), so memory stays flat for a list of any length. Each write waits
/// for the connection to take the previous chunk (Hummingbird's writer applies backpressure).
enum ScaledListBody {
    /// Size of each chunk handed to the connection: 64 KiB.
    static let chunkSize = 64 << 10

    /// A `200 OK` whose body is generated as it is sent.
    /// - Parameters:
    ///   - indices: the items, in order.
    ///   - open: writes the elements before the first item (after the XML declaration).
    ///   - item: writes the item with the given index.
    ///   - close: writes the rest after the last item, closing every element.
    /// - Returns: the response, with `Content-Type` and no `Content-Length`.
    static func response(
        indices: ScaledIndices,
        open: @escaping @Sendable (inout XMLWriter) -> Void,
        item: @escaping @Sendable (inout XMLWriter, Int) -> Void,
        close: @escaping @Sendable (inout XMLWriter) -> Void
    ) -> Response {
        let body = ResponseBody { writer in
            var xml = XMLWriter(capacity: Self.chunkSize + 8192)
            xml.declaration()
            open(&xml)
            for position in 0..<indices.count {
                item(&xml, indices(position))
                if xml.pendingBytes >= Self.chunkSize {
                    try await writer.write(xml.takeBytes())
                }
            }
            close(&xml)
            try await writer.write(xml.takeBytes())
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: XMLResponse.contentType], body: body)
    }
}
