import EMTranslate
import EMUpstream
import Hummingbird
import NIOCore
import ServiceLifecycle

/// Turns EM's body into the client's, through an optional translation, with the right framing.
///
/// Output up to the threshold is collected and sent with `Content-Length`, so failures that
/// early still become a clean `502` rather than a cut stream. Past the threshold the response is committed and
/// streams as it is produced; a failure after that aborts the connection, so a truncated
/// document is never passed off as a complete one. A body that passes through unchanged keeps
/// EM's `Content-Length` when it streams, as README promises for non-XML answers (downloads).
struct ResponseBodyStreamer {
    /// A body transformation: `feed` each chunk, then `finish`.
    enum Transform {
        /// EM's bytes unchanged; `length` is EM's `Content-Length` when it describes them
        /// (see ``ResponseHeadPolicy/passThroughLength(_:)``).
        case passThrough(length: Int?)
        case translate(XMLToJSONConverter)
        case rewriteLinks(XMLLinkRewriter)

        mutating func feed(_ chunk: ByteBuffer) throws -> ByteBuffer {
            switch self {
            case .passThrough: chunk
            case .translate(let converter): try converter.feed(chunk)
            case .rewriteLinks(let links): links.feed(chunk)
            }
        }

        mutating func finish() throws -> ByteBuffer {
            switch self {
            case .passThrough: ByteBuffer()
            case .translate(let converter): try converter.finish()
            case .rewriteLinks(let links): links.finish()
            }
        }

        /// ``feed(_:)`` appending to `output`: the converter writes its JSON there directly, and
        /// EM's first chunk becomes `output` itself when nothing precedes it.
        mutating func feed(_ chunk: ByteBuffer, into output: inout ByteBuffer) throws {
            if case .translate(let converter) = self {
                try converter.feed(chunk, into: &output)
                return
            }
            var produced = try feed(chunk)
            if output.readableBytes == 0 { output = produced } else { output.writeBuffer(&produced) }
        }

        /// ``finish()`` appending to `output`.
        mutating func finish(into output: inout ByteBuffer) throws {
            if case .translate(let converter) = self {
                try converter.finish(into: &output)
                return
            }
            var last = try finish()
            output.writeBuffer(&last)
        }

        /// The length of the client's body known before it is read: EM's, for a pass-through.
        var knownLength: Int? {
            if case .passThrough(let length) = self { length } else { nil }
        }

        /// What the translation met, when there was one, and the first unknown names.
        var report: (XMLToJSONConverter.Statistics, [String])? {
            if case .translate(let converter) = self { (converter.statistics, converter.unknownNames) } else { nil }
        }
    }

    let threshold: Int

    /// The client's body as prepared.
    enum Produced {
        /// Collected whole (at most ``ResponseBodyStreamer/threshold`` bytes): sent with
        /// `Content-Length`, and the bytes validators and coalescing work with.
        case collected(ByteBuffer)
        /// Streams as it is produced; `length` when known before (EM's, for a pass-through).
        case streaming(ResponseBody, length: Int?)

        /// The response body and its length when known.
        var body: (ResponseBody, Int?) {
            switch self {
            case .collected(let bytes): (ResponseBody(byteBuffer: bytes), bytes.readableBytes)
            case .streaming(let body, let length): (body, length)
            }
        }
    }

    /// The body of a response to `HEAD`: nothing, and no length of its own, so the header fields
    /// keep saying what `GET` would send (RFC 9110 §9.3.2). `ResponseBody()` would make
    /// Hummingbird add `Content-Length: 0` whenever the length is unknown.
    static var headBody: ResponseBody {
        ResponseBody(contentLength: nil) { writer in try await writer.finish(nil) }
    }

    /// Reads EM's body and prepares the client's.
    /// - Parameters:
    ///   - body: EM's body.
    ///   - transform: what to do to it.
    ///   - headOnly: whether the client's body will be dropped (`HEAD`): a pass-through of known
    ///     length then reads nothing, and dropping `body` aborts EM's transfer.
    /// - Returns: the body collected whole, or streaming with its length when known (EM's
    ///   `Content-Length` for a pass-through).
    /// - Throws: ``GatewayError`` (502/504) when EM's body fails or does not translate before
    ///   the response is committed.
    ///   - permit: the request's share of the upstream cap, held until the body is written.
    ///   - onTranslated: called with the converter's statistics once a translation completes.
    ///   - observe: sees each of EM's chunks before the transform, while the body is collected
    ///     (the logon's `LogonSession`, read for the session's identity).
    ///   - onAborted: called when the body fails after the response was committed (the client's
    ///     connection is then closed mid-body), with the error; during the gateway's graceful
    ///     shutdown an `UpstreamError` with code `shutdown` instead.
    ///   - onEnded: called once when a body that streams ends: `complete` just before its last
    ///     chunk is written, or the outcome of the error it was cut by (after `onAborted`).
    func makeBody(
        _ body: UpstreamBody, transform: Transform, headOnly: Bool = false, permit: ConcurrencyLimiter.Permit,
        observe: ((ByteBuffer) -> Void)? = nil,
        onTranslated: @escaping @Sendable (XMLToJSONConverter.Statistics, [String]) -> Void,
        onAborted: @escaping @Sendable (any Error) -> Void,
        onEnded: @escaping @Sendable (ResponseOutcome) -> Void = { _ in }
    ) async throws -> Produced {
        if headOnly, let length = transform.knownLength {
            permit.release()
            return .streaming(ResponseBody(), length: length)
        }
        var transform = transform
        var iterator = body.makeAsyncIterator()
        var head = ByteBuffer()
        var sawBytes = false
        do {
            while let chunk = try await iterator.next() {
                sawBytes = sawBytes || chunk.readableBytes > 0
                observe?(chunk)
                try transform.feed(chunk, into: &head)
                if head.readableBytes > threshold {
                    let length = transform.knownLength
                    let rest = Handoff(iterator: iterator, transform: transform)
                    let streamed = streamingBody(
                        head: head, rest: rest, length: length, permit: permit, onTranslated: onTranslated, onAborted: onAborted,
                        onEnded: onEnded)
                    return .streaming(streamed, length: length)
                }
            }
            // An empty body (EM's `201`/`202` with an XML content type and nothing in it) stays
            // empty: there is no document to translate, and EM has done what was asked.
            guard sawBytes else {
                permit.release()
                return .collected(ByteBuffer())
            }
            try transform.finish(into: &head)
            permit.release()
            if let (statistics, names) = transform.report { onTranslated(statistics, names) }
            return .collected(head)
        } catch let error as TranslateError {
            throw GatewayError.translation(error)
        } catch let error as UpstreamError {
            throw GatewayError.upstream(error)
        }
    }

