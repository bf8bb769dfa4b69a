import EMTranslate
import Foundation
public import Logging

/// A swift-log handler writing one JSON object per line (JSON Lines), for log collectors:
///
/// ```json
/// {"timestamp":"2026-11-29T10:24:22.123Z","level":"info","label":"em-gateway","message":"…","metadata":{"request_id":"…","status":200}}
/// ```
///
/// `timestamp` is RFC 3339 UTC with milliseconds; `level` is swift-log's level name; `metadata`
/// merges the logger's, the metadata provider's and the call's (the call's win), nested
/// dictionaries and arrays kept as JSON objects and arrays. A `.stringConvertible` value that is
/// a Swift integer or a finite floating-point number is a JSON number (the access log's
/// `status`, `duration_ms`), a `Bool` is `true` or `false`; other values are strings.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The lowest level written. Default `info`.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// A provider of contextual metadata (task-local request ids …). Default none.
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error.
    /// - Parameter label: the logger's label.
    public static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { TextLogHandler.write($0, to: 2) }
    }

    /// A handler passing each line (with its trailing `\n`) to `write`.
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - metadataProvider: contextual metadata for every line.
    ///   - write: receives one whole line per log call; it must be safe to call from any thread.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let pairs = LogMetadata.sorted(handler: metadata, provider: metadataProvider, call: event.metadata)
        var line = "{\"timestamp\":\(JSONStringLiteral.quoted(Self.timestamp()))"
        line += ",\"level\":\(JSONStringLiteral.quoted(event.level.rawValue))"
        line += ",\"label\":\(JSONStringLiteral.quoted(label))"
        line += ",\"message\":\(JSONStringLiteral.quoted(event.message.description))"
        line +=
            ",\"metadata\":{" + pairs.map { JSONStringLiteral.quoted($0.key) + ":" + Self.json($0.value) }.joined(separator: ",") + "}}\n"
        write(line)
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return JSONStringLiteral.quoted(string)
        case .stringConvertible(let value): return scalar(value)
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { JSONStringLiteral.quoted($0) + ":" + json(dictionary[$0]!) }.joined(separator: ",")
                + "}"
        }
    }

    /// A `.stringConvertible` value: a JSON number or boolean when its type is one, else a string.
    private static func scalar(_ value: any CustomStringConvertible & Sendable) -> String {
        switch value {
        case let integer as any BinaryInteger: return integer.description
        case let number as Double where number.isFinite: return number.description
        case let number as Float where number.isFinite: return number.description
        case let flag as Bool: return flag ? "true" : "false"
        default: return JSONStringLiteral.quoted(value.description)
        }
    }

    private static func timestamp() -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
    }
}
