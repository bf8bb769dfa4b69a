import EMGateway
import Foundation
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--log-format text` (the default): swift-log's `StreamLogHandler` layout, one `write` per line.
@Suite("Text log lines")
struct TextLogHandlerTests {
    @Test("time stamp, level, label, sorted metadata (the call's win), [source], message; one line per call")
    func layout() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let writeEnd = ends[1]
        var logger = Logger(label: "em-gateway") { label in
            TextLogHandler(label: label, descriptor: writeEnd, metadataProvider: Logger.MetadataProvider { ["em.provided": "p"] })
        }
        logger[metadataKey: "em.request.id"] = "r-1"
        logger[metadataKey: "em.status"] = "from-logger"
        logger.info("GET /api/jobs 200", metadata: ["em.status": "200", "em.client": "127.0.0.1"])
        logger.debug("below the level")
        logger.warning("plain")
        close(writeEnd)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty, "\(lines)")
        let stamp = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}"#
        let first =
            #"^\#(stamp) info em-gateway: em.client=127\.0\.0\.1 em.provided=p em.request.id=r-1 em.status=200 \[EMGatewayTests\] GET /api/jobs 200$"#
        #expect(String(lines[0]).range(of: first, options: .regularExpression) != nil, "\(lines[0])")
        #expect(
            String(lines[1]).range(
                of: #"^\#(stamp) warning em-gateway: em.provided=p em.request.id=r-1 em.status=from-logger \[EMGatewayTests\] plain$"#,
                options: .regularExpression) != nil, "\(lines[1])")
    }
}
