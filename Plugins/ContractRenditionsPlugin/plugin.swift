// Produces the served renditions of openapi/em-gateway.yaml (OpenAPI 3.2 and 3.1, YAML and JSON)
// for the target it is applied to, by running `em-contract-render` whenever the spec
// changes. The output is Swift source in the build directory; nothing is written to the package.
import Foundation
import PackagePlugin

@main
struct ContractRenditionsPlugin: BuildToolPlugin {
    /// One build command: `em-contract-render <spec> <work>/ContractRenditions+Generated.swift`.
    /// - Parameters:
    ///   - context: the package and the plugin's work directory.
    ///   - target: the target the plugin is applied to (`EMContract`).
    /// - Returns: the command; its input is the spec, so editing the spec reruns it.
    /// - Throws: when the `em-contract-render` tool is not available.
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let spec = context.package.directoryURL.appending(path: "openapi/em-gateway.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "ContractRenditions+Generated.swift")
        return [
            .buildCommand(
                displayName: "Rendering openapi/em-gateway.yaml as OpenAPI 3.2 and 3.1",
                executable: try context.tool(named: "em-contract-render").url,
                arguments: [spec.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: [spec],
                outputFiles: [output])
        ]
    }
}
