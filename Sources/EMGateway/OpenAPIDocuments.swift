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
    private let publicBaseURL: @Sendable () -> String
    // Safe as a Mutex: built once per public base URL, read by every later request.
    private let cache = Mutex<(base: String, documents: [ContractRendition: ByteBuffer])?>(nil)

    init(publicBaseURL: @escaping @Sendable () -> String) { self.publicBaseURL = publicBaseURL }

    /// One rendition, its `servers` URL the current public base URL.
    /// - Parameter rendition: which document.
    /// - Returns: its bytes.
    func document(_ rendition: ContractRendition) -> ByteBuffer {
        let base = publicBaseURL()
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
