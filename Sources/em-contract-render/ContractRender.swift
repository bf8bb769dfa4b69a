// em-contract-render: writes the Swift file that embeds the served renditions of the contract
// (OpenAPI 3.2 and 3.1, YAML and JSON) for the EMContract target. The ContractRenditions build
// plugin runs it whenever openapi/em-gateway.yaml changes; it links Yams only.
//
//   em-contract-render <spec.yaml> <output.swift>
//
// Exit codes: 0 written, 1 the spec cannot be read or rendered or the file cannot be written,
// 2 usage error. The output is always written, so the build system sees it newer than the spec.
import EMContractRenderer
import Foundation

/// The tool's entry point: an `@main` type rather than top-level code, so that it also compiles
/// where every file is parsed as a library (the fuzzing build passes `-parse-as-library`).
@main
enum ContractRender {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count == 2, !arguments.contains(where: { $0.hasPrefix("-") }) else {
            FileHandle.standardError.write(Data("usage: em-contract-render <spec.yaml> <output.swift>\n".utf8))
            exit(2)
        }
        do {
            let yaml = try String(contentsOfFile: arguments[0], encoding: .utf8)
            let source = try ContractRenditions(yaml: yaml).generatedSource()
            try source.write(toFile: arguments[1], atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("em-contract-render: \(arguments[0]): \(error)\n".utf8))
            exit(1)
        }
    }
}
