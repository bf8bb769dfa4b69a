public import NIOCore

/// The streaming body of an ``UpstreamResponse``: an async sequence of `ByteBuffer` chunks.
///
/// Chunks arrive as libcurl reads them. Reading applies backpressure: while the consumer lags,
/// the transfer is paused (`CURL_WRITEFUNC_PAUSE`) and the upstream's bytes wait in the socket
/// buffers. Dropping the body, or cancelling the task that reads it, aborts the transfer.
///
/// ```swift
/// for try await chunk in response.body {
///     try translator.feed(chunk)
/// }
/// ```
///
/// A body may be iterated once. The sequence ends (returns `nil`) only when the body is
/// complete; any failure, including a connection closed before the announced end, is thrown.
public struct UpstreamBody: AsyncSequence, Sendable {
    /// A chunk of the body.
    public typealias Element = ByteBuffer

    typealias Producer = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, BodyProducerDelegate
    >

    private let producer: Producer
    private let state: BodyState

    init(producer: Producer, state: BodyState) {
        self.producer = producer
        self.state = state
    }

    /// Creates the iterator; call it once per body.
    ///
    /// - Returns: An iterator over the body's chunks. A second iterator throws
    ///   `UpstreamError(.other)` from its first `next()`.
    public func makeAsyncIterator() -> AsyncIterator {
        guard self.state.claimIterator() else {
            return AsyncIterator(base: nil, state: self.state)
        }
        return AsyncIterator(base: self.producer.makeAsyncIterator(), state: self.state)
    }

    /// Reads the whole body into one buffer.
    ///
    /// - Parameter maxBytes: The most bytes accepted; the transfer is aborted past that.
    /// - Returns: The complete body.
    /// - Throws: `UpstreamError(.bodyTooLarge)` when the body exceeds `maxBytes`; any error the
    ///   transfer fails with (`.connectionReset` for a truncated body, `.idleTimeout`…).
    public func collect(upTo maxBytes: Int) async throws(UpstreamError) -> ByteBuffer {
        var iterator = self.makeAsyncIterator()
        var collected: ByteBuffer?
        while let chunk = try await iterator.next() {
            let soFar = collected?.readableBytes ?? 0
            guard chunk.readableBytes <= maxBytes - soFar else {
                throw UpstreamError(.bodyTooLarge, message: "body exceeds \(maxBytes) bytes")
            }
            if collected == nil {
                collected = chunk
            } else {
                collected!.writeImmutableBuffer(chunk)
            }
        }
        return collected ?? ByteBuffer()
    }

    /// Iterates the chunks of an ``UpstreamBody``.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let base: Producer.AsyncIterator?
        private let state: BodyState

        fileprivate init(base: Producer.AsyncIterator?, state: BodyState) {
            self.base = base
            self.state = state
        }

        /// The next chunk.
        ///
        /// - Returns: The next chunk, or `nil` once the body is complete.
        /// - Throws: `UpstreamError` when the transfer failed (`.connectionReset`, `.idleTimeout`,
        ///   `.shutdown`…), `.cancelled` when the reading task was cancelled, `.other` when the
        ///   body was already iterated.
        public mutating func next() async throws(UpstreamError) -> ByteBuffer? {
            guard let base = self.base else {
                throw UpstreamError(.other, message: "an upstream body can be iterated only once")
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await base.next()
            } catch let error as UpstreamError {
                throw error
            } catch is CancellationError {
                throw UpstreamError(.cancelled, message: "the task reading the body was cancelled")
            } catch {
                throw UpstreamError(.other, message: "\(error)")
            }
            if let chunk {
                return chunk
            }
            // The producer also ends without an error when its consumer was cancelled; only a
            // transfer that libcurl completed counts as a complete body.
            guard self.state.isComplete else {
                throw UpstreamError(.cancelled, message: "the body ended before the transfer completed")
            }
            return nil
        }
    }
}
