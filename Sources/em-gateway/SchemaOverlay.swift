import ArgumentParser
import EMSchema
import EMTranslate

/// The translation schema for `serve --xsd` and `convert --xsd`.
enum SchemaOverlay {
    /// The built-in schema, or with `xsdPath` the built-in one overlaid with that EM `RestAPI.xsd`.
    /// - Parameter xsdPath: the XSD file, or `nil` for the built-in schema.
    /// - Returns: the prepared schema, and the overlay's report when a path was given.
    /// - Throws: `ExitCode.failure` after printing the `SchemaError` when the XSD cannot be read or is refused.
    static func translationSchema(xsdPath: String?) throws -> (TranslationSchema, XSDOverlay?) {
        guard let xsdPath else { return (.builtIn, nil) }
        do {
            let overlay = try SchemaModel.builtIn.overlay(xsdFile: xsdPath)
            return (TranslationSchema(model: overlay.model), overlay)
        } catch let error as SchemaError {
            StandardStreams.printError("em-gateway: error: --xsd \(xsdPath): \(error)")
            throw ExitCode.failure
        }
    }
}
