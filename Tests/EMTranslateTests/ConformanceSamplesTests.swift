import EMSchema
import EMTranslate
import Testing

/// Every valid XML sample of EM's documentation and of real EM answers converts with the built-in
/// schema without meeting an element or attribute the schema does not know.
@Suite("Conformance: EM's XML samples against the built-in schema")
struct ConformanceSamplesTests {
    @Test("every sample converts with zero unknown elements (other-version elements listed in the manifest)")
    func zeroUnknownElements() throws {
        let samples = try ConformanceSupport.samples()
        #expect(samples.count >= 400, "the manifest lists \(samples.count) samples")
        var clean = 0
        var otherVersion = 0
        for sample in samples {
            let result = try ConformanceSupport.convert(sample)
            if sample.otherVersionElements.isEmpty {
                #expect(
                    result.statistics.unknownNodes == 0,
                    "\(sample.file): \(result.statistics.unknownNodes) unknown nodes: \(result.unknownNames)")
                if result.statistics.unknownNodes == 0 { clean += 1 }
            } else {
                // Elements real EM answers of another version do not have: exactly those, nothing else.
                #expect(
                    Set(result.unknownNames) == sample.otherVersionElements,
                    "\(sample.file): unknown \(result.unknownNames), manifest lists \(sample.otherVersionElements.sorted())")
                otherVersion += 1
            }
            _ = try ConformanceJSON.parse(result.json)
        }
        print(
            "conformance: \(clean)/\(samples.count - otherVersion) samples with 0 unknown elements; "
                + "\(otherVersion) more show only elements of other EM versions (listed in the manifest)")
    }

    @Test("documents and fragments both map to schema types; documents need no extra root")
    func rootsResolve() throws {
        let model = SchemaModel.builtIn
        for sample in try ConformanceSupport.samples() {
            #expect(model.typesByName[sample.component] != nil, "\(sample.file): no component \(sample.component)")
            if sample.kind == .document {
                #expect(model.rootType(forElement: sample.rootElement) == model.typesByName[sample.component], "\(sample.file)")
            }
        }
    }
}
