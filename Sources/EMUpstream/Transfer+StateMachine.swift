internal import NIOCore

extension Transfer {
    /// The life of one transfer, free of libcurl calls so every path can be reasoned about:
    ///
    /// ```
    /// awaitingHead ──head──▶ streaming(flowing) ◀──resume──┐
    ///      │                    │  consumer says stop      │
    ///      │                    ▼                          │
    ///      │               streaming(pauseRequested) ──next chunk──▶ streaming(paused)
    ///      └──────── finish(result) from any state ───────────────▶ finished
    /// ```
    struct StateMachine {
        typealias Source = UpstreamBody.Producer.Source

        /// Whether libcurl may deliver body bytes.
        enum Flow: Equatable {
            /// Deliver.
            case flowing
            /// The consumer has enough: refuse the next chunk with `CURL_WRITEFUNC_PAUSE`.
            case pauseRequested
            /// libcurl is paused; `curl_easy_pause(CURLPAUSE_CONT)` resumes it.
            case paused
        }

        enum State {
            case awaitingHead(CheckedContinuation<UpstreamResponse, any Error>)
            case streaming(Source, BodyState, Flow)
            case finished
        }

        /// What the write callback answers libcurl.
        enum WriteAction: Equatable {
            /// The chunk was handed to the consumer.
            case consumed
            /// Return `CURL_WRITEFUNC_PAUSE`: libcurl keeps the chunk and delivers it again after resuming.
            case pause
            /// Return 0: the consumer is gone (or there is nowhere to put the bytes), abort.
            case abort
        }

        /// What to do once the transfer ends.
        enum FinishAction {
            /// `execute` is still waiting: resume it with this error.
            case failHead(CheckedContinuation<UpstreamResponse, any Error>, UpstreamError)
            /// The body is streaming: finish it, with an error or (nil) as complete.
            case finishBody(Source, BodyState, UpstreamError?)
            /// Already finished.
            case none
        }

        private(set) var state: State

        init(continuation: CheckedContinuation<UpstreamResponse, any Error>) {
            self.state = .awaitingHead(continuation)
        }

        /// Whether `execute` has returned.
        var hasDeliveredHead: Bool {
            if case .awaitingHead = self.state {
                return false
            }
            return true
        }

        /// Whether libcurl is paused (or about to be) because the consumer lags.
        var isPaused: Bool {
            if case .streaming(_, _, let flow) = self.state {
                return flow != .flowing
            }
            return false
        }

        /// The final head arrived and its body sequence exists.
        ///
        /// - Returns: The continuation to resume with the response, or `nil` when the head was
        ///   already delivered or the transfer has finished.
        mutating func receivedHead(source: Source, bodyState: BodyState) -> CheckedContinuation<UpstreamResponse, any Error>? {
            guard case .awaitingHead(let continuation) = self.state else {
                return nil
            }
            self.state = .streaming(source, bodyState, .flowing)
            return continuation
        }

        /// libcurl delivers a chunk of the body.
        ///
        /// - Parameter makeChunk: Copies the bytes out of libcurl's buffer; called only when they are taken.
        /// - Returns: What the write callback answers.
        mutating func receivedBody(_ makeChunk: () -> ByteBuffer) -> WriteAction {
            guard case .streaming(let source, let bodyState, let flow) = self.state else {
                return .abort
            }
            switch flow {
            case .pauseRequested, .paused:
                self.state = .streaming(source, bodyState, .paused)
                return .pause
            case .flowing:
                switch source.yield(makeChunk()) {
                case .produceMore:
                    return .consumed
                case .stopProducing:
                    self.state = .streaming(source, bodyState, .pauseRequested)
                    return .consumed
                case .dropped:
                    return .abort
                }
            }
        }

        /// The consumer wants more.
        ///
        /// - Returns: `true` when libcurl is paused and must be resumed now.
        mutating func resume() -> Bool {
            guard case .streaming(let source, let bodyState, let flow) = self.state else {
                return false
            }
            self.state = .streaming(source, bodyState, .flowing)
            return flow == .paused
        }

        /// The transfer ended, successfully (`nil`) or not.
        ///
        /// - Parameter error: Why it failed, or `nil` for success.
        /// - Returns: Whom to tell.
        mutating func finish(_ error: UpstreamError?) -> FinishAction {
            let state = self.state
            self.state = .finished
            switch state {
            case .awaitingHead(let continuation):
                return .failHead(continuation, error ?? UpstreamError(.badResponse, message: "no response head"))
            case .streaming(let source, let bodyState, _):
                return .finishBody(source, bodyState, error)
            case .finished:
                return .none
            }
        }
    }
}
