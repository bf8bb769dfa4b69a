import Foundation

/// The `em-schema-compile` command line, kept in the library so tests can run it.
///
/// ```text
/// em-schema-compile <spec.yaml> <output.swift>               write the generated file (if it changed)
/// em-schema-compile --check <spec.yaml> <output.swift>       exit 1 if the file is missing or stale
/// ```
///
/// The served renditions of the spec are written by `em-contract-render` (EMContractRenderer),
/// which the build plugin runs: a tool that links Yams only, so building the gateway does not
/// wait for OpenAPIKit.
///
/// Exit codes: 0 success (or up to date), 1 compile error or stale file, 2 usage error.
/// Relative paths are named as given in the file header; absolute paths under the current
/// directory are shortened to relative ones, so the header does not depend on the checkout.
///
/// ```swift
/// exit(CompileCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
/// ```
public enum CompileCommand {
    /// The usage text.
    public static let usage = """
        usage: em-schema-compile [--check] <spec.yaml> <output.swift>
          Compiles the OpenAPI spec into the Swift file that embeds SchemaModel.builtIn.
          --check       write nothing; exit 1 if <output.swift> is missing or differs.
        """

    /// Runs the command.
    /// - Parameters:
    ///   - arguments: the arguments after the program name.
    ///   - currentDirectory: the directory relative paths are read from and named against
    ///     (default: the process's current directory).
    ///   - printOut: receives progress lines (default: standard output).
    ///   - printError: receives error lines (default: standard error).
    /// - Returns: the process exit code: 0, 1 (compile error, stale file) or 2 (usage).
    public static func run(
        arguments: [String],
        currentDirectory: String? = nil,
        printOut: ((String) -> Void)? = nil,
        printError: ((String) -> Void)? = nil
    ) -> Int32 {
        let currentDirectory = currentDirectory ?? FileManager.default.currentDirectoryPath
        let printOut = printOut ?? { print($0) }
        let printError = printError ?? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        var arguments = arguments
        let check = arguments.first == "--check"
        if check { arguments.removeFirst() }
        guard arguments.count == 2, !arguments.contains(where: { $0.hasPrefix("-") }) else {
            printError(usage)
            return 2
        }
        let specPath = absolute(arguments[0], in: currentDirectory)
        let outputPath = absolute(arguments[1], in: currentDirectory)
        let specName = displayName(arguments[0], in: currentDirectory)
        let outputName = displayName(arguments[1], in: currentDirectory)

        let source: String
        do {
            let yaml = try String(contentsOfFile: specPath, encoding: .utf8)
            let model = try SchemaCompiler.compile(yaml: yaml)
            source = SchemaCompiler.generatedSource(for: model, specPath: specName, outputPath: outputName)
        } catch {
            printError("em-schema-compile: \(specName): \(error)")
            return 1
        }

        let existing = try? String(contentsOfFile: outputPath, encoding: .utf8)
        if existing == source {
            printOut("em-schema-compile: \(outputName) is up to date")
            return 0
        }
        if check {
            printError(
                "em-schema-compile: \(outputName) is \(existing == nil ? "missing" : "stale"); regenerate it with "
                    + "`swift run em-schema-compile \(specName) \(outputName)`")
            return 1
        }
        do {
            try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
        } catch {
            printError("em-schema-compile: cannot write \(outputName): \(error)")
            return 1
        }
        printOut("em-schema-compile: wrote \(outputName)")
        return 0
    }

    private static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// The path as the header names it: relative to `directory` when it lies below it.
    private static func displayName(_ path: String, in directory: String) -> String {
        var name = path
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        if name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        while name.hasPrefix("./") { name.removeFirst(2) }
        return name
    }
}
