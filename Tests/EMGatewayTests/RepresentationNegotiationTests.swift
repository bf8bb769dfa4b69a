import EMTranslate
import HTTPTypes
import Testing

@testable import EMGateway

/// The `Accept` rules of both default representations, without a server.
@Suite("Representation negotiation")
struct RepresentationNegotiationTests {
    func outcome(_ accept: String?, _ preferred: GatewayConfiguration.DefaultRepresentation) -> Representation? {
        var fields = HTTPFields()
        if let accept { fields[.accept] = accept }
        return MediaNegotiation(preferred: preferred, dialect: .native).representation(for: fields)
    }

    static let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    @Test func jsonDefault() {
        #expect(outcome(nil, .json) == .json(.native))
        #expect(outcome("*/*", .json) == .json(.native))
        #expect(outcome(Self.browser, .json) == .json(.native), "a browser tab gets JSON")
        #expect(outcome("application/xml", .json) == .xml)
        #expect(outcome("text/xml", .json) == .xml)
        #expect(outcome("application/xml, application/json", .json) == .json(.native), "a tie is JSON")
        #expect(outcome("application/xml, */*;q=0.5", .json) == .xml)
        #expect(outcome("application/json; dialect=compact", .json) == .json(.compact))
        #expect(outcome("application/json; dialect=\"compact\";q=0.9, application/xml;q=0.5", .json) == .json(.compact))
    }

    @Test func xmlDefault() {
        #expect(outcome(nil, .xml) == .xml)
        #expect(outcome("*/*", .xml) == .xml, "curl's default Accept gets XML, as from EM")
        #expect(outcome(Self.browser, .xml) == .xml)
        #expect(outcome("application/json", .xml) == .json(.native))
        #expect(outcome("application/json, */*", .xml) == .xml, "a tie is XML")
        #expect(outcome("application/json, */*;q=0.1", .xml) == .json(.native))
    }

    @Test func unknownDialectIsNotAcceptableOnlyWhenNothingElseIs() {
        #expect(outcome("application/json; dialect=fancy", .json) == nil)
        #expect(outcome("application/json; dialect=fancy, */*;q=0.1", .json) == .json(.native))
        #expect(outcome("application/json; dialect=fancy, application/xml;q=0.2", .json) == .xml)
    }
}
