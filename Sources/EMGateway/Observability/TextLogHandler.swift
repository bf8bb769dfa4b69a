public import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A swift-log handler writing one text line per event, in the layout of swift-log's
/// `StreamLogHandler`:
///
/// ```
/// 2026-11-29T14:20:01+0000 info em-gateway: client=127.0.0.1 request_id=… [EMGateway] GET /api/jobs 200
/// ```
///
/// Time stamp (local time, seconds, ISO 8601 with the zone offset), level, label, the merged
/// metadata as `key=value` sorted by key (the logger's, the provider's, then the call's, which
/// win), `[source]`, message. Written to the descriptor with one `write` per line, so lines from
/// different threads never interleave.
///
/// It exists because the access log writes a line per request: the time stamp is formatted once
/// per second, not per line, and nothing goes through stdio's locked, flushed `FILE`.
public struct TextLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The lowest level written. Default `info`.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// A provider of contextual metadata. Default none.
    public var metadataProvider: Logger.MetadataProvider?
    private let descriptor: Int32

    /// A handler writing to standard error.
    /// - Parameter label: the logger's label.
    public static func standardError(label: String) -> TextLogHandler {
        TextLogHandler(label: label, descriptor: 2)
    }

    /// A handler writing to a file descriptor it does not own.
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - descriptor: where lines go (2 for standard error).
    ///   - metadataProvider: contextual metadata for every line.
    public init(label: String, descriptor: Int32, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.descriptor = descriptor
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var extra: Logger.Metadata = [:]
        if let error = event.error {
            extra["error.message"] = "\(error)"
            extra["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let pairs = LogMetadata.sorted(handler: metadata, provider: metadataProvider, call: event.metadata, extra: extra)
        // Built as bytes: appending to a `String` costs several times as much per piece, and
        // the access log builds a line per request.
        var line: [UInt8] = []
        line.reserveCapacity(320)
        line += SecondClock.localTimestamp.current().utf8
        line.append(UInt8(ascii: " "))
        line += event.level.rawValue.utf8
        if !label.isEmpty {
            line.append(UInt8(ascii: " "))
            line += label.utf8
        }
        line.append(UInt8(ascii: ":"))
        for pair in pairs {
            line.append(UInt8(ascii: " "))
            line += pair.key.utf8
            line.append(UInt8(ascii: "="))
            line += pair.value.description.utf8
        }
        line += " [".utf8
        line += event.source.utf8
        line += "] ".utf8
        line += event.message.description.utf8
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { Self.write($0, to: descriptor) }
    }

    /// Writes `line` in as many `write` calls as it takes (one, for any log line).
    static func write(_ line: String, to descriptor: Int32) {
        var text = line
        text.withUTF8 { write(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes `bytes` in as many `write` calls as it takes (one, for any log line).
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            #else
                let written = Darwin.write(descriptor, base + offset, bytes.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// The metadata of one log line, for the gateway's handlers (text and JSON).
enum LogMetadata {
    /// One key and its value. A named type, not a tuple: sorting and copying an array of
    /// tuples goes through the runtime's generic tuple witnesses, several times slower.
    struct Pair {
        let key: String
        let value: Logger.MetadataValue
    }

    /// The handler's metadata, the provider's, the call's and `extra`, later ones winning on a
    /// key, as pairs sorted by key.
    ///
    /// The usual line (no provider, nothing extra: the access log, a line per request) pairs the
    /// two small dictionaries up without copying one into the other.
    static func sorted(
        handler: Logger.Metadata, provider: Logger.MetadataProvider?, call: Logger.Metadata?, extra: Logger.Metadata = [:]
    ) -> [Pair] {
        let provided = provider?.get() ?? [:]
        var pairs: [Pair] = []
        if provided.isEmpty && extra.isEmpty {
            let call = call ?? [:]
            pairs.reserveCapacity(call.count + handler.count)
            for (key, value) in call { pairs.append(Pair(key: key, value: value)) }
            for (key, value) in handler where call[key] == nil { pairs.append(Pair(key: key, value: value)) }
        } else {
            var merged = handler
            merged.merge(provided) { _, new in new }
            if let call { merged.merge(call) { _, new in new } }
            merged.merge(extra) { _, new in new }
            pairs.reserveCapacity(merged.count)
            for (key, value) in merged { pairs.append(Pair(key: key, value: value)) }
        }
        pairs.sort { $0.key < $1.key }
        return pairs
    }
}

/// The current second as text, formatted with `strftime` at most once per second: the log's
/// local time stamps and the `Date` field of answers served below the router both read one.
final class SecondClock: Sendable {
    /// The local time as `2026-11-29T14:20:01+0000` (`%Y-%m-%dT%H:%M:%S%z`, as swift-log's
    /// `StreamLogHandler` writes it).
    static let localTimestamp = SecondClock(format: "%Y-%m-%dT%H:%M:%S%z", utc: false)
    /// An IMF-fixdate, the `Date` field's form (RFC 9110 §5.6.7), such as
    /// `Sun, 06 Nov 1994 08:49:37 GMT`; the C locale's day and month names are the ones it needs.
    static let httpDate = SecondClock(format: "%a, %d %b %Y %H:%M:%S GMT", utc: true)

    private let format: String
    private let utc: Bool
    private let cache = Mutex<(second: Int, text: String)>((-1, ""))

    private init(format: String, utc: Bool) {
        self.format = format
        self.utc = utc
    }

    /// Now, formatted; `<unknown>` when the C library cannot format it.
    func current() -> String {
        var now = time(nil)
        let second = Int(now)
        if let text = cache.withLock({ $0.second == second ? $0.text : nil }) {
            return text
        }
        var parts = tm()
        var buffer = [CChar](repeating: 0, count: 64)
        let broken = utc ? gmtime_r(&now, &parts) : localtime_r(&now, &parts)
        guard broken != nil, strftime(&buffer, buffer.count, format, &parts) > 0 else {
            return "<unknown>"
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        cache.withLock { $0 = (second, text) }
        return text
    }
}
