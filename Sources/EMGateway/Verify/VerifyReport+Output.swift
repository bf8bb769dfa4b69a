import EMTranslate
import Foundation

extension VerifyReport {
    /// Findings that share owner, class, route, key path and JSON types, counted.
    public struct Group: Sendable {
        /// Whose difference it is.
        public var owner: Owner
        /// The class.
        public var difference: DifferenceClass
        /// The route template.
        public var route: String
        /// The key path (``Finding/keyPath``).
        public var keyPath: String
        /// The gateway's JSON type, `nil` when absent.
        public var gatewayType: String?
        /// EM's JSON type, `nil` when absent.
        public var emType: String?
        /// How many findings.
        public var count = 0
        /// A few (resource path, gateway value, EM value): a user's data, written only with values.
        var examples: [(path: String, gateway: String?, em: String?)] = []
    }

    /// The reported dialect's findings grouped, ordered by owner (`em`, `gateway`, `volatile`),
    /// class, route and key path.
    public var groups: [Group] {
        var groups: [String: Group] = [:]
        for (resource, finding) in reportedFindings {
            let owner = Owner(finding)
            let key = [
                owner.rawValue, finding.difference.rawValue, resource.route, finding.keyPath, finding.gatewayType ?? "-",
                finding.emType ?? "-",
            ]
            .joined(separator: "\u{1}")
            var group =
                groups[key]
                ?? Group(
                    owner: owner, difference: finding.difference, route: resource.route, keyPath: finding.keyPath,
                    gatewayType: finding.gatewayType, emType: finding.emType)
            group.count += 1
            if group.examples.count < 3 { group.examples.append((resource.path, finding.gatewayValue, finding.emValue)) }
            groups[key] = group
        }
        return groups.values.sorted {
            ($0.owner.rawValue, $0.difference, $0.route, $0.keyPath) < ($1.owner.rawValue, $1.difference, $1.route, $1.keyPath)
        }
    }

    /// The summary for standard output: counts, the dialect to configure, EM's known
    /// differences, the gateway's by class and by route template, and what to do next. Holds no
    /// value, ID, host or query string.
    /// - Returns: lines joined with `\n`, ending with one.
    public func summary() -> String {
        var lines = ["em-gateway verify: \(comparedCount) resources compared with Enterprise Manager's own JSON"]
        lines.append("  EM's newest API version: \(newestAPIVersion ?? "not listed")")
        lines.append("  identical: \(identicalCount), differing: \(comparedCount - identicalCount), \(skippedSummary)")
        if limitReached { lines.append("  stopped at --max-resources with links left to follow") }
        if let matchingDialect {
            lines.append("  dialect to configure: \(matchingDialect) (matches apart from EM's known differences)")
        } else {
            lines.append(
                "  no dialect matches; closest: \(reportedDialect) (native: \(gatewayDifferenceCount(.native)), compact: \(gatewayDifferenceCount(.compact)) differences)"
            )
        }
        for (title, owner) in [
            ("EM's known differences (EM's JSON differs from its XML; not the gateway's):", Owner.em),
            ("Gateway differences by class:", .gateway), ("Volatile (changed between two fetches):", .volatile),
        ] {
            let tally = counts(owner)
            guard !tally.isEmpty else { continue }
            lines.append(title)
            for (difference, count) in tally.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(difference.rawValue): \(count)  (\(difference.summary))")
            }
        }
        let routes = differingRoutes
        if !routes.isEmpty {
            lines.append("Gateway differences by route template (resources):")
            for (route, count) in routes.sorted(by: { $0.key < $1.key }) { lines.append("  \(route): \(count)") }
            lines.append("Gateway differences by key path:")
            for group in groups where group.owner == .gateway {
                lines.append(
                    "  \(group.route) \(group.keyPath): \(group.difference.rawValue) (gateway \(group.gatewayType ?? "absent"), EM \(group.emType ?? "absent")) ×\(group.count)"
                )
            }
        }
        lines.append("Next:")
        if let matchingDialect {
            if matchingDialect != configuredDialect {
                lines.append(
                    "  configure the dialect: --dialect \(matchingDialect) (or EM_GATEWAY_DIALECT=\(matchingDialect)); it is \(configuredDialect) now"
                )
            } else {
                lines.append("  nothing to change: the gateway gives this EM's JSON")
            }
        } else {
            lines.append(
                "  run again with --xsd and the path of this EM's RestAPI.xsd (Windows: %ProgramFiles%\\Veeam\\Backup and Replication\\Enterprise Manager\\schemas\\RestAPI.xsd, Linux: /opt/veeam/vbem/schemas/RestAPI.xsd)"
            )
            lines.append("  if differences remain, attach the report (--report FILE; it holds no values) to a bug report")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The full report as JSON (UTF-8, keys sorted).
    /// - Parameter includeValues: add the differing values and the resources' paths (IDs,
    ///   query strings): a user's data, for their own eyes.
    /// - Returns: the JSON document.
    public func json(includeValues: Bool) -> [UInt8] {
        func byClass(_ owner: Owner) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: counts(owner).map { ($0.key.rawValue, $0.value) })
        }
        var document: [String: Any] = [
            "includesValues": includeValues,
            "emNewestApiVersion": newestAPIVersion ?? NSNull(),
            "dialect": [
                "configured": configuredDialect.description,
                "matching": matchingDialect?.description ?? NSNull(),
                "reported": reportedDialect.description,
                "gatewayDifferences": ["native": gatewayDifferenceCount(.native), "compact": gatewayDifferenceCount(.compact)],
            ] as [String: Any],
            "resources": [
                "compared": comparedCount, "identical": identicalCount, "differing": comparedCount - identicalCount,
                "skipped": skipped, "limitReached": limitReached,
            ] as [String: Any],
            "emKnownDifferences": byClass(.em),
            "gatewayDifferences": byClass(.gateway),
            "volatileDifferences": byClass(.volatile),
            "differingRoutes": differingRoutes,
            "exitStatus": Int(exitStatus),
        ]
        document["differences"] = groups.map { group -> [String: Any] in
            var entry: [String: Any] = [
                "owner": group.owner.rawValue, "class": group.difference.rawValue, "route": group.route, "path": group.keyPath,
                "gatewayType": group.gatewayType ?? "absent", "emType": group.emType ?? "absent", "count": group.count,
            ]
            if includeValues {
                entry["examples"] = group.examples.map { example in
                    ["resource": example.path, "gateway": example.gateway ?? NSNull(), "em": example.em ?? NSNull()] as [String: Any]
                }
            }
            return entry
        }
        var skippedRoutes: [String: Int] = [:]
        for resource in resources {
            if case .skipped(let reason) = resource.outcome { skippedRoutes["\(resource.route) (\(reason))", default: 0] += 1 }
        }
        document["skippedRoutes"] = skippedRoutes
        if includeValues { document["resourcePaths"] = resources.map(\.path) }
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }
}
