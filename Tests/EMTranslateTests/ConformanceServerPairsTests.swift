import EMSchema
import EMTranslate
import Testing

/// The two real EM answers the documentation shows both as XML and as EM's JSON convert, with the
/// built-in schema, to exactly EM's JSON (see `ConformanceComparison` for the accepted differences).
@Suite("Conformance: real EM answers in XML and JSON")
struct ConformanceServerPairsTests {
    static let pairs = [
        "pairs/representation_collections_02",  // GET /api/cloud/tenants?format=Entity → CloudTenants
        "pairs/resource_representation_for_ke_02",  // GET /api/jobs/{ID}?format=Entity → Job
    ]

    @Test("converts to EM's JSON, key order aside", arguments: pairs)
    func matchesEM(_ pair: String) throws {
        let xml = try ConformanceSupport.bytes(pair + ".xml")
        let result = try ConformanceSupport.convert(xml, schema: .builtIn)
        #expect(result.statistics.unknownNodes == 0, "unknown: \(result.unknownNames)")
        let ours = try ConformanceJSON.parse(result.json)
        let theirs = try ConformanceJSON.parse(try ConformanceSupport.bytes(pair + ".json"))
        var comparison = ConformanceComparison()
        comparison.compare(ours, theirs)
        #expect(comparison.differences.isEmpty, "\(comparison.differences.prefix(20).map(\.description))")
        print("conformance: \(pair) matches EM's JSON; accepted: \(comparison.accepted.sorted { $0.key < $1.key })")
    }

    @Test("the comparison accepts exactly its three exceptions and nothing more")
    func comparisonIsStrict() throws {
        func differences(_ ours: String, _ theirs: String) throws -> Int {
            var comparison = ConformanceComparison()
            comparison.compare(try ConformanceJSON.parse(Array(ours.utf8)), try ConformanceJSON.parse(Array(theirs.utf8)))
            return comparison.differences.count
        }
        // Accepted.
        #expect(try differences(#"{"Time":"14:00:00.0000000+01:00"}"#, #"{"Time":"2019-10-23T14:00:00"}"#) == 0)
        #expect(try differences(#"{"JobScheduleOptions":{"Href":null}}"#, #"{"JobScheduleOptions":{"Href":""}}"#) == 0)
        #expect(try differences(#"{"JobScheduleOptions":{}}"#, #"{"JobScheduleOptions":{"Href":""}}"#) == 0)
        #expect(try differences(#"{"Links":[{"Rel":"Up","Name":null}]}"#, #"{"Links":[{"Rel":"Up"}]}"#) == 0)
        // Not accepted.
        #expect(try differences(#"{"Time":null}"#, #"{"Time":"2019-10-23T14:00:00"}"#) == 1)
        #expect(try differences(#"{"Other":{"Href":null}}"#, #"{"Other":{"Href":""}}"#) == 1)
        #expect(try differences(#"{"JobScheduleOptions":{"Href":"x"}}"#, #"{"JobScheduleOptions":{"Href":""}}"#) == 1)
        #expect(try differences(#"{"Links":[{"Rel":"Up","Name":"a"}]}"#, #"{"Links":[{"Rel":"Up"}]}"#) == 1)
        #expect(try differences(#"{"Item":{"Name":null}}"#, #"{"Item":{}}"#) == 1)
        #expect(try differences(#"{"Progress":100}"#, #"{"Progress":"100"}"#) == 1)
        #expect(try differences(#"{"Enabled":true}"#, #"{"Enabled":1}"#) == 1)
        #expect(try differences(#"{"Days":["Mo"]}"#, #"{"Days":"Mo"}"#) == 1)
        #expect(try differences(#"{"A":1,"B":2}"#, #"{"B":2,"A":1}"#) == 0)
    }
}
