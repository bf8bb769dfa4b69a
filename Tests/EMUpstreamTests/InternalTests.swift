import Testing

@testable import EMUpstream

/// The pure parts: CURLcode mapping and the head parser.
@Suite struct InternalTests {
    @Test(arguments: [
        (7, false, UpstreamError.Code.connectionRefused), (6, false, .hostNotFound),
        (28, false, .connectTimeout), (28, true, .idleTimeout),
        (35, true, .tls), (51, true, .tls), (60, true, .tls), (77, false, .tls), (90, true, .tls), (91, true, .tls),
        (52, true, .connectionReset), (55, true, .connectionReset), (56, true, .connectionReset), (18, true, .connectionReset),
        (8, true, .badResponse), (1, true, .badResponse), (3, false, .other), (23, true, .other),
    ])
    func curlCodesMapOntoCodes(curlCode: Int32, connected: Bool, expected: UpstreamError.Code) {
        #expect(UpstreamError.Code(curlCode: curlCode, connected: connected) == expected)
    }

    @Test func errorsCompareByCodeOnly() {
        #expect(UpstreamError(.tls, message: "a", curlCode: 60) == UpstreamError(.tls, message: "b", curlCode: 90))
        #expect(UpstreamError(.tls) != UpstreamError(.other))
        #expect(UpstreamError(.tls, message: "bad cert", curlCode: 60).description == "UpstreamError(tls, curl 60): bad cert")
    }

    @Test func headParserKeepsOnlyTheFinalHead() {
        var parser = ResponseHeadParser()
        let lines = [
            "HTTP/1.1 100 Continue\r\n", "\r\n",
            "HTTP/1.1 103 Early Hints\r\n", "Link: </a>\r\n", "\r\n",
            "HTTP/1.1 404 Not Found\r\n", "Content-Type:  application/xml \r\n", "X-Folded: one\r\n", "\t two\r\n",
            "Empty:\r\n", "\r\n",
        ]
        var events: [ResponseHeadParser.Event] = []
        for line in lines {
            events.append(Array(line.utf8).withUnsafeBytes { parser.consume($0) })
        }
        #expect(events.dropLast().allSatisfy { $0 == .needMore })
        #expect(
            events.last
                == .head(
                    status: 404,
                    headers: [
                        UpstreamHeader(name: "Content-Type", value: "application/xml"),
                        UpstreamHeader(name: "X-Folded", value: "one two"),
                        UpstreamHeader(name: "Empty", value: ""),
                    ])
        )
    }
}
