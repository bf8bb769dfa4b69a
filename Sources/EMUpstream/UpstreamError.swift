/// The one error type of EMUpstream: a stable ``Code`` plus detail for logs.
///
/// Every failure of ``UpstreamClient/execute(_:deadline:logger:)`` and of iterating an ``UpstreamBody``
/// is an `UpstreamError`. The gateway switches over ``code``; ``message`` and ``curlCode`` are
/// for logs only and are never shown to HTTP clients.
///
/// Two errors are equal when their codes are equal, so tests and callers can write:
///
/// ```swift
/// do {
///     _ = try await client.execute(request)
/// } catch let error as UpstreamError where error.code == .connectionRefused {
///     // upstream is down
/// }
/// ```
public struct UpstreamError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, as a closed set the gateway can switch over exhaustively.
    public enum Code: Sendable, Equatable {
        /// The TCP connection was refused (nothing listens on the port; `CURLE_COULDNT_CONNECT`).
        case connectionRefused
        /// The host name could not be resolved (`CURLE_COULDNT_RESOLVE_HOST`).
        case hostNotFound
        /// The connection, including the TLS handshake, was not established within
        /// ``UpstreamClient/Configuration/connectTimeout`` (`CURLE_OPERATION_TIMEDOUT` while connecting).
        case connectTimeout
        /// No byte arrived for ``UpstreamClient/Configuration/idleTimeout`` once connected.
        case idleTimeout
        /// The caller's deadline (``UpstreamClient/execute(_:deadline:logger:)``) passed before the
        /// transfer, body included, ended.
        case deadlineExceeded
        /// TLS failed: handshake, certificate verification, or public key pinning.
        case tls
        /// The connection broke: reset, closed early, nothing received, or a send/receive error.
        case connectionReset
        /// The upstream answered with something that is not a valid HTTP/1.1 response.
        case badResponse
        /// A body was larger than the limit given to ``UpstreamBody/collect(upTo:)``.
        case bodyTooLarge
        /// The caller's task was cancelled, or the body's consumer went away.
        case cancelled
        /// The client was shut down (or is shutting down) before the transfer finished.
        case shutdown
        /// Anything else, including requests rejected before sending (bad method, header or URL).
        case other
    }

    /// What went wrong.
    public let code: Code
    /// Detail for logs (libcurl's error text where there is one). Never show it to HTTP clients.
    public let message: String
    /// The raw `CURLcode` when libcurl reported the failure, otherwise `nil`.
    public let curlCode: Int32?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: Detail for logs; empty by default.
    ///   - curlCode: The raw `CURLcode`, if libcurl reported the failure.
    public init(_ code: Code, message: String = "", curlCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
    }

    /// A one-line rendering for logs, such as `UpstreamError(connectionRefused, curl 7): Failed to connect…`.
    public var description: String {
        var text = "UpstreamError(\(self.code)"
        if let curlCode = self.curlCode {
            text += ", curl \(curlCode)"
        }
        text += ")"
        if !self.message.isEmpty {
            text += ": \(self.message)"
        }
        return text
    }

    /// Compares only ``code``: message and `CURLcode` are detail.
    ///
    /// - Parameters:
    ///   - lhs: An error.
    ///   - rhs: Another error.
    /// - Returns: `true` when both have the same ``code``.
    public static func == (lhs: UpstreamError, rhs: UpstreamError) -> Bool {
        lhs.code == rhs.code
    }
}
