extension SchemaModel {
    /// The model compiled from `openapi/em-gateway.yaml`, loaded once on first use from
    /// `CompiledSchema+Generated.swift`.
    ///
    /// ```swift
    /// let model = SchemaModel.builtIn
    /// let session = model.rootType(forElement: "ReplicaJobSession")
    /// ```
    /// - Important: The generated text is checked by the EMSchemaTests drift and round-trip tests,
    ///   so loading cannot fail in a tested build; if it does anyway the process stops. A server
    ///   that wants a thrown error instead calls ``loadBuiltIn()`` before binding.
    public static let builtIn: SchemaModel = {
        do {
            return try loadBuiltIn()
        } catch {
            fatalError("EMSchema: the built-in compiled schema does not load: \(error)")
        }
    }()

    /// Parses the built-in compiled text afresh.
    /// - Returns: a model equal to ``builtIn``.
    /// - Throws: ``SchemaError`` when the generated text is damaged (see ``init(compiledText:)``).
    public static func loadBuiltIn() throws -> SchemaModel {
        try SchemaModel(compiledText: compiledSchemaText)
    }

    /// The compiled text embedded in this build (`CompiledSchema+Generated.swift`).
    public static var builtInCompiledText: String { compiledSchemaText }
}
