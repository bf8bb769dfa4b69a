import EMUpstream
import HTTPTypes
import Logging

/// The pipeline's upstream call: takes a share of the cap on requests in flight to EM, sends
/// the request (with the gateway's own EM session in service-account mode), times it and maps
/// transport failures to the gateway's errors.
///
/// An answer whose status is no final HTTP status is refused here (`502`); a caller that gets
/// an answer holds the returned permit until the answer's body has been read or dropped.
struct UpstreamExchange: Sendable {
    let upstream: UpstreamClient
    let limiter: ConcurrencyLimiter
    let metrics: GatewayMetrics
    /// The gateway's own EM session in service-account mode; `nil` in pass-through mode.
    let serviceAccount: ServiceAccount?

    /// Sends one request to EM.
    /// - Parameters:
    ///   - request: the request, built by ``UpstreamRequestBuilder``.
    ///   - route: the request's route label, for the upstream metrics.
    ///   - origin: why EM is called. Default `client`.
    ///   - logger: the request's logger.
    /// - Returns: EM's answer (its body still to read) and the request's permit.
    /// - Throws: ``GatewayError`` `503` past the cap, `502`/`504` when EM fails, `499` when the
    ///   client left, `502` for a status that is not final.
    func send(
        _ request: UpstreamRequest, route: String, origin: GatewayMetrics.UpstreamOrigin = .client, logger: Logger
    ) async throws -> (UpstreamResponse, ConcurrencyLimiter.Permit) {
        guard let permit = limiter.tryAcquire() else {
            throw GatewayError(
                .shuttingDown, status: .serviceUnavailable,
                message: "The gateway has \(limiter.limit) requests in flight to Enterprise Manager; try again shortly.",
                headers: [.retryAfter: "1"])
        }
        let answer: UpstreamResponse
        metrics.upstreamRequest(route: route, origin: origin)
        let start = ContinuousClock.now
        do {
            if let serviceAccount {
                answer = try await sendAsServiceAccount(request, account: serviceAccount, logger: logger)
            } else {
                answer = try await upstream.execute(request, logger: logger)
            }
            metrics.upstream(route: route, duration: ContinuousClock.now - start)
        } catch let error as UpstreamError {
            metrics.upstreamError(error.code)
            logger.log(
                level: error.code == .cancelled ? .debug : .warning,  // cancelled: the client left
                "upstream request failed",
                metadata: ["em.upstream.error": .string("\(error.code)"), "em.upstream.detail": .string(error.message)])
            throw GatewayError.upstream(error)
        }
        try GatewayError.checkFinalStatus(answer.status)
        return (answer, permit)
    }

    /// Sends a request with the service account's session; after a `401` the session is
    /// dropped and a safe request (`GET`, `HEAD`) is sent once more with a new one. An unsafe
    /// request is not repeated: it gets `503` with `Retry-After` (EM did not carry it out).
    /// - Throws: ``GatewayError`` (`502` when the new session is refused as well), ``UpstreamError``.
    private func sendAsServiceAccount(_ request: UpstreamRequest, account: ServiceAccount, logger: Logger) async throws -> UpstreamResponse
    {
        var attempt = request
        attempt.headers.removeAll { ["authorization", "x-restsvcsessionid"].contains($0.name.lowercased()) }
        let base = attempt.headers
        let safe = request.method == "GET" || request.method == "HEAD"
        for round in 0..<2 {
            let session = try await account.session()
            attempt.headers = base + [UpstreamHeader(name: SessionToken.name, value: session.token)]
            let answer = try await upstream.execute(attempt, logger: logger)
            guard answer.status == 401 else { return answer }
            _ = try? await answer.body.collect(upTo: 1 << 20)
            account.rejected(session)
            guard safe else {
                throw GatewayError(
                    .upstreamUnavailable, status: .serviceUnavailable,
                    message: "Enterprise Manager ended the gateway's session; the request was not carried out. Send it again.",
                    headers: [.retryAfter: "1"])
            }
            if round == 1 { break }
        }
        throw GatewayError(
            .badUpstreamResponse, status: .badGateway,
            message: "Enterprise Manager refused the gateway's service account session twice in a row.")
    }
}
