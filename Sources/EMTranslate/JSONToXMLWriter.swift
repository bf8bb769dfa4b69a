public import EMSchema
public import NIOCore

/// Turns a JSON request body into the XML EM expects: elements in schema order, attributes where
/// the schema has attributes, XML Schema lexical forms, in EM's namespace.
///
/// EM's XML reader (.NET `XmlSerializer`) needs request elements in the order of its schema (the
/// EM REST API reference says so on every POST and PUT page), while JSON objects have no order.
/// The writer therefore walks the schema's members, not the JSON's keys, so the same JSON with
/// its keys in any order gives byte-identical XML. The rules, member by member:
///
/// - `null` writes nothing at all: never the text `null`, never a marker.
/// - Members the schema marks read-only (`Links`, `Href`, `Type`, `UID`) are dropped silently, so
///   the JSON of a GET, edited, can be sent back with PUT.
/// - Any other property the type lacks, and any value of the wrong JSON type, is an error naming
///   its JSON path.
/// - Strings are written verbatim (`22:00:00.0000000+01:00` stays as it is); booleans as
///   `true`/`false`; numbers with their exact digits; an `integer` member takes only a number
///   without fraction or exponent.
/// - Lists accept both shapes EM's documentation shows: the JSON name holding an array
///   (`{"CloudGatewayPoolUids": [...]}`), or the XML item name holding one value or an array
///   (`{"CloudGatewayPoolUid": "..."}`); a wrapped list (`"Links": [...]`) also takes an object
///   holding the item name (`{"Vm": {...}}`). A member may always be named by its XML element
///   name (`RetrySpecified` for `RetrySpecified1`); naming one member twice is an error.
/// - `Value` becomes the element's text beside its attributes.
///
/// The output is `<?xml version="1.0" encoding="utf-8"?>`, a line feed, and the root element in
/// ``namespace`` with no other namespace declarations, no DOCTYPE and no processing instruction.
///
/// ```swift
/// let writer = JSONToXMLWriter(schema: .builtIn)
/// let type = writer.schema.model.typesByName["BackupServer"]!
/// let xml = try writer.write(json: Array(#"{"Port": 9392, "Name": "srv"}"#.utf8), type: type)
/// // <?xml version="1.0" encoding="utf-8"?>
/// // <BackupServer xmlns="http://www.veeam.com/ent/v1.0" Name="srv"><Port>9392</Port></BackupServer>
/// ```
///
/// The writer is immutable and `Sendable`: build one at start-up and share it.
public final class JSONToXMLWriter: Sendable {
    /// How to read the JSON.
    public struct Configuration: Sendable {
        /// Depth and size bounds on the JSON body. Default ``JSONReader/Limits/init()`` (64 levels, 1 MiB).
        public var limits: JSONReader.Limits

        /// Creates a configuration.
        /// - Parameter limits: depth and size bounds on the JSON body.
        public init(limits: JSONReader.Limits = JSONReader.Limits()) {
            self.limits = limits
        }
    }

    /// EM's XML namespace, declared as the default namespace on every root element written.
    public static let namespace = "http://www.veeam.com/ent/v1.0"

    /// The schema whose types the writer knows.
    public let schema: TranslationSchema
    /// How the JSON is read.
    public let configuration: Configuration
    /// `[type]` → JSON property name → member index.
    let jsonIndex: [[String: Int]]
    /// `[type]` → XML element name → member index, for properties named the XML way.
    let elementIndex: [[String: Int]]

    /// Prepares a writer for every type of `schema`.
    /// - Parameters:
    ///   - schema: the prepared schema (usually ``TranslationSchema/builtIn``).
    ///   - configuration: JSON limits.
    public init(schema: TranslationSchema = .builtIn, configuration: Configuration = Configuration()) {
        self.schema = schema
        self.configuration = configuration
        var jsonIndex: [[String: Int]] = []
        var elementIndex: [[String: Int]] = []
        for type in schema.model.types {
            var byJSON: [String: Int] = [:]
            var byElement: [String: Int] = [:]
            for (index, member) in type.members.enumerated() {
                if byJSON[member.jsonName] == nil { byJSON[member.jsonName] = index }
                if member.kind == .element, byElement[member.xmlName] == nil { byElement[member.xmlName] = index }
            }
            jsonIndex.append(byJSON)
            elementIndex.append(byElement)
        }
        self.jsonIndex = jsonIndex
        self.elementIndex = elementIndex
    }

