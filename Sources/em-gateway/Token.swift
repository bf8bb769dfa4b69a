import ArgumentParser
import EMGateway

/// `em-gateway token`: bearer tokens for service-account mode.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make bearer tokens for service-account mode.",
        subcommands: [New.self, Hash.self])

    /// `token new NAME`: a fresh token and its hash line.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Generate a token: prints the token (give it to the client), then the line for --bearer-tokens-file.")

        @Argument(help: "The client's name (audit logs), without ':' or spaces.")
        var name: String

        func run() throws {
            let token = BearerToken.generate()
            StandardStreams.printLine(token)
            StandardStreams.printLine(try BearerToken.hashLine(name: name, token: token))
        }
    }

    /// `token hash NAME`: the hash line of a token read from standard input.
    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash",
            abstract: "Print the --bearer-tokens-file line for a token read from standard input (first line).")

        @Argument(help: "The client's name (audit logs), without ':' or spaces.")
        var name: String

        func run() throws {
            guard let token = readLine(strippingNewline: true), !token.isEmpty else {
                StandardStreams.printError("em-gateway: error: no token on standard input")
                throw ExitCode.failure
            }
            StandardStreams.printLine(try BearerToken.hashLine(name: name, token: token))
        }
    }
}
