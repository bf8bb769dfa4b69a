import EMTranslate
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An error the gateway raises itself, answered in the shape of EM's own `Error` so that a
/// client needs one error path: `{"Message": …, "StatusCode": 502, "Status": "BadGateway"}`
/// (with EM's other `Error` members as `null` in the native dialect).
///
/// Nothing is forwarded upstream for a request refused with one of these.
public struct GatewayError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// Stable reasons, usable as metric labels.
    public enum Code: String, Sendable {
        case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, notAcceptable, payloadTooLarge, tooManyRequests
        case upstreamUnavailable, upstreamTimeout, badUpstreamResponse, shuttingDown, internalError
        /// The client went away before its answer was ready (never sent; for logs and metrics).
        case clientClosedRequest
    }

    /// The reason.
    public let code: Code
    /// The HTTP status answered.
    public let status: HTTPResponse.Status
    /// The message shown to the client. Never carries libcurl or libxml2 text, which could name
    /// internal hosts or paths.
    public let message: String
    /// Extra response header fields (`Retry-After`, `Allow`).
    public let headers: HTTPFields

    /// Creates an error.
    /// - Parameters:
    ///   - code: the reason.
    ///   - status: the HTTP status.
    ///   - message: the client-facing message.
    ///   - headers: extra response header fields.
    public init(_ code: Code, status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) {
        self.code = code
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(code.rawValue) (\(status.code)): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let xml = (context as? GatewayRequestContext)?.resolved.representation.isXML ?? false
        return EMErrorBody.response(status: status, message: message, headers: headers, xml: xml)
    }
}

/// EM's `Error` representation as JSON, for errors that do not come from EM.
enum EMErrorBody {
    /// .NET's `HttpStatusCode` names, which EM's `Status` member carries.
    static func statusName(_ code: Int) -> String {
        switch code {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 406: "NotAcceptable"
        case 408: "RequestTimeout"
        case 413: "RequestEntityTooLarge"
        case 415: "UnsupportedMediaType"
        case 429: "TooManyRequests"
        case 499: "ClientClosedRequest"
        case 500: "InternalServerError"
        case 501: "NotImplemented"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        default: "Status\(code)"
        }
    }

    static func json(status: HTTPResponse.Status, message: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString("{\"FirstChanceExceptionMessage\":null,\"Message\":")
        buffer.writeString(JSONStringLiteral.quoted(message))
        buffer.writeString(",\"StackTrace\":null,\"Status\":\"\(statusName(status.code))\",\"StatusCode\":\(status.code)}")
        return buffer
    }

    /// EM's XML `Error` element, as EM answers an XML client:
    /// `<Error Message="…" StatusCode="502" xmlns="http://www.veeam.com/ent/v1.0"/>`.
    static func xml(status: HTTPResponse.Status, message: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Error Message=\"")
        buffer.writeString(message.replacingHTMLSpecials())
        buffer.writeString(
            "\" StatusCode=\"\(status.code)\" xmlns=\"http://www.veeam.com/ent/v1.0\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" />")
        return buffer
    }

    /// The gateway's own error as a response, in EM's JSON `Error` shape or, for a client that
    /// negotiated XML, EM's XML `Error`.
    static func response(status: HTTPResponse.Status, message: String, headers extra: HTTPFields = [:], xml asXML: Bool = false) -> Response
    {
        let body = asXML ? xml(status: status, message: message) : json(status: status, message: message)
        var headers = extra
        headers[.contentType] = asXML ? "application/xml; charset=utf-8" : "application/json; charset=utf-8"
        headers[.vary] = "Accept"
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}

extension GatewayError {
    /// Refuses an EM answer whose status cannot be relayed as a final response.
    ///
    /// A final status is `200`–`599` (RFC 9110 §15): a `1xx` that reached the gateway as EM's
    /// answer (for instance `101 Switching Protocols` when no upgrade was asked for, which would
    /// leave the client waiting on a switched connection) or a code past `599` is not one.
    /// Nothing of such an answer is forwarded; its body is dropped, which aborts the transfer.
    /// - Parameter status: EM's status code.
    /// - Throws: ``GatewayError`` `badUpstreamResponse` (`502`) when `status` is not a final status.
    static func checkFinalStatus(_ status: Int) throws {
        guard (200...599).contains(status) else {
            throw GatewayError(
                .badUpstreamResponse, status: .badGateway,
                message: "Enterprise Manager answered with status \(status), which is not a final HTTP status.")
        }
    }
}
