import EMSchema
import EMTranslate
import EMUpstream
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Forwards one client request to EM and translates the answer.
///
/// The path and query go up byte for byte (F13, F14, F24) under the configured EM base; EM
/// answers unknown paths itself. EM is always asked for `application/xml`; XML answers become
/// JSON (or stay XML when the client asks for it), other answers pass through untouched (F28).
final class Proxy: Sendable {
    let configuration: GatewayConfiguration
    let upstream: UpstreamClient
    let schema: TranslationSchema
    let limiter: ConcurrencyLimiter
    let throttle: LogonThrottle
    let metrics: GatewayMetrics
    let requestBodies: RequestBodyTranslator
    let linkAttributeNames: Set<String>
    /// The gateway's own EM session in service-account mode; `nil` in pass-through mode.
    let serviceAccount: ServiceAccount?
    // Safe as a Mutex: written once when the server is bound, read by every request after that.
    private let publicBase = Mutex<LinkRewriter?>(nil)

    init(
        configuration: GatewayConfiguration, upstream: UpstreamClient, schema: TranslationSchema, metrics: GatewayMetrics,
        serviceAccount: ServiceAccount? = nil
    ) {
        self.serviceAccount = serviceAccount
        self.metrics = metrics
        self.requestBodies = RequestBodyTranslator(writer: JSONToXMLWriter(schema: schema))
        self.linkAttributeNames = schema.linkAttributeNames
        self.configuration = configuration
        self.upstream = upstream
        self.schema = schema
        self.limiter = ConcurrencyLimiter(limit: configuration.maxConcurrentUpstreamRequests)
        self.throttle = LogonThrottle(maxFailures: configuration.maxFailedLogons, window: configuration.failedLogonWindow)
        if let base = configuration.publicBaseURL { publicBase.withLock { $0 = LinkRewriter(publicBaseURL: base) } }
    }

    /// Records the bound port, fixing the default public base URL.
    func serverBound(port: Int) {
        publicBase.withLock { base in
            if base == nil { base = LinkRewriter(publicBaseURL: configuration.resolvedPublicBaseURL(boundPort: port)) }
        }
    }

    var rewriter: LinkRewriter {
        publicBase.withLock { $0 } ?? LinkRewriter(publicBaseURL: configuration.resolvedPublicBaseURL(boundPort: configuration.port))
    }

    func forward(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let target = request.uri.string
        try RequestTarget.validate(target)
        if request.method == .connect || request.method == .trace {
            throw GatewayError(
                .methodNotAllowed, status: .methodNotAllowed, message: "\(request.method.rawValue) is not forwarded to Enterprise Manager.")
        }
        if let tokens = configuration.serviceAccount?.tokens {
            _ = try authenticateBearer(request, context: context, tokens: tokens)
        }
        if request.method == .options, let allowed = allowedMethods(for: request.uri.path) {
            return Response(status: .noContent, headers: [.allow: allowed])
        }
        let isLogon = serviceAccount == nil && request.method == .post && SessionCookie.isLogon(request.uri.path)
        if isLogon, let seconds = throttle.retryAfter(for: context.clientAddress) {
            throw GatewayError(
                .tooManyRequests, status: .tooManyRequests, message: "Too many failed logons from this address; try again later.",
                headers: [.retryAfter: String(seconds)])
        }
        let (body, contentType) = try requestBodies.translate(try await collectBody(request), for: request)
        var headers = HeaderPolicy.upstreamHeaders(from: request.headers, hasBody: body != nil)
        if let contentType {
            headers.removeAll { $0.name.lowercased() == "content-type" }
            headers.append(UpstreamHeader(name: "Content-Type", value: contentType))
        }
        guard let permit = limiter.tryAcquire() else {
            throw GatewayError(
                .shuttingDown, status: .serviceUnavailable,
                message: "The gateway has \(limiter.limit) requests in flight to Enterprise Manager; try again shortly.",
                headers: [.retryAfter: "1"])
        }
        // HEAD goes up as GET so the headers describe the representation the gateway would send
        // (EM's XML length says nothing about the JSON's); the body is dropped (RFC 9110 §9.3.2).
        let upstreamRequest = UpstreamRequest(
            method: request.method == .head ? "GET" : request.method.rawValue,
            url: configuration.upstreamBaseURL + target,
            headers: headers,
            body: body)
        let answer: UpstreamResponse
        let start = ContinuousClock.now
        do {
            if let serviceAccount {
                answer = try await executeAsServiceAccount(upstreamRequest, account: serviceAccount, logger: context.logger)
            } else {
                answer = try await upstream.execute(upstreamRequest, logger: context.logger)
            }
            metrics.upstream(route: context.route, duration: ContinuousClock.now - start)
        } catch let error as UpstreamError {
            metrics.upstreamError(error.code)
            context.logger.log(
                level: error.code == .cancelled ? .debug : .warning,  // cancelled: the client left
                "upstream request failed", metadata: ["em.upstream.error": .string("\(error.code)"), "em.upstream.detail": .string(error.message)])
            throw GatewayError.upstream(error)
        }
        try GatewayError.checkFinalStatus(answer.status)
        if isLogon {
            if answer.status == 401 { throttle.recordFailure(for: context.clientAddress) }
            if (200..<300).contains(answer.status) { throttle.recordSuccess(for: context.clientAddress) }
        }
        return try await respond(to: request, with: answer, permit: permit, logger: context.logger)
    }

