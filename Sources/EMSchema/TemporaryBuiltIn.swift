// TEMPORARY (main branch only until the schema branch lands): stands in for the compiled model.
extension SchemaModel {
    public static let builtIn = SchemaModel(types: [], rootElements: [:])
}
