import EMGateway
import EMSimulator
import EMUpstream
import Foundation
import NIOCore
import TestSupport
import Testing

/// Large answers stream through the gateway: JSON reaches the client while EM is still sending,
/// framing follows the size (Content-Length up to 1 MiB, chunked above), and a client that hangs
/// up stops the transfer from EM.
@Suite("Streaming")
struct StreamingTests {
    @Test("the first JSON bytes of a large collection reach the client before EM's body has ended")
    func firstBytesBeforeUpstreamEnds() async throws {
        let events = StreamingEvents()
        try await StreamingUpstream.withGateway(events: events) { gatewayURL in
            try await withUpstreamClient { client in
                // EM pauses mid-body until the client has JSON: without streaming this would wait
                // until the timeout, and fail.
                let (response, body) = try await withTimeout {
                    let response = try await client.execute(UpstreamRequest(method: "GET", url: gatewayURL + "/api/pausing"))
                    var iterator = response.body.makeAsyncIterator()
                    var body = ByteBuffer()
                    guard let first = try await iterator.next() else { return (response, body) }
                    body.writeImmutableBuffer(first)
                    events.record("client got JSON")
                    events.record("resume upstream")
                    while let chunk = try await iterator.next() { body.writeImmutableBuffer(chunk) }
                    return (response, body)
                }
                #expect(response.status == 200)
                #expect(response.header("Content-Length") == nil)
                #expect(response.header("Transfer-Encoding")?.lowercased() == "chunked")
                events.record("client got the end")
                let order = events.all.filter { !$0.hasPrefix("resume") }
                #expect(order.count == 4)
                #expect(order.first?.hasPrefix("upstream paused") == true)
                #expect(order.firstIndex(of: "client got JSON")! < order.firstIndex { $0.hasPrefix("upstream ended") }!)
                #expect(body.getString(at: 0, length: 9) == #"{"Refs":["#)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
                let refs = try #require(json["Refs"] as? [[String: Any]])
                let ended = try #require(events.first("upstream ended after "))
                #expect("upstream ended after \(refs.count) refs" == ended)
                #expect((refs.last?["Href"] as? String)?.hasPrefix(gatewayURL + "/api/backupSessions/") == true)
            }
        }
    }

    @Test("framing follows the size: Content-Length for a small entity, chunked for a large collection")
    func framing() async throws {
        var simulator = SimulatorConfiguration()
        simulator.scale = 1100
        try await DemoStack.with(simulator: simulator) { stack in
            let token = try await stack.logOn()
            let list = try await stack.call("GET", "/api/backupSessions?format=Entity", headers: [DemoStack.session(token)])
            #expect(list.status == 200)
            #expect(list.header("Content-Length") == nil)
            #expect(list.header("Transfer-Encoding")?.lowercased() == "chunked")
            #expect(list.body.count > 1 << 20)
            let json = try list.json()
            #expect(json.count == 1)
            let sessions = try #require(json.values.first as? [[String: Any]])
            #expect(sessions.count == 1100)
            let href = try #require(sessions[7]["Href"] as? String)
            #expect(href.hasPrefix(stack.gatewayURL + "/api/backupSessions/"))
            let one = try await stack.call("GET", href, headers: [DemoStack.session(token)])
            #expect(one.status == 200)
            #expect(one.header("Transfer-Encoding") == nil)
            #expect(one.header("Content-Length") == String(one.body.count))
            #expect(try one.json()["Name"] as? String == sessions[7]["Name"] as? String)
        }
    }

    @Test("a client that hangs up mid-download stops the transfer from EM")
    func clientHangUpStopsUpstream() async throws {
        let events = StreamingEvents()
        try await StreamingUpstream.withGateway(events: events) { gatewayURL in
            let port = try #require(URL(string: gatewayURL)?.port)
            let received = try await RawSocket.readThenHangUp(port: port, target: "/api/endless", bytes: 5 << 18) {
                events.record("client hung up")
            }
            #expect(String(decoding: received.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
            let stopped = try await withTimeout {
                while true {
                    if let stopped = events.first("upstream stopped") { return stopped }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            #expect(stopped.contains("cut off"))
            let order = events.all
            #expect(order.firstIndex(of: "client hung up")! < order.firstIndex(of: stopped)!)
        }
    }

    @Test("a client that leaves before EM's head aborts the transfer and frees its share of the upstream cap")
    func clientLeavesBeforeHead() async throws {
        let events = StreamingEvents()
        try await StreamingUpstream.withGateway(events: events, configure: { $0.maxConcurrentUpstreamRequests = 1 }) { gatewayURL in
            let port = try #require(URL(string: gatewayURL)?.port)
            var released = false
            defer { if !released { events.record("release silent") } }  // lets the upstream stop, whatever happened
            // The only upstream slot: taken by a request EM does not answer; its client leaves
            // once EM has the request (leaving earlier may end the request before it is forwarded).
            let leaving = try RawSocket.connect(port: port)
            RawSocket.sendAll(leaving, Array("GET /api/silent HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8))
            let arrived: Void? = try? await withTimeout { await events.wait(for: "silent request arrived") }
            close(leaving)
            try #require(arrived != nil, "the gateway did not forward the request")
            // Before the fix the slot stayed taken until EM answered: every request got 503.
            let status = try await withUpstreamClient { client in
                try await withTimeout {
                    while true {
                        let response = try await client.execute(UpstreamRequest(method: "GET", url: gatewayURL + "/api/quick"))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        if response.status != 503 { return response.status }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
            }
            #expect(status == 200)
            #expect(events.first("release silent") == nil, "EM had not answered the abandoned request")
            // Logged and counted as nginx does: 499, the client closed the request.
            let metrics = try await withUpstreamClient { client in
                try await withTimeout {
                    try await client.execute(UpstreamRequest(method: "GET", url: gatewayURL + "/metrics")).body.collect(upTo: 1 << 20)
                }
            }
            #expect(
                String(buffer: metrics).contains(#"route="/api/{undocumented}",method="GET",status="499",outcome="client_closed"} 1"#),
                "\(String(buffer: metrics))"
            )
            events.record("release silent")
            released = true
        }
    }

    @Test("a client that stops reading is cut after the client idle timeout, and so is the transfer from EM")
    func stalledReaderIsCut() async throws {
        let events = StreamingEvents()
        try await StreamingUpstream.withGateway(events: events, configure: { $0.clientIdleTimeout = .seconds(1) }) { gatewayURL in
            let port = try #require(URL(string: gatewayURL)?.port)
            // Reads the head and a little, then stops reading with the socket open until the
            // upstream is cut (at most 60 s: the buffers between must fill first, slowly on a
            // loaded machine).
            _ = try? await RawSocket.readThenHangUp(port: port, target: "/api/endless", bytes: 1 << 10) {
                let deadline = Date().addingTimeInterval(60)
                while events.first("upstream stopped") == nil && Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.05)
                }
                events.record("client hung up")
            }
            let stopped = try #require(events.first("upstream stopped"), "\(events.all)")
            #expect(stopped.contains("cut off"))
            let order = events.all
            #expect(order.firstIndex(of: stopped)! < order.firstIndex(of: "client hung up")!)
        }
    }
}
