import Foundation

/// A canned response.
struct TestResponse: Sendable {
    var status = 200
    var reason = "OK"
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// Send the body with `Transfer-Encoding: chunked` in pieces of this size instead of `Content-Length`.
    var chunkSize: Int? = nil

    init(status: Int = 200, reason: String = "OK", headers: [(String, String)] = [], body: [UInt8] = [], chunkSize: Int? = nil) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.chunkSize = chunkSize
    }

    init(status: Int = 200, headers: [(String, String)] = [], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }
}

/// One request as the server read it.
struct RecordedRequest: Sendable {
    /// The head exactly as received, up to and including the blank line.
    let rawHead: [UInt8]
    let body: [UInt8]

    var headText: String { String(decoding: self.rawHead, as: UTF8.self) }
    var requestLine: String { self.headText.components(separatedBy: "\r\n")[0] }
    var method: String { String(self.requestLine.split(separator: " ")[0]) }
    /// The request target, exactly as sent.
    var target: String { String(self.requestLine.split(separator: " ")[1]) }

    /// Header fields in order, as (name, value).
    var headers: [(name: String, value: String)] {
        self.headText.components(separatedBy: "\r\n").dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Every value of the fields called `name` (case-insensitive).
    func values(_ name: String) -> [String] {
        self.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}
