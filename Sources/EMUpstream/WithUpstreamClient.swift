public import Logging

/// Creates an ``UpstreamClient``, runs `body` with it, and always shuts it down.
///
/// ```swift
/// let status = try await withUpstreamClient { client in
///     try await client.execute(UpstreamRequest(method: "GET", url: url)).status
/// }
/// ```
///
/// - Parameters:
///   - configuration: The client's configuration; defaults as documented on
///     ``UpstreamClient/Configuration``.
///   - logger: The client's logger; disabled by default.
///   - isolation: The caller's isolation, inferred.
///   - body: The work to do with the client. Bodies must be read before it returns.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws; the client is shut down either way.
public func withUpstreamClient<R: Sendable>(
    configuration: UpstreamClient.Configuration = .init(),
    logger: Logger = Logger(label: "em.upstream", factory: { _ in SwiftLogNoOpLogHandler() }),
    isolation: isolated (any Actor)? = #isolation,
    _ body: (UpstreamClient) async throws -> R
) async throws -> R {
    let client = UpstreamClient(configuration: configuration, logger: logger)
    let result: Result<R, any Error>
    do {
        result = .success(try await body(client))
    } catch {
        result = .failure(error)
    }
    await client.shutdown()
    return try result.get()
}
