import EMSchema
import EMTranslate
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns a client's JSON request body into the XML EM expects, in schema order.
///
/// The operation (method, path template, `?action=`) picks the request type from the OpenAPI
/// contract; `JSONToXMLWriter` writes the root element, elements in schema order, attributes,
/// and drops `null`s and read-only members (F29). XML bodies pass through unchanged (F25);
/// other media types (and an empty body) pass as they are. A body that is malformed JSON, does
/// not fit the request type, or is sent to an operation that takes none is refused with `400`
/// naming the fault, and nothing is forwarded.
struct RequestBodyTranslator: Sendable {
    let writer: JSONToXMLWriter

    /// The body and content type to send EM.
    /// - Parameters:
    ///   - body: the client's body, if any.
    ///   - request: the client's request (method, path, `action`, `Content-Type`).
    /// - Returns: the upstream body and the `Content-Type` to send with it (`nil` keeps the client's).
    /// - Throws: ``GatewayError`` `.badRequest` for a JSON body that cannot become EM's XML.
    func translate(_ body: ByteBuffer?, for request: Request) throws -> (body: ByteBuffer?, contentType: String?) {
        guard let body, MediaNegotiation.isJSON(request.headers[.contentType]) else { return (body, nil) }
        let path = request.uri.path
        let action = request.uri.queryParameters["action"].map(String.init)
        let model = writer.schema.model
        guard let operation = model.operation(method: request.method.rawValue, path: path, action: action) else {
            throw GatewayError(
                .badRequest, status: .badRequest,
                message: "The gateway knows no documented EM operation \(request.method.rawValue) \(path)"
                    + (action.map { "?action=\($0)" } ?? "") + " that takes a JSON body; send XML to pass it through unchanged.")
        }
        guard let type = operation.requestType else {
            throw GatewayError(
                .badRequest, status: .badRequest,
                message: "\(request.method.rawValue) \(operation.pathTemplate)\(action.map { "?action=\($0)" } ?? "") takes no request body.")
        }
        do {
            let xml = try writer.write(json: body.readableBytesView, type: type, element: operation.requestRootElement)
            return (ByteBuffer(bytes: xml), "application/xml; charset=utf-8")
        } catch let error as TranslateError {
            throw GatewayError(.badRequest, status: .badRequest, message: "The JSON body cannot become EM's XML: \(error.message)")
        }
    }
}
