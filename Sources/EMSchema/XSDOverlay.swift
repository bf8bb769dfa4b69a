#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The result of overlaying an EM `RestAPI.xsd` on a ``SchemaModel``: the new model and what the
/// overlay did.
///
/// EM installs its schema as `RestAPI.xsd` (Windows: `%ProgramFiles%\Veeam\Backup and
/// Replication\Enterprise Manager\schemas\`, Linux: `/opt/veeam/vbem/schemas/`). Overlaying it
/// makes the converter follow that EM version exactly:
///
/// - every XSD complex type that maps to a model type (through the root elements the XSD
///   declares, else by name: `BackupServerEntityType` → `BackupServer`,
///   `ReplicaJobSessionEntityListType` → `ReplicaJobSessions`) gets the XSD's element order
///   (base type's elements first), the XSD's scalar types (`int`/`long`/`ushort`... → integer,
///   `bool`/`boolean` → boolean, `decimal`/`double` → number, else string) and list shapes
///   (`maxOccurs` above one → repeated; a type holding one repeated element → a wrapped list;
///   a `ListType` descendant → a list type whose member has the plural JSON name);
/// - elements and attributes the XSD adds are added; types and root elements the XSD adds are added;
/// - existing members keep their JSON names (EM's .NET renames such as `RetrySpecified1`), link
///   and read-only marks, and attributes keep their place;
/// - members the model has and the XSD lacks are **kept**, after the element that precedes them
///   in the model: an older XSD must not drop what newer EMs send (the built-in model follows real
///   answers of EM 10 to 13), and a member EM never sends only costs a `null`.
///
/// Constructs the overlay does not map (`xs:any`, `xs:group`, `ref=`, restrictions of complex
/// content...) are skipped and listed in ``skipped``, never fatal.
///
/// ```swift
/// let overlay = try SchemaModel.builtIn.overlay(xsdFile: "/opt/veeam/vbem/schemas/RestAPI.xsd")
/// print("\(overlay.overlaidTypes.count) types overlaid, \(overlay.skipped.count) constructs skipped")
/// let schema = TranslationSchema(model: overlay.model)
/// ```
public struct XSDOverlay: Sendable {
    /// The overlaid model: existing types keep their `TypeID`s, added types follow them.
    public let model: SchemaModel
    /// Component names of the model types the XSD described (in the order they were overlaid).
    public let overlaidTypes: [String]
    /// Component names of the types the XSD added.
    public let addedTypes: [String]
    /// Root elements the XSD added (sorted).
    public let addedRootElements: [String]
    /// One description per XSD construct the overlay skipped (`xs:any in JobScheduleOptions`).
    public let skipped: [String]

    /// Creates a result; see ``SchemaModel/overlay(xsd:)``.
    /// - Parameters:
    ///   - model: the overlaid model.
    ///   - overlaidTypes: component names of the described model types.
    ///   - addedTypes: component names of added types.
    ///   - addedRootElements: added root element names.
    ///   - skipped: descriptions of skipped constructs.
    public init(model: SchemaModel, overlaidTypes: [String], addedTypes: [String], addedRootElements: [String], skipped: [String]) {
        self.model = model
        self.overlaidTypes = overlaidTypes
        self.addedTypes = addedTypes
        self.addedRootElements = addedRootElements
        self.skipped = skipped
    }
}

extension SchemaModel {
    /// Overlays an EM `RestAPI.xsd` on this model; see ``XSDOverlay`` for the rules.
    ///
    /// ```swift
    /// let model = try SchemaModel.builtIn.overlaying(xsd: Array(xsdText.utf8))
    /// ```
    /// - Parameter xsd: the XSD document's bytes. Parsed by libxml2 without network access, DTD
    ///   loading or entity substitution.
    /// - Returns: the overlaid model.
    /// - Throws: ``SchemaError`` `.forbiddenDTD` when the XSD has a DOCTYPE or declares an entity,
    ///   `.malformedXSD` when it is not well-formed XML or its root is not `xs:schema`.
    public func overlaying(xsd: [UInt8]) throws -> SchemaModel {
        try overlay(xsd: xsd).model
    }

    /// Overlays the `RestAPI.xsd` at `path` on this model; see ``overlaying(xsd:)``.
    /// - Parameter path: the XSD file's path.
    /// - Returns: the overlaid model.
    /// - Throws: ``SchemaError`` `.unreadableFile` when the file cannot be read, else as ``overlaying(xsd:)``.
    public func overlaying(xsdFile path: String) throws -> SchemaModel {
        try overlay(xsdFile: path).model
    }

    /// Overlays an EM `RestAPI.xsd` on this model and reports what changed.
    /// - Parameter xsd: the XSD document's bytes.
    /// - Returns: the overlaid model with the names of overlaid and added types and the skipped constructs.
    /// - Throws: ``SchemaError`` as ``overlaying(xsd:)``.
    public func overlay(xsd: [UInt8]) throws -> XSDOverlay {
        let definitions = try XSDDefinitions(root: XSDReader.parse(xsd))
        var builder = XSDOverlay.Builder(model: self, definitions: definitions)
        return builder.build()
    }

    /// Overlays the `RestAPI.xsd` at `path` on this model and reports what changed.
    /// - Parameter path: the XSD file's path.
    /// - Returns: see ``overlay(xsd:)``.
    /// - Throws: ``SchemaError`` `.unreadableFile` when the file cannot be read, else as ``overlaying(xsd:)``.
    public func overlay(xsdFile path: String) throws -> XSDOverlay {
        try overlay(xsd: Self.readFile(path))
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SchemaError(.unreadableFile, "cannot open \(path) (errno \(errno))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw SchemaError(.unreadableFile, "cannot read \(path) (errno \(errno))") }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            guard bytes.count <= XSDReader.maxBytes else {
                throw SchemaError(.malformedXSD, "\(path) is larger than \(XSDReader.maxBytes) bytes")
            }
        }
    }
}
