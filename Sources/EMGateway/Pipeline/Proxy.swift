import EMSchema
import EMTranslate
import EMUpstream
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Forwards one client request to EM and translates the answer: the gateway's request pipeline.
///
/// The stages, in the order a request meets them (each a type with one job):
///
/// 1. ``RequestResolver`` (before this, in ``RequestResolutionMiddleware``): what the request
///    is — destination, decoded path, EM operation, route label, client address, public base,
///    representation.
/// 2. ``RequestGates``: target, method, `Accept`, bearer token, logon throttle; `OPTIONS`.
/// 3. ``RequestBodyTranslator``: the body within its limit, JSON → EM's XML in schema order.
/// 4. ``UpstreamRequestBuilder``: EM's request, path and query byte for byte, header fields chosen.
/// 5. The read path, for `GET`: the EM identity of the request's session (``IdentityTable``,
///    ``IdentityResolver``) and ``Coalescer`` (identical `GET`s of one identity in flight share
///    one EM call); validators (``Validators``: a strong `ETag`, `304` to `If-None-Match`).
/// 6. ``UpstreamExchange``: the call to EM under the in-flight cap (the service account's
///    session in that mode).
/// 7. ``ResponseHeadPolicy``: every header field the client receives.
/// 8. ``ResponseBodyStreamer``: EM's body translated, link-rewritten or passed through, collected
///    whole up to a threshold, streamed past it.
final class Proxy: Sendable {
    let gates: RequestGates
    let bodies: RequestBodyTranslator
    let builder: UpstreamRequestBuilder
    let exchange: UpstreamExchange
    let heads: ResponseHeadPolicy
    let streamer: ResponseBodyStreamer
    let throttle: LogonThrottle
    let identities: IdentityTable
    let identityResolver: IdentityResolver
    let coalescer = Coalescer()
    /// The response cache; `nil` when turned off.
    let cache: ResponseCache?
    let ttlFactor: Double
    let serviceAccountMode: Bool
    let schema: TranslationSchema
    let metrics: GatewayMetrics
    let xmlLimits: XMLToJSONConverter.Limits
    let linkAttributeNames: Set<String>

    /// How recently EM must have accepted a request's own token for it to take another
    /// request's answer.
    static let joinWindow: Duration = .seconds(10)

    init(
        configuration: GatewayConfiguration, upstream: UpstreamClient, schema: TranslationSchema, metrics: GatewayMetrics,
        serviceAccount: ServiceAccount? = nil
    ) {
        let throttle = LogonThrottle(maxFailures: configuration.maxFailedLogons, window: configuration.failedLogonWindow)
        let model = schema.model
        self.throttle = throttle
        self.gates = RequestGates(throttle: throttle, bearerTokens: configuration.serviceAccount?.tokens) { path in
            let methods = ResolvedRequest.documentedMethods.filter { !model.operations(method: $0, path: path).isEmpty }
            return methods.isEmpty ? nil : ResponseHeadPolicy.allowValue(methods)
        }
        self.bodies = RequestBodyTranslator(writer: JSONToXMLWriter(schema: schema), limit: configuration.maxRequestBodyBytes)
        let builder = UpstreamRequestBuilder(baseURL: configuration.upstreamBaseURL)
        self.builder = builder
        self.exchange = UpstreamExchange(
            upstream: upstream, limiter: ConcurrencyLimiter(limit: configuration.maxConcurrentUpstreamRequests, metrics: metrics),
            metrics: metrics,
            serviceAccount: serviceAccount)
        self.heads = ResponseHeadPolicy(
            serviceAccount: serviceAccount != nil, secureCookies: configuration.secureCookies,
            challengePolicy: configuration.challengePolicy)
        self.streamer = ResponseBodyStreamer(threshold: configuration.contentLengthThreshold)
        let identities = IdentityTable()
        self.identities = identities
        self.identityResolver = IdentityResolver(builder: builder, upstream: upstream, identities: identities, metrics: metrics)
        self.serviceAccountMode = serviceAccount != nil
        self.cache = configuration.cache.enabled ? ResponseCache(maxBytes: configuration.cache.maxBytes) : nil
        self.ttlFactor = configuration.cache.ttlFactor
        self.schema = schema
        self.metrics = metrics
        self.xmlLimits = configuration.xmlLimits
        self.linkAttributeNames = schema.linkAttributeNames
    }

