/// Compares the gateway's JSON with EM's own JSON for the same XML, key order aside, allowing exactly
/// the differences the project accepts for the two real server pairs (README, "EM's native JSON", 8):
///
/// 1. the value of a `Time` member (EM turns `14:00:00.0000000+01:00` into a date-time carrying the
///    day of the request; the gateway keeps the XML's text);
/// 2. an `"Href": ""` directly inside `JobScheduleOptions`, which EM's JSON carries with no source in
///    the XML (the gateway writes `null` or nothing there);
/// 3. a `null` attribute of a `Link` (an item of a `Links` array) that EM's JSON leaves out.
///
/// Everything else must be equal: same keys, same JSON types, same values (numbers by their text).
struct ConformanceComparison {
    /// One difference, with the path where it was found (`CloudTenants[0].Links[2].Name`).
    struct Difference: CustomStringConvertible {
        let path: String
        let ours: String
        let theirs: String
        var description: String { "\(path): gateway \(ours), EM \(theirs)" }
    }

    /// Which accepted exception was used, and how often.
    private(set) var accepted: [String: Int] = [:]
    private(set) var differences: [Difference] = []

    /// Compares `ours` (the gateway) with `theirs` (EM).
    mutating func compare(_ ours: ConformanceJSON, _ theirs: ConformanceJSON) {
        compare(ours, theirs, path: "$", parentKey: nil, inLinks: false)
    }

    private mutating func compare(
        _ ours: ConformanceJSON, _ theirs: ConformanceJSON, path: String, parentKey: String?, inLinks: Bool
    ) {
        switch (ours, theirs) {
        case (.object(let left), .object(let right)):
            for key in Set(left.keys).union(right.keys).sorted() {
                let childPath = path + "." + key
                switch (left[key], right[key]) {
                case (let mine?, let em?):
                    if key == "Time", case .string = mine, case .string = em {
                        if mine != em { accept("Time value") }
                        continue
                    }
                    if key == "Href", parentKey == "JobScheduleOptions", em == .string(""), mine == .null {
                        accept("Href \"\" in JobScheduleOptions")
                        continue
                    }
                    compare(mine, em, path: childPath, parentKey: key, inLinks: key == "Links")
                case (let mine?, nil):
                    if inLinks, mine == .null {
                        accept("null Link attribute EM leaves out")
                        continue
                    }
                    differences.append(Difference(path: childPath, ours: mine.description, theirs: "(absent)"))
                case (nil, let em?):
                    if key == "Href", parentKey == "JobScheduleOptions", em == .string("") {
                        accept("Href \"\" in JobScheduleOptions")
                        continue
                    }
                    differences.append(Difference(path: childPath, ours: "(absent)", theirs: em.description))
                case (nil, nil):
                    break
                }
            }
        case (.array(let left), .array(let right)):
            guard left.count == right.count else {
                differences.append(Difference(path: path, ours: "\(left.count) items", theirs: "\(right.count) items"))
                return
            }
            for (index, (mine, em)) in zip(left, right).enumerated() {
                compare(mine, em, path: "\(path)[\(index)]", parentKey: parentKey, inLinks: inLinks)
            }
        default:
            if ours != theirs {
                differences.append(Difference(path: path, ours: ours.description, theirs: theirs.description))
            }
        }
    }

    private mutating func accept(_ reason: String) {
        accepted[reason, default: 0] += 1
    }
}