    /// Reads a JSON document and writes it as the XML of `type`.
    /// - Parameters:
    ///   - json: the JSON body, UTF-8: an object holding the root element's content (EM's JSON form,
    ///     without the root's name).
    ///   - type: the root's type, an index into the schema's ``SchemaModel/types`` (look it up with
    ///     ``SchemaModel/typesByName`` or ``SchemaModel/rootType(forElement:)``).
    ///   - element: the root element's name; `nil` for ``rootElementName(for:)``.
    /// - Returns: the XML document, UTF-8, without a trailing line feed.
    /// - Throws: ``TranslateError`` `.malformedJSON` when `json` is not JSON or exceeds the limits
    ///   (see ``JSONReader/parse(_:limits:)``); otherwise as ``write(_:type:element:)``.
    public func write(json: some Collection<UInt8>, type: SchemaModel.TypeID, element: String? = nil) throws -> [UInt8] {
        Array(try writeBuffer(json: json, type: type, element: element).readableBytesView)
    }

    /// ``write(json:type:element:)`` into a `ByteBuffer`: the document as the upstream client
    /// sends it, with no further copy.
    /// - Returns: the XML document, UTF-8, without a trailing line feed.
    /// - Throws: as ``write(json:type:element:)``.
    public func writeBuffer(json: some Collection<UInt8>, type: SchemaModel.TypeID, element: String? = nil) throws -> ByteBuffer {
        try writeBuffer(JSONReader.parse(json, limits: configuration.limits), type: type, element: element)
    }

    /// Writes a JSON value as the XML of `type`.
    /// - Parameters:
    ///   - value: the root element's content; must be an object.
    ///   - type: the root's type, an index into the schema's ``SchemaModel/types``.
    ///   - element: the root element's name; `nil` for ``rootElementName(for:)``.
    /// - Returns: the XML document, UTF-8, without a trailing line feed.
    /// - Throws: ``TranslateError``: `.schemaMismatch` for a property the type lacks or a value of
    ///   the wrong JSON type (the message names the JSON path, e.g.
    ///   `Job.JobScheduleOptions.OptionsDaily.Foo`); `.invalidXMLCharacter` for a string XML 1.0
    ///   cannot carry; `.misuse` when `type` is not in the schema or `element` is not an XML name.
    public func write(_ value: JSONValue, type: SchemaModel.TypeID, element: String? = nil) throws -> [UInt8] {
        Array(try writeBuffer(value, type: type, element: element).readableBytesView)
    }

    /// ``write(_:type:element:)`` into a `ByteBuffer`.
    /// - Returns: the XML document, UTF-8, without a trailing line feed.
    /// - Throws: as ``write(_:type:element:)``.
    public func writeBuffer(_ value: JSONValue, type: SchemaModel.TypeID, element: String? = nil) throws -> ByteBuffer {
        guard schema.model.types.indices.contains(type) else {
            throw TranslateError(.misuse, "type index \(type) is not in the schema")
        }
        let name = element ?? rootElementName(for: type)
        guard XMLOutput.isValidName(name) else {
            throw TranslateError(.misuse, "\"\(name)\" is not an XML element name")
        }
        let path = schema.model.types[type].name
        guard case .object(let properties) = value else {
            throw TranslateError(.schemaMismatch, "\(path): expected an object, found \(value.withArticle)")
        }
        var output = XMLOutput()
        output.appendDeclaration()
        try writeObject(properties, type: type, element: name, path: path, namespace: Self.namespace, to: &output)
        return output.bytes
    }

    /// The name a document of `type` has as a root element: the root element name the schema gives
    /// the type (its component name when that is one of them), else the component name itself.
    /// - Parameter type: an index into the schema's ``SchemaModel/types``.
    /// - Returns: the element name (`Job`, `CreateCloudTenantSpec`).
    public func rootElementName(for type: SchemaModel.TypeID) -> String {
        let component = schema.model.types[type].name
        let roots = schema.model.rootElements.filter { $0.value == type }.map(\.key)
        if roots.isEmpty || roots.contains(component) { return component }
        return roots.min()!
    }
}
