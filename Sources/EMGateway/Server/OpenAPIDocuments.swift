import EMContract
import EMTranslate
import NIOCore
import Synchronization

/// The OpenAPI contract as the gateway serves it: every ``ContractRendition`` (`/openapi.yaml`,
/// `/openapi.json`, `/openapi-3.1.yaml`, `/openapi-3.1.json`), with `servers` set to the gateway's
/// public URL.
///
/// The renditions are produced from `openapi/em-gateway.yaml` when the gateway is built, the same
/// document the converter's model is compiled from, so the published contract and the running
/// behaviour cannot drift apart. Serving one joins its two halves around the quoted URL: nothing
/// is parsed. Built on first request per public base URL and cached.
final class OpenAPIDocuments: Sendable {
    // Safe as a Mutex: built once per public base URL, read by every later request.
    private let cache = Mutex<(base: String, documents: [ContractRendition: ByteBuffer])?>(nil)

    init() {}

    /// One rendition, its `servers` URL the request's public base URL.
    /// - Parameters:
    ///   - rendition: which document.
    ///   - base: the public base URL the request's links point at.
    /// - Returns: its bytes.
    func document(_ rendition: ContractRendition, publicBaseURL base: String) -> ByteBuffer {
        if let cached = cache.withLock({ $0 }), cached.base == base, let document = cached.documents[rendition] {
            return document
        }
        let url = JSONStringLiteral.quoted(base)
        var documents: [ContractRendition: ByteBuffer] = [:]
        for each in ContractRendition.allCases {
            var buffer = ByteBuffer()
            buffer.reserveCapacity(each.head.utf8.count + url.utf8.count + each.tail.utf8.count)
            buffer.writeString(each.head)
            buffer.writeString(url)
            buffer.writeString(each.tail)
            documents[each] = buffer
        }
        cache.withLock { $0 = (base, documents) }
        return documents[rendition] ?? ByteBuffer()
    }
}