    /// Runs the pipeline for one `/api` request.
    /// - Parameters:
    ///   - request: the client's request.
    ///   - context: its context, holding the ``ResolvedRequest``.
    /// - Returns: the client's response.
    /// - Throws: ``GatewayError`` for every refusal and failure (the error middleware answers it).
    func forward(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let resolved = context.resolved
        let isLogon: Bool
        switch try gates.check(request, resolved) {
        case .answered(let response): return response
        case .forward(let logon): isLogon = logon
        }
        let (body, contentType) = try bodies.translate(try await bodies.collect(request), for: request, resolved)
        let upstreamRequest = builder.forward(
            method: request.method, target: request.uri.string, fields: request.headers, body: body, contentType: contentType)
        let token = serviceAccountMode ? nil : SessionToken.token(in: request.headers)
        let logger = context.logger
        let end = context.responseEnd
        func fetcher(_ origin: GatewayMetrics.UpstreamOrigin) -> Coalescer.Fetch {
            {
                try await self.fetch(
                    upstreamRequest, for: request, resolved, logon: isLogon ? body : nil, origin: origin,
                    end: origin == .client ? end : nil, logger: logger)
            }
        }
        let isRead = request.method == .get || request.method == .head
        guard isRead, let reader = await reader(token: token, logger: logger) else {
            let answer = try await fetcher(.client)()
            if let token { identities.answered(token: token, status: answer.status.code) }
            try await afterWrite(request, resolved, answer: answer, token: token, logger: logger)
            if isRead, cache != nil { metrics.cacheRequest(.bypass) }
            return respond(answer, cacheStatus: CacheStatus.bypass.rawValue, to: request, end: end)
        }
        let executor = EventLoopTaskExecutor(eventLoop: context.eventLoop)
        let key = flightKey(request, resolved, reader.identity)
        let directives = RequestCacheDirectives(request.headers)
        let maxAge = freshness(resolved)
        var cacheStatus = CacheStatus.miss.rawValue
        switch lookUpStored(request, key: key, reader: reader, maxAge: maxAge, directives: directives) {
        case .fresh(let response, _):
            metrics.cacheRequest(.hit)
            return response
        case .stale(let entry, let age):
            metrics.cacheRequest(.stale)
            refreshInBackground(key, maxAge: entry.maxAge, token: token, executor: executor, fetcher(.revalidate))
            return respond(
                Self.stored(entry, age: age), cacheStatus: CacheStatus.stale(ttl: Self.freshnessLeft(entry, age: age)), to: request)
        case .miss:
            metrics.cacheRequest(.miss)
        case .refused:
            metrics.cacheRequest(.bypass)
            cacheStatus = CacheStatus.request.rawValue
            if directives.noStore { cache?.drop(key) }
        case .notStored:
            if cache != nil { metrics.cacheRequest(.bypass) }
        }
        let answer: FetchedAnswer
        if request.method == .get {
            let mayJoin = vouches(for: reader, within: Self.joinWindow)
            let (fetched, collapsed) = try await coalescer.fetch(key: key, mayJoin: mayJoin, executor: executor, fetcher(.client))
            answer = fetched
            if collapsed {
                metrics.coalesced(route: resolved.route)
                cacheStatus = CacheStatus.collapsed.rawValue
            } else if let token {
                identities.answered(token: token, status: answer.status.code)
            }
        } else {
            answer = try await fetcher(.client)()
            if let token { identities.answered(token: token, status: answer.status.code) }
        }
        if resolved.route == "/api/tasks/{ID}", Self.showsFinishedTask(answer) { dropStored(of: reader.identity) }
        if let maxAge, !directives.noStore { store(answer, under: key, maxAge: maxAge) }
        return respond(answer, cacheStatus: cacheStatus, to: request, end: end)
    }

