import ArgumentParser
import EMSchema
import EMTranslate

#if canImport(Glibc)
    import Glibc
#endif

/// `em-gateway to-xml`: a JSON request body from a file or standard input → the XML EM expects.
struct ToXML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-xml",
        abstract: "Convert a JSON request body (a file, or - for standard input) to EM's XML on standard output.",
        discussion: HelpText.paragraphs(
            """
            The JSON is the body in EM's own JSON form: an object holding the root element's content, \
            without the root's name. --type names the body's type as openapi/em-gateway.yaml does \
            (--list-types lists them); the root element is named after it unless --element says otherwise.

            The XML lists elements in EM's schema order whatever the order of the JSON keys, writes \
            attributes where the schema has attributes, and leaves out nulls and read-only members \
            (Links, Href, Type, UID), so the JSON of a GET can be edited and sent back with PUT. A list \
            may be given as its JSON name holding an array or as its XML item name holding one item. \
            Any property the type lacks, or a value of the wrong JSON type, is an error naming its path \
            (BackupServerSpec.Port: expected an integer, found a string).

            Exit status 1 and a message on standard error on any error.

            Examples:
              echo '{"Description":"srv01","DnsNameOrIpAddress":"vbr01","Port":9392}' \\
                | em-gateway to-xml --type BackupServerSpec
              em-gateway to-xml --type Job job.json > job.xml
              em-gateway to-xml --list-types
            """))

    @Option(help: ArgumentHelp("The body's type: a component name from the schema (e.g. BackupServerSpec).", valueName: "ComponentName"))
    var type: String?

    @Option(help: ArgumentHelp("The root element's name (default: the type's root element name).", valueName: "NAME"))
    var element: String?

    @Flag(help: "List the types the built-in schema knows, one per line, and exit.")
    var listTypes = false

    @Argument(help: ArgumentHelp("The JSON file to convert; - or nothing reads standard input.", valueName: "FILE|-"))
    var file: String?

    func run() throws {
        let model = SchemaModel.builtIn
        if listTypes {
            for name in model.typesByName.keys.sorted() { StandardStreams.printLine(name) }
            return
        }
        guard let name = type else { fail("missing --type <ComponentName> (em-gateway to-xml --list-types lists them)") }
        guard let typeIndex = model.typesByName[name] else { fail(unknownTypeMessage(name, model: model)) }
        let writer = JSONToXMLWriter(schema: .builtIn)
        let json = readInput(limit: writer.configuration.limits.maxInputBytes)
        do {
            var xml = try writer.write(json: json, type: typeIndex, element: element)
            xml.append(0x0A)
            xml.withUnsafeBytes { StandardStreams.writeOut($0) }
        } catch let error as TranslateError {
            fail(error.description)
        }
    }

    /// Reads the whole input, or one byte past `limit` (the writer then reports the size).
    private func readInput(limit: Int) -> [UInt8] {
        var descriptor: Int32 = 0
        if let file, file != "-" {
            descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else { fail("cannot open \(file)") }
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var input: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while input.count <= limit {
            let count = chunk.withUnsafeMutableBytes { StandardStreams.read(descriptor, into: $0) }
            guard count >= 0 else { fail("cannot read the input") }
            if count == 0 { break }
            input.append(contentsOf: chunk[0..<count])
        }
        return input
    }

    private func unknownTypeMessage(_ name: String, model: SchemaModel) -> String {
        let near = model.typesByName.keys.filter { $0.lowercased() == name.lowercased() }
        let hint = near.first.map { "; did you mean \($0)?" } ?? "; em-gateway to-xml --list-types lists the known ones"
        return "the schema has no type named \"\(name)\"\(hint)"
    }

    private func fail(_ message: String) -> Never {
        StandardStreams.printError("em-gateway: error: \(message)")
        Self.exit(withError: ExitCode.failure)
    }
}
