public import EMTranslate

/// What one `verify` run found: every resource visited, and from them the dialect that matches
/// EM, the differences by class and by route template, and the exit status.
///
/// The report never holds a user's data unless asked: ``summary()`` and
/// ``json(includeValues:)`` give key paths, JSON types, difference classes, route templates and
/// counts; values, resource paths (IDs, query strings) only with `includeValues`.
public struct VerifyReport: Sendable {
    /// Why a resource was not compared.
    public enum SkipReason: Error, Sendable, Hashable, CustomStringConvertible {
        /// EM answered the XML request (or the JSON one) with this status.
        case status(Int)
        /// EM's answer is not XML (a download).
        case notXML
        /// The answer is larger than the size cap.
        case tooLarge
        /// The XML could not be converted (malformed, or past a converter limit).
        case unreadableXML
        /// EM answered `Accept: application/json` with something else than JSON.
        case noJSON
        /// EM's JSON could not be parsed.
        case unreadableJSON
        /// The transfer failed (connection reset, timeout).
        case transferFailed

        /// The reason in a few words (`status 404`, `not XML`), as the summary and report count it.
        public var description: String {
            switch self {
            case .status(let status): "status \(status)"
            case .notXML: "not XML"
            case .tooLarge: "too large"
            case .unreadableXML: "unreadable XML"
            case .noJSON: "no JSON"
            case .unreadableJSON: "unreadable JSON"
            case .transferFailed: "transfer failed"
            }
        }
    }

    /// What became of one resource.
    public enum Outcome: Sendable {
        /// Compared: the findings by dialect name (`native`, `compact`).
        case compared([String: [Finding]])
        /// Not compared.
        case skipped(SkipReason)
    }

    /// One visited resource.
    public struct Resource: Sendable {
        /// Its route template (`/api/jobs/{ID}`, `?format=Entity` for the entity form).
        public var route: String
        /// Its path and query on EM (IDs included: shown only with values).
        public var path: String
        /// What became of it.
        public var outcome: Outcome

        /// Creates a resource record.
        /// - Parameters:
        ///   - route: the route template.
        ///   - path: the path and query.
        ///   - outcome: compared or skipped.
        public init(route: String, path: String, outcome: Outcome) {
            self.route = route
            self.path = path
            self.outcome = outcome
        }

        /// The findings in one dialect.
        /// - Parameter dialect: `native` or `compact`.
        /// - Returns: the findings (empty when identical), or `nil` when the resource was skipped.
        public func findings(_ dialect: JSONDialect) -> [Finding]? {
            if case .compared(let findings) = outcome { return findings[dialect.description] ?? [] }
            return nil
        }
    }

    /// Every resource visited, in the order they were done.
    public var resources: [Resource]
    /// The newest API version EM's `GET /api/` lists (`v1_7`), if it lists any.
    public var newestAPIVersion: String?
    /// The dialect the gateway is configured with.
    public var configuredDialect: JSONDialect
    /// Whether the walk stopped at `--max-resources` with links left.
    public var limitReached: Bool

    /// Creates a report.
    /// - Parameters:
    ///   - resources: the resources visited.
    ///   - newestAPIVersion: EM's newest API version.
    ///   - configuredDialect: the gateway's configured dialect.
    ///   - limitReached: whether links were left at the limit.
    public init(resources: [Resource], newestAPIVersion: String?, configuredDialect: JSONDialect, limitReached: Bool) {
        self.resources = resources
        self.newestAPIVersion = newestAPIVersion
        self.configuredDialect = configuredDialect
        self.limitReached = limitReached
    }

    /// The number of resources compared.
    public var comparedCount: Int { resources.count { $0.findings(.native) != nil } }

    /// The gateway's own differences in `dialect`: neither EM's known ones nor volatile.
    /// - Parameter dialect: the dialect.
    /// - Returns: how many findings.
    public func gatewayDifferenceCount(_ dialect: JSONDialect) -> Int {
        resources.reduce(0) { $0 + ($1.findings(dialect) ?? []).count { !$0.difference.isEMKnown && !$0.isVolatile } }
    }

    /// The dialect that matches EM apart from EM's known differences (the configured one first),
    /// or `nil` when neither does.
    public var matchingDialect: JSONDialect? {
        guard comparedCount > 0 else { return nil }
        let other: JSONDialect = configuredDialect == .native ? .compact : .native
        return [configuredDialect, other].first { gatewayDifferenceCount($0) == 0 }
    }

    /// The dialect the report details: the matching one, else the one with fewer differences.
    public var reportedDialect: JSONDialect {
        if let matchingDialect { return matchingDialect }
        return gatewayDifferenceCount(.compact) < gatewayDifferenceCount(.native) ? .compact : .native
    }

    /// `0` when a dialect matches EM apart from EM's known differences, `1` when the gateway differs.
    public var exitStatus: Int32 { matchingDialect == nil ? 1 : 0 }

    /// The findings of the reported dialect with their resources.
    var reportedFindings: [(resource: Resource, finding: Finding)] {
        resources.flatMap { resource in (resource.findings(reportedDialect) ?? []).map { (resource, $0) } }
    }

    /// Resources compared with no finding at all in the reported dialect.
    public var identicalCount: Int { resources.count { $0.findings(reportedDialect)?.isEmpty == true } }

    /// Findings by class (of the reported dialect): EM's known ones, the gateway's, the volatile ones.
    /// - Parameter owner: which findings.
    /// - Returns: counts by class.
    public func counts(_ owner: Owner) -> [DifferenceClass: Int] {
        var counts: [DifferenceClass: Int] = [:]
        for (_, finding) in reportedFindings where Owner(finding) == owner { counts[finding.difference, default: 0] += 1 }
        return counts
    }

    /// Whose a difference is.
    public enum Owner: String, Sendable {
        /// One of EM's known differences.
        case em
        /// The gateway's.
        case gateway
        /// A value a live EM changed between two fetches.
        case volatile

        init(_ finding: Finding) {
            self = finding.difference.isEMKnown ? .em : finding.isVolatile ? .volatile : .gateway
        }
    }

    /// Resources with gateway differences, by route template.
    public var differingRoutes: [String: Int] {
        var routes: [String: Int] = [:]
        for resource in resources where (resource.findings(reportedDialect) ?? []).contains(where: { Owner($0) == .gateway }) {
            routes[resource.route, default: 0] += 1
        }
        return routes
    }

    /// Skipped resources by reason.
    public var skipped: [String: Int] {
        var reasons: [String: Int] = [:]
        for resource in resources {
            if case .skipped(let reason) = resource.outcome { reasons[reason.description, default: 0] += 1 }
        }
        return reasons
    }

    /// The skipped resources as one phrase (`2 skipped: status 404: 1, not XML: 1`).
    var skippedSummary: String {
        let reasons = skipped.sorted { $0.key < $1.key }
        guard !reasons.isEmpty else { return "none skipped" }
        return "\(reasons.reduce(0) { $0 + $1.value }) skipped: " + reasons.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }
}
