import EMUpstream
import Foundation
import NIOCore
import TestSupport

/// Runs `operation`, returning the `UpstreamError` it throws (or `nil` when it succeeds).
func upstreamError(_ operation: () async throws -> Void) async -> UpstreamError? {
    do {
        try await operation()
        return nil
    } catch let error as UpstreamError {
        return error
    } catch {
        return UpstreamError(.other, message: "not an UpstreamError: \(error)")
    }
}

extension ByteBuffer {
    var bytes: [UInt8] { self.getBytes(at: self.readerIndex, length: self.readableBytes) ?? [] }
    var text: String { String(buffer: self) }
}

extension UpstreamClient.Configuration {
    /// Short timeouts so failing tests fail fast.
    static func testing(idle: Duration = .seconds(5), connect: Duration = .seconds(5)) -> Self {
        var configuration = Self()
        configuration.idleTimeout = idle
        configuration.connectTimeout = connect
        return configuration
    }
}