    /// Who a `GET` is read as: the service account's identity, or its token's (known, or resolved
    /// with EM once) with when EM last accepted the token; `nil` bypasses coalescing and the
    /// cache (no token, or EM does not confirm it).
    func reader(token: String?, logger: Logger) async -> IdentityTable.Entry? {
        if serviceAccountMode { return IdentityTable.Entry.serviceAccount }
        guard let token else { return nil }
        return await identityResolver.entry(of: token, logger: logger)
    }

    /// The EM identity of a request's session (``reader(token:logger:)``).
    func identity(token: String?, logger: Logger) async -> EMIdentity? {
        await reader(token: token, logger: logger)?.identity
    }

    /// Whether a reader may be given bytes EM sent for another request (a joined call, a stored
    /// answer): EM accepted its token within `window`, and it was not logged off since (a
    /// logoff forgets the token). The service account's session is the gateway's own.
    func vouches(for reader: IdentityTable.Entry, within window: Duration) -> Bool {
        serviceAccountMode || reader.isAccepted(within: window)
    }

    /// Stages 6 to 8 for one request: EM's answer, its header fields and its body.
    /// - Parameters:
    ///   - upstreamRequest: the request for EM.
    ///   - request: the client's request.
    ///   - resolved: its resolved facts.
    ///   - logonBody: for a pass-through logon, the body sent (its `LoginSpec` names the logon kind).
    ///   - origin: why EM is called (a client's request, or a background refresh).
    ///   - end: where a body streamed to the client reports how it ended; `nil` when no client
    ///     receives the body (a background refresh).
    ///   - logger: the request's logger.
    /// - Returns: the answer, with a strong `ETag` when it is a collected `200` to `GET`/`HEAD`.
    private func fetch(
        _ upstreamRequest: UpstreamRequest, for request: Request, _ resolved: ResolvedRequest, logon logonBody: ByteBuffer??,
        origin: GatewayMetrics.UpstreamOrigin, end: ResponseEnd?, logger: Logger
    ) async throws -> FetchedAnswer {
        let (answer, permit) = try await exchange.send(upstreamRequest, route: resolved.route, origin: origin, logger: logger)
        let isLogon = logonBody != nil
        if isLogon {
            if answer.status == 401 { throttle.recordFailure(for: resolved.clientAddress) }
            if (200..<300).contains(answer.status) { throttle.recordSuccess(for: resolved.clientAddress) }
        }
        let status = HTTPResponse.Status(code: answer.status)
        let treatment = heads.body(for: answer, representation: resolved.representation)
        var headers = heads.head(for: answer, body: treatment, method: request.method, fields: request.headers, resolved: resolved)
        let transform: ResponseBodyStreamer.Transform
        switch treatment {
        case .none:
            return FetchedAnswer(status: status, headers: headers, body: .collected(ByteBuffer()))
        case .translate(let dialect):
            transform = .translate(
                XMLToJSONConverter(schema: schema, configuration: .init(linkRewriter: resolved.links, dialect: dialect, limits: xmlLimits)))
        case .rewriteXML:
            transform = .rewriteLinks(
                XMLLinkRewriter(
                    rewriter: resolved.links, attributeNames: linkAttributeNames,
                    charset: XMLLinkRewriter.charset(ofContentType: headers.combinedValue(.contentType))))
        case .passThrough:
            transform = .passThrough(length: ResponseHeadPolicy.passThroughLength(answer.headers))
        }
        let metrics = self.metrics
        let logonSession = isLogon && (200..<300).contains(answer.status) ? LogonSessionCapture() : nil
        let produced = try await streamer.makeBody(
            answer.body, transform: transform, headOnly: request.method == .head, permit: permit, observe: logonSession?.append
        ) { statistics, names in
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
        } onEnded: { outcome in
            end?.ended(outcome)
        }
        if let logonSession, let token = answer.header(SessionToken.name),
            let user = EMIdentity.userName(inLogonSession: logonSession.bytes)
        {
            let version = request.uri.queryParameters["v"].map { $0.lowercased() } ?? ""
            let kind = EMIdentity.logonKind(body: (logonBody ?? nil).map { Array($0.readableBytesView) })
            identities.learn(token: token, identity: EMIdentity(kind: kind, userName: user, apiVersion: version))
        }
        if case .collected(let bytes) = produced, status == .ok, request.method == .get || request.method == .head {
            headers[.eTag] = Validators.entityTag(of: bytes, representation: resolved.representation, base: resolved.links.publicBaseURL)
            ResponseHeadPolicy.keepPrivate(&headers)
        }
        if case .rewriteLinks(let links) = transform {
            // UTF-16 and ISO-8859-1 answers went out as UTF-8; other encodings pass as EM wrote them.
            if let charset = links.outputCharset {
                headers[.contentType] = XMLLinkRewriter.contentType(headers.combinedValue(.contentType), charset: charset)
            }
            if let encoding = links.untranscodedEncoding {
                logger.warning("XML answer passed in its own encoding", metadata: ["em.encoding": .string(encoding)])
            }
        }
        switch produced {
        case .collected(let bytes): heads.complete(&headers, body: treatment, length: bytes.readableBytes)
        case .streaming(_, let length): heads.complete(&headers, body: treatment, length: length)
        }
        return FetchedAnswer(status: status, headers: headers, body: produced)
    }

