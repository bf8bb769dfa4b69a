import ArgumentParser
import EMTranslate
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// `em-gateway convert`: EM XML from a file or standard input → EM's native JSON on standard output.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert EM XML (a file, or - for standard input) to EM's JSON on standard output.",
        discussion: HelpText.paragraphs(
            """
            The output is one JSON document followed by a newline. With --public-url, links into EM's
            /api/ are rewritten to that base (as the gateway does); without it they stay as EM wrote them.
            Exit status 1 and a message on standard error when the XML is malformed or hostile.
            """))

    @Argument(help: ArgumentHelp("The XML file to convert; - or nothing reads standard input.", valueName: "FILE|-"))
    var file: String?

    @Option(help: ArgumentHelp("Rewrite EM's links to this base URL (e.g. http://127.0.0.1:8080).", valueName: "URL"))
    var publicURL: String?

    @Option(help: ArgumentHelp("Overlay this EM's own RestAPI.xsd on the built-in schema.", valueName: "PATH"))
    var xsd: String?

    func run() throws {
        let (schema, _) = try SchemaOverlay.translationSchema(xsdPath: xsd)
        var descriptor: Int32 = 0
        if let file, file != "-" {
            descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else { throw ValidationError("cannot open \(file)") }
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let converter = XMLToJSONConverter(
            schema: schema, configuration: .init(linkRewriter: publicURL.map { LinkRewriter(publicBaseURL: $0) }))
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        do {
            while true {
                let count = chunk.withUnsafeMutableBytes { StandardStreams.read(descriptor, into: $0) }
                guard count >= 0 else { throw ValidationError("cannot read the input") }
                if count == 0 { break }
                let output = try chunk.withUnsafeBytes { try converter.feed(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                write(output)
            }
            var last = try converter.finish()
            last.writeString("\n")
            write(last)
        } catch let error as TranslateError {
            StandardStreams.printError("em-gateway: error: the input \(error.fault) (\(error))")
            throw ExitCode.failure
        }
    }

    private func write(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { StandardStreams.writeOut($0) }
    }
}
