import EMSchema
import EMTranslate
import HTTPTypes
import Hummingbird
import NIOCore

/// The pipeline's body stage: reads the client's body within the limit and turns a JSON body
/// into the XML EM expects, in schema order.
///
/// The matched operation (method, path template, `?action=`) picks the request type from the
/// OpenAPI contract; `JSONToXMLWriter` writes the root element, elements in schema order,
/// attributes, and drops `null`s and read-only members. XML bodies pass through unchanged;
/// other media types (and an empty body) pass as they are. A body that is malformed JSON, does
/// not fit the request type, or is sent to an operation that takes none is refused with `400`
/// naming the fault, and nothing is forwarded.
struct RequestBodyTranslator: Sendable {
    let writer: JSONToXMLWriter
    /// Largest request body accepted, in bytes.
    let limit: Int

    /// Reads the client's body.
    ///
    /// A request with neither `Content-Length` nor `Transfer-Encoding` has no content (RFC 9112
    /// §6.3): nothing to wait for, which is every `GET`.
    /// - Parameter request: the client's request.
    /// - Returns: the body, or `nil` when it is empty.
    /// - Throws: ``GatewayError`` `.payloadTooLarge` (`413`) past the limit.
    func collect(_ request: Request) async throws -> ByteBuffer? {
        let length = request.headers.combinedValue(.contentLength)
        if (length == nil && request.headers.combinedValue(.transferEncoding) == nil) || length == "0" { return nil }
        if let length = length.flatMap(Int.init), length > limit { throw Self.tooLarge(limit) }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(limit)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(limit)
        }
        return buffer.readableBytes > 0 ? buffer : nil
    }

    /// The body and content type to send EM.
    /// - Parameters:
    ///   - body: the client's body, if any.
    ///   - request: the client's request (method, path, `Content-Type`).
    ///   - resolved: the request's resolved facts (the matched operation and its action).
    /// - Returns: the upstream body and the `Content-Type` to send with it (`nil` keeps the client's).
    /// - Throws: ``GatewayError`` `.badRequest` for a JSON body that cannot become EM's XML.
    func translate(
        _ body: ByteBuffer?, for request: Request, _ resolved: ResolvedRequest
    ) throws -> (body: ByteBuffer?, contentType: String?) {
        guard let body, MediaNegotiation.isJSON(request.headers.combinedValue(.contentType)) else { return (body, nil) }
        let action = resolved.action
        guard let operation = resolved.operation else {
            throw GatewayError(
                .badRequest, status: .badRequest,
                message: "The gateway knows no documented EM operation \(request.method.rawValue) \(request.uri.path)"
                    + (action.map { "?action=\($0)" } ?? "") + " that takes a JSON body; send XML to pass it through unchanged.")
        }
        guard let type = operation.requestType else {
            throw GatewayError(
                .badRequest, status: .badRequest,
                message:
                    "\(request.method.rawValue) \(operation.pathTemplate)\(action.map { "?action=\($0)" } ?? "") takes no request body.")
        }
        do {
            let xml = try writer.writeBuffer(json: body.readableBytesView, type: type, element: operation.requestRootElement)
            return (xml, "application/xml; charset=utf-8")
        } catch let error as TranslateError {
            throw GatewayError(.badRequest, status: .badRequest, message: "The JSON body cannot become EM's XML: \(error.message)")
        }
    }

    private static func tooLarge(_ limit: Int) -> GatewayError {
        GatewayError(
            .payloadTooLarge, status: .contentTooLarge, message: "The request body is larger than the gateway's limit of \(limit) bytes.")
    }
}
