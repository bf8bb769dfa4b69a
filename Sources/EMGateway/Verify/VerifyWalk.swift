import EMTranslate
import EMUpstream
import Logging
import NIOCore

/// The breadth-first walk of one logged-on ``VerifySession``: fetches each resource as XML and as
/// EM's JSON, compares, and queues the links it finds.
struct VerifyWalk: Sendable {
    let session: VerifySession
    /// The session's token, sent with every request.
    let token: String

    var configuration: Verifier.Configuration { session.configuration }

    /// Answers in another media type than JSON, with none in JSON, after which the walk stops:
    /// this EM offers no JSON.
    static let noJSONLimit = 8

    /// One visited resource and the links found in it.
    struct Visit: Sendable {
        let resource: VerifyReport.Resource
        let links: [String]
    }

    /// Walks from `seeds`, then from the contract's seeds, up to ``Verifier/Configuration/maxResources``.
    /// - Parameters:
    ///   - seeds: paths visited first (`/api/` and the logon session's links).
    ///   - newestVersion: EM's newest API version, for the report.
    /// - Returns: the report.
    /// - Throws: ``VerifyError`` `.noJSON` when EM answers `Accept: application/json` with
    ///   something else (the walk stops after ``noJSONLimit`` such answers and none in JSON),
    ///   `.nothingCompared`, `.interrupted` when the task is cancelled.
    func run(seeds: [String], newestVersion: String?) async throws(VerifyError) -> VerifyReport {
        var queue: [String] = []
        var seen: Set<String> = []
        func enqueue(_ path: String) {
            if seen.insert(path.lowercased()).inserted { queue.append(path) }
        }
        for path in seeds + VerifyLinks.seeds(configuration.schema.model) { enqueue(path) }

        var resources: [VerifyReport.Resource] = []
        var compared = 0
        var withoutJSON = 0
        await withTaskGroup(of: Visit.self) { group in
            var next = 0
            var inFlight = 0
            while true {
                let noJSON = compared == 0 && withoutJSON >= Self.noJSONLimit
                while inFlight < configuration.concurrency, next < queue.count, next < configuration.maxResources, !Task.isCancelled,
                    !noJSON
                {
                    let path = queue[next]
                    group.addTask { await self.visit(path) }
                    next += 1
                    inFlight += 1
                }
                guard let done = await group.next() else { break }
                inFlight -= 1
                resources.append(done.resource)
                switch done.resource.outcome {
                case .compared: compared += 1
                case .skipped(.noJSON): withoutJSON += 1
                case .skipped: break
                }
                session.logger.debug("visited", metadata: ["em.route": .string(done.resource.route)])
                for link in done.links { if let path = VerifyLinks.apiPath(link) { enqueue(path) } }
            }
        }
        if Task.isCancelled { throw VerifyError(.interrupted, "interrupted") }
        if compared == 0 && withoutJSON > 0 {
            throw VerifyError(
                .noJSON,
                "this EM offers no JSON: it answered Accept: application/json with another media type, so there is nothing to compare with")
        }
        let report = VerifyReport(
            resources: resources, newestAPIVersion: newestVersion, configuredDialect: configuration.configuredDialect,
            limitReached: queue.count > configuration.maxResources)
        guard report.comparedCount > 0 else {
            throw VerifyError(.nothingCompared, "no resource could be fetched both as XML and as EM's JSON (\(report.skippedSummary))")
        }
        return report
    }

    /// One resource: fetched in both forms, compared in both dialects; fetched again once when
    /// values differ, so that what a live EM changed in between is told apart.
    func visit(_ path: String) async -> Visit {
        let route = VerifyLinks.route(path, model: configuration.schema.model)
        let first: Fetched
        switch await fetch(path) {
        case .failure(let reason): return Visit(resource: .init(route: route, path: path, outcome: .skipped(reason)), links: [])
        case .success(let fetched): first = fetched
        }
        var findings: [String: [Finding]] = [:]
        for (dialect, converted) in [(JSONDialect.native, first.native), (.compact, first.compact)] {
            findings[dialect.description] =
                JSONComparison.compare(gateway: converted, em: first.em, emBytes: first.emBytes)
                + first.unknownNames.map { Finding(.unknownElement, at: [.key($0)], gateway: nil, em: nil) }
        }
        let valueClasses: Set<DifferenceClass> = [.value, .number, .listShape]
        if findings.values.joined().contains(where: { valueClasses.contains($0.difference) }), case .success(let second) = await fetch(path)
        {
            findings["native"] = JSONComparison.settle(
                findings["native"]!, first: (first.native, first.em), second: (second.native, second.em))
            findings["compact"] = JSONComparison.settle(
                findings["compact"]!, first: (first.compact, first.em), second: (second.compact, second.em))
        }
        return Visit(resource: .init(route: route, path: path, outcome: .compared(findings)), links: VerifyLinks.links(in: first.native))
    }

    /// A resource in both forms, the XML converted in both dialects.
    struct Fetched: Sendable {
        let native: JSONValue
        let compact: JSONValue
        let em: JSONValue
        let emBytes: [UInt8]
        let unknownNames: [String]
    }

    private func fetch(_ path: String) async -> Result<Fetched, VerifyReport.SkipReason> {
        let xml: VerifySession.Answer
        switch await get(path, accept: "application/xml") {
        case .failure(let reason): return .failure(reason)
        case .success(let answer): xml = answer
        }
        guard xml.isSuccess else { return .failure(.status(xml.status)) }
        guard xml.isXML else { return .failure(.notXML) }
        let native: JSONValue
        let compact: JSONValue
        var unknown: [String] = []
        do {
            native = try Self.convert(xml.body, schema: configuration.schema, dialect: .native, unknown: &unknown)
            var ignored: [String] = []
            compact = try Self.convert(xml.body, schema: configuration.schema, dialect: .compact, unknown: &ignored)
        } catch {
            return .failure(.unreadableXML)
        }
        let json: VerifySession.Answer
        switch await get(path, accept: "application/json") {
        case .failure(let reason): return .failure(reason)
        case .success(let answer): json = answer
        }
        guard json.isSuccess else { return .failure(.status(json.status)) }
        guard json.isJSON else { return .failure(.noJSON) }
        guard let em = try? JSONReader.parse(json.body, limits: VerifySession.readerLimits) else { return .failure(.unreadableJSON) }
        return .success(Fetched(native: native, compact: compact, em: em, emBytes: json.body, unknownNames: unknown))
    }

    private func get(_ path: String, accept: String) async -> Result<VerifySession.Answer, VerifyReport.SkipReason> {
        do {
            return .success(try await session.send(path, accept: accept, token: token))
        } catch let error as UpstreamError where error.code == .bodyTooLarge {
            return .failure(.tooLarge)
        } catch {
            return .failure(.transferFailed)
        }
    }

    /// Converts an answer with the gateway's converter and reads the JSON back.
    static func convert(_ xml: [UInt8], schema: TranslationSchema, dialect: JSONDialect, unknown: inout [String]) throws -> JSONValue {
        let converter = XMLToJSONConverter(schema: schema, configuration: .init(dialect: dialect))
        var output = try xml.withUnsafeBytes { try converter.feed(bytes: $0) }
        output.writeImmutableBuffer(try converter.finish())
        unknown = Array(Set(converter.unknownNames)).sorted()
        return try JSONReader.parse(output.readableBytesView, limits: VerifySession.readerLimits)
    }
}
