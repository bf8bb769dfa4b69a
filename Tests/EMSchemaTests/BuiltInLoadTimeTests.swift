import EMSchema
import Testing

/// Start-up cost of the built-in model: parsing the embedded compiled text, not OpenAPI.
struct BuiltInLoadTimeTests {
    @Test func builtInLoadsInMilliseconds() throws {
        let clock = ContinuousClock()
        var fastest = Duration.seconds(60)
        var model: SchemaModel?
        for _ in 0..<5 {
            let elapsed = try clock.measure { model = try SchemaModel.loadBuiltIn() }
            fastest = min(fastest, elapsed)
        }
        let loaded = try #require(model)
        let bytes = SchemaModel.builtInCompiledText.utf8.count
        print(
            "builtIn: \(loaded.types.count) types, \(loaded.rootElements.count) roots, \(loaded.operations.count) "
                + "operation variants from \(bytes) bytes of compiled text, loaded in \(fastest) (fastest of 5)")
        // Release builds load it in a few milliseconds; unoptimized builds on shared CI cores get slack.
        #expect(fastest < .milliseconds(500))
    }
}
