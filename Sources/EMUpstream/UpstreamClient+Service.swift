internal import ServiceLifecycle

extension UpstreamClient {
    /// Runs the client as a ServiceLifecycle service until graceful shutdown or cancellation.
    ///
    /// On graceful shutdown it refuses new requests, lets the transfers in flight finish (bodies
    /// read to the end), then shuts down. On cancellation, or if cancelled while draining, it shuts
    /// down at once: transfers in flight fail with `UpstreamError(.shutdown)`.
    ///
    /// - Important: Add it to the service group *before* the HTTP server, so the server quiesces
    ///   first and its handlers can still finish their upstream calls.
    ///
    /// - Throws: Nothing in practice; the signature is `Service`'s.
    public func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            await self.shutdown()  // cancelled
            return
        }
        await withTaskCancellationHandler {
            await self.drain()
        } onCancel: {
            self.stopWithoutWaiting()
        }
        await self.shutdown()
    }
}
