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

        func validate() throws { try Token.check(name: name) }

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
            abstract: "Print the --bearer-tokens-file line for a token read from standard input (first line).",
            discussion: HelpText.paragraphs(
                "The token must be one em-gateway token new made (emg_ and 43 base64url characters); anything else exits 64."))

        @Argument(help: "The client's name (audit logs), without ':' or spaces.")
        var name: String

        func validate() throws { try Token.check(name: name) }

        func run() throws {
            guard let token = readLine(strippingNewline: true), !token.isEmpty else {
                StandardStreams.printError("em-gateway: error: no token on standard input")
                throw ExitCode.failure
            }
            // Anything else (a password, a name) would become an accepted bearer token without the
            // 256 random bits that make a fast keyed hash of it safe to store.
            guard BearerToken.isWellFormed(token) else {
                StandardStreams.printError(
                    "em-gateway: error: standard input is not a token as em-gateway token new makes them (\(BearerToken.prefix) and 43 base64url characters)"
                )
                throw ExitCode.validationFailure
            }
            StandardStreams.printLine(try BearerToken.hashLine(name: name, token: token))
        }
    }

    /// Refuses a client name the hash file cannot hold, before anything is printed.
    /// - Throws: `ValidationError` (exit status 64) naming the rule.
    static func check(name: String) throws {
        guard BearerToken.isValidClientName(name) else {
            throw ValidationError("the client name '\(name)' must be 1 to 64 characters without ':' or whitespace")
        }
    }
}
