// em-schema-compile: compiles openapi/em-gateway.yaml into Sources/EMSchema/CompiledSchema+Generated.swift.
// Usage and exit codes: see CompileCommand in EMSchemaCompiler.
import EMSchemaCompiler

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

exit(CompileCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
