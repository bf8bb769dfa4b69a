import ArgumentParser
import EMGateway
import EMTranslate
import EMUpstream
import Foundation
import Logging
import UnixSignals

/// `em-gateway verify`: compares the gateway's JSON with an Enterprise Manager's own JSON,
/// resource by resource, read-only (the walk and the comparison live in EMGateway's ``Verifier``).
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare the gateway's JSON with your Enterprise Manager's own JSON (read-only pilot).",
        discussion: HelpText.paragraphs(
            """
            Logs on to EM as EM_GATEWAY_VERIFY_USER with EM_GATEWAY_VERIFY_PASSWORD (or the file named by
            EM_GATEWAY_VERIFY_PASSWORD_FILE; never a flag), walks EM with GETs only, fetches each resource
            as XML (converted by the gateway, both dialects) and as EM's JSON, compares, logs off.
            Reads upstream.*, xsd and dialect from the same flags, variables and --config file as serve;
            the other settings of a production config are accepted and ignored.
            Prints a summary; --report FILE writes the full report as JSON. Neither holds values, IDs,
            host names or query strings unless --include-values is given.
            Exit status: 0 a dialect matches apart from EM's known differences; 1 the gateway differs;
            2 it could not run (EM unreachable, logon refused, EM offers no JSON, interrupted); 64 usage.
            """) + "\n\n" + SettingArguments.settingsHelp)

    @OptionGroup var sources: SettingArguments

    @Option(name: .customLong("max-resources"), help: ArgumentHelp("Most resources compared.", valueName: "N"))
    var maxResources = 500

    @Option(name: .customLong("concurrency"), help: ArgumentHelp("Resources fetched at once.", valueName: "N"))
    var concurrency = 4

    @Option(name: .customLong("report"), help: ArgumentHelp("Write the full report as JSON to this file.", valueName: "FILE"))
    var reportFile: String?

    @Flag(name: .customLong("include-values"), help: "Put the differing values and the resources' paths in the report (your data).")
    var includeValues = false

    /// The settings `verify` reads; the others are accepted and ignored.
    static let appliedKeys: Set<String> = Set(GatewaySetting.all.map(\.key).filter { $0.hasPrefix("upstream.") })
        .union(["xsd", "dialect", "verify.user", "verify.password", "log.format", "log.level"])

    func validate() throws {
        if maxResources < 1 { throw ValidationError("--max-resources must be 1 or more") }
        if !(1...64).contains(concurrency) { throw ValidationError("--concurrency must be 1…64") }
    }

    func run() async throws {
        let settings = try await sources.resolve(appliedKeys: Self.appliedKeys).configuration
        LogFormatting.bootstrap(settings.logFormat)
        var logger = Logger(label: "em-gateway")
        logger.logLevel = settings.logLevel
        guard let upstream = settings.upstream else {
            throw Self.usage("give --upstream URL (EM's base URL, e.g. https://em.example.local:9398)")
        }
        guard let user = settings.verifyUser, let password = settings.verifyPassword else {
            throw Self.usage(
                "set EM_GATEWAY_VERIFY_USER and EM_GATEWAY_VERIFY_PASSWORD (or EM_GATEWAY_VERIFY_PASSWORD_FILE): the EM user verify logs on as"
            )
        }
        if settings.upstreamInsecure
            && (settings.gateway.upstream.tls.caFile != nil || settings.gateway.upstream.tls.pinnedPublicKey != nil)
        {
            throw Self.usage("--upstream-insecure excludes --upstream-ca and --upstream-pin")
        }
        if settings.upstreamInsecure { logger.warning("--upstream-insecure: EM's TLS certificate is NOT verified") }
        let (schema, _) = try SchemaOverlay.translationSchema(xsdPath: settings.xsd)
        var configuration = Verifier.Configuration(upstreamBaseURL: upstream, user: user, password: password)
        configuration.upstream = settings.gateway.upstream
        configuration.schema = schema
        configuration.configuredDialect = settings.gateway.dialect
        configuration.maxResources = maxResources
        configuration.concurrency = concurrency
        let verifier = Verifier(configuration: configuration, logger: logger)

        let outcome = await Self.runUntilSignal { () async -> Result<VerifyReport, VerifyError> in
            do throws(VerifyError) {
                return .success(try await verifier.run())
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .failure(let error):
            StandardStreams.printError("em-gateway: verify: \(error.message)")
            throw ExitCode(2)
        case .success(let report):
            StandardStreams.printLine(report.summary().dropLast().description)
            if let reportFile {
                guard FileManager.default.createFile(atPath: reportFile, contents: Data(report.json(includeValues: includeValues))) else {
                    StandardStreams.printError("em-gateway: verify: cannot write --report \(reportFile)")
                    throw ExitCode(2)
                }
                StandardStreams.printLine("report written to \(reportFile)\(includeValues ? " (with values: your data)" : " (no values)")")
            }
            throw ExitCode(report.exitStatus)
        }
    }

    /// Runs `body`; `SIGINT` or `SIGTERM` cancels it (the verifier then logs off and fails with
    /// `.interrupted`).
    private static func runUntilSignal(
        _ body: @escaping @Sendable () async -> Result<VerifyReport, VerifyError>
    ) async -> Result<VerifyReport, VerifyError> {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        return await withTaskGroup(of: Result<VerifyReport, VerifyError>?.self) { group in
            group.addTask { await body() }
            group.addTask {
                for await _ in signals { return nil }
                return nil
            }
            var outcome: Result<VerifyReport, VerifyError>?
            while let next = await group.next() {
                if let next {
                    outcome = next
                    group.cancelAll()
                } else if outcome == nil, !Task.isCancelled {
                    StandardStreams.printError("em-gateway: verify: interrupted; logging off")
                    group.cancelAll()
                }
            }
            return outcome ?? .failure(VerifyError(.interrupted, "interrupted"))
        }
    }

    private static func usage(_ message: String) -> ExitCode {
        StandardStreams.printError("em-gateway: error: \(message)")
        return ExitCode.validationFailure
    }
}
