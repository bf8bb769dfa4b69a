import EMSchema
import EMTranslate
import Foundation
import NIOCore

/// Fixtures and conversion helpers shared by the conformance tests: EM's own samples under
/// `Tests/Fixtures/samples/` (copied there by `scripts/generate-spec.py`), read with the built-in schema.
enum ConformanceSupport {
    /// `Tests/Fixtures/samples/`, found from this file's path.
    static let samplesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EMTranslateTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/samples")

    /// One line of `manifest.tsv`: how a sample is read.
    struct Sample: Sendable, CustomStringConvertible {
        enum Kind: String, Sendable {
            /// A namespaced document; its root element is a root of the built-in schema.
            case document
            /// A request-body fragment without namespace whose root element is read as `component`.
            case fragment
            /// A fragment that is a bare list inside `component`: read inside an element of that type.
            case wrappedFragment = "wrapped-fragment"
        }

        let file: String
        let rootElement: String
        let component: String
        let kind: Kind
        /// Elements of other EM versions that the built-in types leave out (real server JSON fixed them).
        let otherVersionElements: Set<String>

        var description: String { file }
    }

    /// Every sample in the manifest.
    static func samples() throws -> [Sample] {
        let text = try String(contentsOf: samplesDirectory.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let kind = Sample.Kind(rawValue: fields[3]) else {
                throw ManifestError(line: String(line))
            }
            let other = fields[4] == "-" ? [] : Set(fields[4].split(separator: ",").map(String.init))
            return Sample(file: fields[0], rootElement: fields[1], component: fields[2], kind: kind, otherVersionElements: other)
        }
    }

    struct ManifestError: Error { let line: String }

    /// The sample's bytes.
    static func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samplesDirectory.appendingPathComponent(file)))
    }

    /// What one conversion produced.
    struct Result {
        let json: [UInt8]
        let statistics: XMLToJSONConverter.Statistics
        let unknownNames: [String]
    }

    /// Converts a sample with the built-in types. Fragments are read as their component by giving the
    /// model one more root element (the types themselves are the built-in ones).
    static func convert(_ sample: Sample, dialect: JSONDialect = .native) throws -> Result {
        var xml = try bytes(sample.file)
        let model = SchemaModel.builtIn
        var schema = TranslationSchema.builtIn
        if sample.kind != .document {
            guard let type = model.typesByName[sample.component] else { throw ManifestError(line: sample.file) }
            let root = sample.kind == .fragment ? sample.rootElement : sample.component
            schema = translationSchema(root: root, type: type)
            if sample.kind == .wrappedFragment {
                xml = Array("<\(root)>".utf8) + stripDeclaration(xml) + Array("</\(root)>".utf8)
            }
        }
        return try convert(xml, schema: schema, dialect: dialect)
    }

    /// Converts XML with a schema, keeping the statistics.
    static func convert(_ xml: [UInt8], schema: TranslationSchema, dialect: JSONDialect = .native) throws -> Result {
        let converter = XMLToJSONConverter(schema: schema, configuration: .init(dialect: dialect))
        var output = try xml.withUnsafeBytes { try converter.feed(bytes: $0) }
        output.writeImmutableBuffer(try converter.finish())
        return Result(
            json: output.readBytes(length: output.readableBytes) ?? [], statistics: converter.statistics,
            unknownNames: converter.unknownNames)
    }

    /// The built-in types with `root` as one more root element, standing for `type`.
    static func translationSchema(root: String, type: SchemaModel.TypeID) -> TranslationSchema {
        let model = SchemaModel.builtIn
        var roots = model.rootElements
        roots[root] = type
        return TranslationSchema(model: SchemaModel(types: model.types, rootElements: roots))
    }

    /// The document without its `<?xml …?>` declaration, so it can be nested in another element.
    static func stripDeclaration(_ xml: [UInt8]) -> [UInt8] {
        guard xml.starts(with: Array("<?xml".utf8)), let end = xml.firstIndex(of: UInt8(ascii: ">")) else { return xml }
        return Array(xml[(end + 1)...])
    }
}
