import HTTPTypes
import Testing

@testable import EMGateway

/// Reading a field's combined value: the same text as `HTTPFields`' subscript gives.
@Suite("HTTP fields")
struct HTTPFieldsTests {
    @Test func combinedValueIsTheSubscriptsText() throws {
        var fields: HTTPFields = [.accept: "application/json", .cacheControl: "no-cache"]
        fields.append(HTTPField(name: .cacheControl, value: "max-age=0"))
        fields.append(HTTPField(name: .cookie, value: "a=1"))
        fields.append(HTTPField(name: .cookie, value: "b=2"))
        fields.append(HTTPField(name: try #require(HTTPField.Name("X-Request-Id")), value: "r1"))
        for name in [HTTPField.Name.accept, .cacheControl, .cookie, .origin, try #require(HTTPField.Name("x-request-ID"))] {
            #expect(fields.combinedValue(name) == fields[name], "\(name)")
        }
        #expect(fields.combinedValue(.cacheControl) == "no-cache, max-age=0")
        #expect(fields.combinedValue(.cookie) == "a=1; b=2")
        #expect(fields.combinedValue(.origin) == nil)
    }
}
