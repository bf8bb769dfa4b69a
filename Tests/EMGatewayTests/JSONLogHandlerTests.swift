import EMGateway
import Foundation
import Logging
import Synchronization
import Testing

/// `--log-format json`: one JSON object per line through swift-log.
@Suite("JSON log lines")
struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("each log call is one line holding one JSON object with timestamp, level, label, message, metadata")
    func oneObjectPerLine() throws {
        let sink = Lines()
        let provider = Logger.MetadataProvider { ["em.request-id": "r-1"] }
        var logger = Logger(label: "em-gateway") { label in
            JSONLogHandler(label: label, metadataProvider: provider) { sink.append($0) }
        }
        logger.logLevel = .info
        logger[metadataKey: "em.component"] = "test"
        logger.info("first \"quoted\"\nsecond line", metadata: ["em.status": "200", "em.list": ["a", "b"], "em.map": ["k": "v"]])
        logger.debug("below the level")
        logger.warning("plain")

        let lines = sink.all
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().firstIndex(of: "\n") == nil })
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["level"] as? String == "info")
        #expect(first["label"] as? String == "em-gateway")
        #expect(first["message"] as? String == "first \"quoted\"\nsecond line")
        let timestamp = try #require(first["timestamp"] as? String)
        #expect(
            ISO8601DateFormatter().date(from: timestamp.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)) != nil)
        let metadata = try #require(first["metadata"] as? [String: Any])
        #expect(metadata["em.status"] as? String == "200")
        #expect(metadata["em.component"] as? String == "test")
        #expect(metadata["em.request-id"] as? String == "r-1")
        #expect(metadata["em.list"] as? [String] == ["a", "b"])
        #expect((metadata["em.map"] as? [String: String]) == ["k": "v"])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["level"] as? String == "warning")
    }

    @Test("integers and finite numbers given as .stringConvertible are JSON numbers, Bool is a JSON boolean; other values are strings")
    func typedValues() throws {
        struct Named: CustomStringConvertible, Sendable { var description: String { "named" } }
        let sink = Lines()
        let logger = Logger(label: "em-gateway") { JSONLogHandler(label: $0) { sink.append($0) } }
        logger.info(
            "typed",
            metadata: [
                "int": .stringConvertible(200), "double": .stringConvertible(12.5), "nan": .stringConvertible(Double.nan),
                "bool": .stringConvertible(true), "named": .stringConvertible(Named()), "text": "200",
            ])
        let line = try #require(sink.all.first)
        #expect(line.contains(#""int":200"#) && line.contains(#""double":12.5"#) && line.contains(#""bool":true"#), "\(line)")
        #expect(line.contains(#""nan":"nan""#) && line.contains(#""named":"named""#) && line.contains(#""text":"200""#), "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["metadata"] as? [String: Any])?["int"] as? Int == 200)
    }
}
