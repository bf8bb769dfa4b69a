public import EMTranslate

/// Compares the gateway's JSON for an EM answer with EM's own JSON for the same resource, key
/// order aside, and classifies every difference (``DifferenceClass``).
///
/// ```swift
/// let findings = JSONComparison.compare(gateway: ours, em: theirs, emBytes: emAnswerBytes)
/// let gatewayDifferences = findings.filter { !$0.difference.isEMKnown }
/// ```
public enum JSONComparison {
    /// The UTF-8 byte order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Every difference between two JSON documents.
    /// - Parameters:
    ///   - gateway: the gateway's JSON (the XML answer converted).
    ///   - em: EM's JSON answer for the same resource.
    ///   - emBytes: EM's answer as received, to spot a byte order mark; `nil` to skip that check.
    /// - Returns: the findings in document order; empty when the documents match.
    public static func compare(gateway: JSONValue, em: JSONValue, emBytes: [UInt8]? = nil) -> [Finding] {
        var findings: [Finding] = []
        if let emBytes, emBytes.starts(with: byteOrderMark) {
            findings.append(Finding(.byteOrderMark, at: [], gateway: nil, em: nil))
        }
        compare(gateway, em, path: [], parentKey: nil, into: &findings)
        return findings
    }

    private static func compare(
        _ ours: JSONValue, _ theirs: JSONValue, path: [Finding.Step], parentKey: String?, into findings: inout [Finding]
    ) {
        switch (ours, theirs) {
        case (.object(let left), .object(let right)):
            compareMembers(left, right, path: path, parentKey: parentKey, into: &findings)
        case (.array(let left), .array(let right)):
            guard left.count == right.count else {
                findings.append(Finding(.listShape, at: path, gateway: ours, em: theirs))
                return
            }
            for (index, (mine, em)) in zip(left, right).enumerated() {
                compare(mine, em, path: path + [.index(index)], parentKey: parentKey, into: &findings)
            }
        case (.array, _), (_, .array):
            findings.append(Finding(.listShape, at: path, gateway: ours, em: theirs))
        case (.string(let mine), .string(let em)):
            guard mine != em else { return }
            if parentKey == "Time" {
                findings.append(Finding(.timeOfDay, at: path, gateway: ours, em: theirs))
            } else if sameLinkApartFromBase(mine, em) {
                findings.append(Finding(.linkBase, at: path, gateway: ours, em: theirs))
            } else {
                findings.append(Finding(.value, at: path, gateway: ours, em: theirs))
            }
        case (.number(let mine), .number(let em)):
            if mine != em { findings.append(Finding(.number, at: path, gateway: ours, em: theirs)) }
        case (.bool(let mine), .bool(let em)):
            if mine != em { findings.append(Finding(.value, at: path, gateway: ours, em: theirs)) }
        case (.null, .null):
            return
        default:
            if parentKey == "Href", path.dropLast().last == .key("JobScheduleOptions"), ours == .null, theirs == .string("") {
                findings.append(Finding(.emptyScheduleHref, at: path, gateway: ours, em: theirs))
            } else {
                findings.append(Finding(.jsonType, at: path, gateway: ours, em: theirs))
            }
        }
    }

    private static func compareMembers(
        _ left: [JSONValue.Property], _ right: [JSONValue.Property], path: [Finding.Step], parentKey: String?,
        into findings: inout [Finding]
    ) {
        var theirs: [String: JSONValue] = [:]
        for property in right where theirs[property.name] == nil { theirs[property.name] = property.value }
        let ourNames = Set(left.map(\.name))
        var matched: Set<String> = []
        for property in left {
            let childPath = path + [.key(property.name)]
            if let em = theirs[property.name] {
                matched.insert(property.name)
                compare(property.value, em, path: childPath, parentKey: property.name, into: &findings)
            } else if let other = right.first(where: {
                !ourNames.contains($0.name) && !matched.contains($0.name) && $0.name.lowercased() == property.name.lowercased()
            }) {
                matched.insert(other.name)
                // The types are the values'; the "values" are the two spellings of the key.
                var finding = Finding(.keyCase, at: childPath, gateway: property.value, em: other.value)
                (finding.gatewayValue, finding.emValue) = (property.name, other.name)
                findings.append(finding)
                compare(property.value, other.value, path: childPath, parentKey: property.name, into: &findings)
            } else {
                findings.append(
                    Finding(property.value == .null ? .nullVsAbsent : .extraKey, at: childPath, gateway: property.value, em: nil))
            }
        }
        for property in right where !matched.contains(property.name) && !ourNames.contains(property.name) {
            let childPath = path + [.key(property.name)]
            if property.name == "Href", path.last == .key("JobScheduleOptions"), property.value == .string("") {
                findings.append(Finding(.emptyScheduleHref, at: childPath, gateway: nil, em: property.value))
            } else {
                findings.append(
                    Finding(property.value == .null ? .nullVsAbsent : .missingKey, at: childPath, gateway: nil, em: property.value))
            }
        }
    }

    /// Whether two strings are `/api` links that differ only before the path (scheme, host, port).
    static func sameLinkApartFromBase(_ mine: String, _ theirs: String) -> Bool {
        let rewriter = LinkRewriter(publicBaseURL: "http://em")
        let left = rewriter.rewrite(mine)
        let right = rewriter.rewrite(theirs)
        return left != mine && right != theirs && left == right
    }

    /// The value at `path`, matching keys exactly or else ignoring letter case; `nil` when absent.
    /// - Parameters:
    ///   - path: the steps from the document's top.
    ///   - document: the document.
    /// - Returns: the value found, or `nil`.
    public static func value(at path: [Finding.Step], in document: JSONValue) -> JSONValue? {
        var current = document
        for step in path {
            switch (step, current) {
            case (.key(let name), .object(let properties)):
                guard
                    let next = properties.first(where: { $0.name == name })
                        ?? properties.first(where: { $0.name.lowercased() == name.lowercased() })
                else { return nil }
                current = next.value
            case (.index(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Marks the findings of a first comparison whose values changed in a second fetch of the
    /// same resource (in either form) as volatile: a live EM changed between the two fetches.
    /// - Parameters:
    ///   - findings: the first comparison's findings.
    ///   - first: the first fetch (gateway's JSON, EM's JSON).
    ///   - second: the second fetch.
    /// - Returns: the findings, volatile ones marked; EM's known differences stay as they are.
    public static func settle(
        _ findings: [Finding], first: (gateway: JSONValue, em: JSONValue), second: (gateway: JSONValue, em: JSONValue)
    ) -> [Finding] {
        findings.map { finding in
            guard !finding.difference.isEMKnown else { return finding }
            var settled = finding
            settled.isVolatile =
                value(at: finding.path, in: first.gateway) != value(at: finding.path, in: second.gateway)
                || value(at: finding.path, in: first.em) != value(at: finding.path, in: second.em)
            return settled
        }
    }
}