    private func streamingBody(
        head: ByteBuffer, rest: Handoff, length: Int?, permit: ConcurrencyLimiter.Permit,
        onTranslated: @escaping @Sendable (XMLToJSONConverter.Statistics, [String]) -> Void,
        onAborted: @escaping @Sendable (any Error) -> Void, onEnded: @escaping @Sendable (ResponseOutcome) -> Void
    ) -> ResponseBody {
        ResponseBody(contentLength: length) { writer in
            defer { permit.release() }
            var (iterator, transform) = rest.take()
            do {
                try await writer.write(head)
                while let chunk = try await iterator.next() {
                    let produced = try transform.feed(chunk)
                    if produced.readableBytes > 0 { try await writer.write(produced) }
                }
                let last = try transform.finish()
                if last.readableBytes > 0 { try await writer.write(last) }
            } catch {
                // Cut by the gateway's own shutdown (its limit passed and in-flight work was
                // cancelled), which the log must not blame on the client.
                let cause = Task.isShuttingDownGracefully ? UpstreamError(.shutdown, message: "cut at the gateway's shutdown") : error
                onAborted(cause)
                onEnded(ResponseOutcome(cutBy: cause))
                throw error
            }
            if let (statistics, names) = transform.report { onTranslated(statistics, names) }
            // EM's body is read and every byte written: the share of the cap and the outcome
            // are settled before the client sees the end.
            permit.release()
            onEnded(.complete)
            try await writer.finish(nil)
        }
    }

    /// Moves the body's iterator and converter into the response writer.
    // Safe because the response body closure runs once, and after the hand-off nothing else
    // touches the iterator or the converter.
    final class Handoff: @unchecked Sendable {
        private var iterator: UpstreamBody.AsyncIterator?
        private var transform: Transform?

        init(iterator: UpstreamBody.AsyncIterator, transform: Transform) {
            self.iterator = iterator
            self.transform = transform
        }

        func take() -> (UpstreamBody.AsyncIterator, Transform) {
            defer {
                iterator = nil
                transform = nil
            }
            return (iterator!, transform!)
        }
    }
}

extension GatewayError {
    /// The gateway's answer when EM's body cannot be translated.
    static func translation(_ error: TranslateError) -> GatewayError {
        // One message per class of fault (listed in README, "Errors"), worded by EMTranslate so
        // `convert` names the same classes.
        GatewayError(.badUpstreamResponse, status: .badGateway, message: "Enterprise Manager's answer \(error.fault).")
    }

    /// The gateway's answer when talking to EM fails.
    static func upstream(_ error: UpstreamError) -> GatewayError {
        switch error.code {
        case .connectTimeout, .idleTimeout, .deadlineExceeded:
            GatewayError(.upstreamTimeout, status: .gatewayTimeout, message: "Enterprise Manager did not answer in time.")
        case .shutdown:
            GatewayError(.shuttingDown, status: .serviceUnavailable, message: "The gateway is shutting down.")
        case .connectionRefused, .hostNotFound:
            GatewayError(.upstreamUnavailable, status: .badGateway, message: "Enterprise Manager is unreachable.")
        case .tls:
            GatewayError(.upstreamUnavailable, status: .badGateway, message: "The TLS connection to Enterprise Manager failed.")
        case .cancelled:
            // The request's task is cancelled only when its client has gone away: nginx's 499,
            // which no client receives but the access log and the metrics show.
            GatewayError(
                .clientClosedRequest, status: .init(code: 499, reasonPhrase: "Client Closed Request"),
                message: "The client closed the connection before the answer was ready.")
        case .connectionReset, .badResponse, .bodyTooLarge, .other:
            GatewayError(.badUpstreamResponse, status: .badGateway, message: "Enterprise Manager's answer was broken off or invalid.")
        }
    }
}