    private func collectBody(_ request: Request) async throws -> ByteBuffer? {
        // A request with neither Content-Length nor Transfer-Encoding has no content (RFC 9112
        // §6.3): nothing to wait for, which is every GET.
        let length = request.headers[.contentLength]
        if (length == nil && request.headers[.transferEncoding] == nil) || length == "0" { return nil }
        let limit = configuration.maxRequestBodyBytes
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

    private static func tooLarge(_ limit: Int) -> GatewayError {
        GatewayError(.payloadTooLarge, status: .contentTooLarge, message: "The request body is larger than the gateway's limit of \(limit) bytes.")
    }

    private func respond(
        to request: Request, with answer: UpstreamResponse, permit: ConcurrencyLimiter.Permit, logger: Logger
    ) async throws -> Response {
        let status = HTTPResponse.Status(code: answer.status)
        let rewriter = self.rewriter
        let bodyless = answer.status == 204 || answer.status == 304 || (100..<200).contains(answer.status)
        var translate = false
        var rewriteXML = false
        var dialect = configuration.dialect
        if !bodyless, MediaNegotiation.isXML(answer.header("Content-Type")) {
            switch MediaNegotiation.representation(for: request.headers, default: configuration.dialect) {
            case .json(let chosen):
                translate = true
                dialect = chosen
            case .xml:
                rewriteXML = true
            }
        }
        var headers = HeaderPolicy.clientHeaders(from: answer.headers, converted: translate, rewriter: rewriter)
        // The representation depends on Accept (JSON, compact JSON or XML): caches must key on it.
        if translate || rewriteXML { headers[.vary] = headers[.vary].map { "\($0), Accept" } ?? "Accept" }
        if rewriteXML, let etag = headers[.eTag], !etag.hasPrefix("W/") { headers[.eTag] = "W/" + etag }
        if serviceAccount != nil {
            Self.stripSessionToken(&headers)
        } else {
            SessionCookie.apply(
                to: &headers, token: (200..<300).contains(answer.status) ? answer.header("X-RestSvcSessionId") : nil,
                isLogoff: request.method == .delete && answer.status == 204 && SessionCookie.isLogonSession(request.uri.path),
                secure: configuration.secureCookies ?? rewriter.publicBaseURL.lowercased().hasPrefix("https:"))
        }
        if answer.status == 401, dropsChallenge(for: request.headers) { headers[.wwwAuthenticate] = nil }
        if bodyless {
            // No content, so no media type: a 304's XML type would contradict the JSON a GET
            // of the same resource answers (RFC 9110 §15.4.5 lists what a 304 carries).
            headers[.contentType] = nil
            return Response(status: status, headers: headers, body: ResponseBody())
        }
        let transform: ResponseBodyStreamer.Transform
        if translate {
            let converter = XMLToJSONConverter(
                schema: schema,
                configuration: .init(linkRewriter: rewriter, dialect: dialect, limits: configuration.xmlLimits))
            transform = .translate(converter)
            headers[.contentType] = "application/json; charset=utf-8"
        } else if rewriteXML {
            transform = .rewriteLinks(XMLLinkRewriter(
                rewriter: rewriter, attributeNames: linkAttributeNames, charset: XMLLinkRewriter.charset(ofContentType: headers[.contentType])))
            headers[.contentLength] = nil
        } else {
            transform = .passThrough(length: HeaderPolicy.passThroughLength(answer.headers))
        }
        let streamer = ResponseBodyStreamer(threshold: configuration.contentLengthThreshold)
        let metrics = self.metrics
        let (body, length) = try await streamer.makeBody(answer.body, transform: transform, headOnly: request.method == .head, permit: permit) { statistics, names in
            metrics.converted(statistics)
            if statistics.unknownNodes > 0 {
                logger.debug(
                    "elements the schema does not know, converted by plain rules",
                    metadata: [
                        "em.unknown.count": .stringConvertible(statistics.unknownNodes),
                        "em.unknown.names": .string(names.joined(separator: ",")),
                    ])
            }
        } onAborted: { error in
            // The status line already went out: the access log shows it, so say here that the
            // body was cut short, and count EM's failures with the others.
            if let error = error as? UpstreamError { metrics.upstreamError(error.code) }
            let reason = (error as? UpstreamError).map { "\($0.code)" } ?? (error as? TranslateError).map { $0.code.rawValue } ?? "client"
            logger.warning("response aborted mid-body", metadata: ["em.abort.reason": .string(reason)])
        }
        if let length { headers[.contentLength] = String(length) }
        if case .rewriteLinks(let links) = transform {
            // UTF-16 and ISO-8859-1 answers went out as UTF-8; other encodings pass as EM wrote them.
            if let charset = links.outputCharset { headers[.contentType] = XMLLinkRewriter.contentType(headers[.contentType], charset: charset) }
            if let encoding = links.untranscodedEncoding { logger.warning("XML answer passed in its own encoding", metadata: ["em.encoding": .string(encoding)]) }
        }
        // EM's empty body (a 200 or 201 with an XML type and no bytes) stays empty, and then it
        // is no JSON document either.
        if translate && length == 0 { headers[.contentType] = nil }
        if request.method == .head { return Response(status: status, headers: headers, body: ResponseBodyStreamer.headBody) }
        return Response(status: status, headers: headers, body: body)
    }
}

extension Proxy {
    /// The `Allow` value for a path the contract documents (RFC 9110 §9.3.7), or `nil`.
    func allowedMethods(for path: String) -> String? {
        let model = schema.model
        var methods = ["GET", "POST", "PUT", "DELETE", "PATCH"].filter { !model.operations(method: $0, path: path).isEmpty }
        guard !methods.isEmpty else { return nil }
        if methods.contains("GET") { methods.insert("HEAD", at: methods.firstIndex(of: "GET")! + 1) }
        return (methods + ["OPTIONS"]).joined(separator: ", ")
    }

    /// Whether EM's Basic challenge is dropped for this request (F23).
    func dropsChallenge(for fields: HTTPFields) -> Bool {
        switch configuration.challengePolicy {
        case .keep: false
        case .drop: true
        case .browsers: fields[.origin] != nil || fields[.init("X-Requested-With")!]?.lowercased() == "xmlhttprequest"
        }
    }
}

/// Sends every `/api...` request, whatever its method, through the ``Proxy``; everything else
/// goes on to the gateway's own routes.
struct ProxyMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let proxy: Proxy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard RequestTarget.isAPI(request.uri.path) || !request.uri.string.hasPrefix("/") else {
            return try await next(request, context)
        }
        return try await proxy.forward(request, context: context)
    }
}
