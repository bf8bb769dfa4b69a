import HTTPTypes
public import Hummingbird
import Logging

/// The outermost middleware: every error becomes a response in the shape of EM's `Error`.
///
/// ``GatewayError``s answer as themselves; Hummingbird's own `HTTPError`s (an unmatched route,
/// an oversize body) keep their status; anything else is logged at `.error` and answered `500`
/// without detail: libcurl's or libxml2's text never reaches a client.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            context.logger.debug("gateway error", metadata: ["em.error": .string(error.code.rawValue)])
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let message: String
            switch error.status {
            case .notFound: message = "No such resource on the gateway: only /api/... is forwarded to Enterprise Manager."
            case .contentTooLarge: message = "The request body is larger than the gateway accepts."
            default: message = error.body ?? error.status.reasonPhrase
            }
            return EMErrorBody.response(status: error.status, message: message, headers: error.headers, xml: Self.wantsXML(context))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("unexpected error", metadata: ["em.error": .string(String(describing: type(of: error)))])
            return EMErrorBody.response(
                status: .internalServerError, message: "The gateway failed to handle the request.", xml: Self.wantsXML(context))
        }
    }

    /// Whether the client negotiated EM's XML (the gateway's errors then follow it).
    static func wantsXML(_ context: Context) -> Bool {
        (context as? GatewayRequestContext)?.resolved.representation.isXML ?? false
    }
}