    /// The client's response: `304` when its `If-None-Match` names the answer's `ETag`. A body
    /// that streams and goes to the client is marked on `end`, whose report then waits for it.
    func respond(_ answer: FetchedAnswer, cacheStatus: String, to request: Request, end: ResponseEnd? = nil) -> Response {
        var headers = answer.headers
        headers[CacheStatus.field] = cacheStatus
        let headOnly = request.method == .head
        if answer.status == .ok, let tag = headers.combinedValue(.eTag), request.method == .get || headOnly,
            Validators.ifNoneMatchMatches(request.headers, entityTag: tag)
        {
            headers[.contentType] = nil
            headers[.contentLength] = nil
            return Response(status: .notModified, headers: headers, body: ResponseBody())
        }
        switch answer.body {
        case .collected(let bytes):
            if headOnly { return Response(status: answer.status, headers: headers, body: ResponseBodyStreamer.headBody) }
            return Response(status: answer.status, headers: headers, body: ResponseBody(byteBuffer: bytes))
        case .streaming(let body, _):
            if headOnly { return Response(status: answer.status, headers: headers, body: ResponseBodyStreamer.headBody) }
            end?.streams()
            return Response(status: answer.status, headers: headers, body: body)
        }
    }
}

/// EM's `LogonSession` bytes as they arrive (small: a logon's answer), read for its `UserName`.
final class LogonSessionCapture: @unchecked Sendable {
    // Safe because only the request's own task appends (one chunk at a time) and reads after.
    private(set) var bytes: [UInt8] = []

    func append(_ chunk: ByteBuffer) {
        if bytes.count < 64 << 10 { bytes += chunk.readableBytesView }
    }
}

/// Sends every `/api...` request, whatever its method, through the ``Proxy``; everything else
/// goes on to the gateway's own routes.
struct ProxyMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let proxy: Proxy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.resolved.destination == .api || !request.uri.string.hasPrefix("/") else {
            return try await next(request, context)
        }
        return try await proxy.forward(request, context: context)
    }
}
