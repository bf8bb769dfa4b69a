import EMTranslate

/// Parses dialect names given on the command line.
enum JSONDialectName {
    static func isValid(_ name: String) -> Bool { JSONDialect(name: name) != nil }
    static func dialect(_ name: String) -> JSONDialect { JSONDialect(name: name) ?? .native }
}
