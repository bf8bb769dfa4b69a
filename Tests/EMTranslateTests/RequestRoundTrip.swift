import EMSchema
import EMTranslate
import Foundation
import TestSupport

/// XML request body → JSON (``XMLToJSONConverter``) → XML (``JSONToXMLWriter``), compared as
/// element trees read by Foundation's `XMLParser`.
struct RequestRoundTrip {
    let schema: TranslationSchema
    let writer: JSONToXMLWriter

    init(schema: TranslationSchema) {
        self.schema = schema
        self.writer = JSONToXMLWriter(schema: schema)
    }

    /// The outcome for one document.
    enum Outcome {
        /// The model does not know the root element.
        case skipped(root: String)
        /// Both directions ran; `difference` is `nil` when the trees agree.
        case compared(root: String, type: SchemaModel.TypeID, json: [UInt8], xml: [UInt8], difference: String?)
    }

    func run(_ original: [UInt8]) throws -> Outcome {
        let tree = try XMLNode.parse(original, namespaces: true)
        guard let type = schema.model.rootType(forElement: tree.name) else { return .skipped(root: tree.name) }
        let json = try XMLToJSONConverter.convert(original, schema: schema)
        let xml: [UInt8]
        do {
            xml = try writer.write(json: json, type: type, element: tree.name)
        } catch {
            return .compared(root: tree.name, type: type, json: json, xml: [], difference: "writer: \(error)")
        }
        SchemaCanonicalForm.normalize(tree, type: type, model: schema.model)
        let result = try XMLNode.parse(xml, namespaces: true)
        var difference = tree.difference(from: result)
        if difference == nil, result.namespace != JSONToXMLWriter.namespace {
            difference = "root namespace \(result.namespace ?? "none")"
        }
        return .compared(root: tree.name, type: type, json: json, xml: xml, difference: difference)
    }

    /// Files under `Tests/Fixtures/requests/<folder>`, sorted by name.
    static func fixtures(_ folder: String) throws -> [(name: String, bytes: [UInt8])] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/requests/\(folder)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }.sorted()
        return try names.map { name in
            (name, Array(try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }
}
