/// What kind of difference `verify` found between the gateway's JSON and EM's own JSON for one
/// resource. The first five are EM's known differences (listed in the README): EM's JSON differs
/// from its own XML there, so no converter can match them, and they never fail a run. The rest
/// are the gateway's, unless they turn out to be ``Finding/isVolatile``.
public enum DifferenceClass: String, Sendable, CaseIterable, Comparable {
    /// EM's JSON names another host (or scheme, or port) in a link than its XML: only the base
    /// differs, the path and query are the same. The gateway rewrites every base anyway.
    case linkBase
    /// EM's JSON starts with a UTF-8 byte order mark.
    case byteOrderMark
    /// A `Time` value: EM's JSON turns the XML's time of day into a date-time carrying the day
    /// of the request, which no converter can reproduce.
    case timeOfDay
    /// The `"Href": ""` EM's JSON carries inside `JobScheduleOptions`, with no source in the XML.
    case emptyScheduleHref
    /// A key whose letter case differs (EM 13's camelCase regression); the values are compared
    /// under it.
    case keyCase

    /// EM's JSON has a key (with a value other than `null`) the gateway's lacks.
    case missingKey
    /// The gateway's JSON has a key (with a value other than `null`) EM's lacks.
    case extraKey
    /// The JSON types differ (`number` against `string`, `boolean` against `number` …).
    case jsonType
    /// Both are numbers with different text.
    case number
    /// Both are strings, or both booleans, with different values.
    case value
    /// An array against anything else, or two arrays of different lengths.
    case listShape
    /// `null` on one side, the key absent on the other.
    case nullVsAbsent
    /// An XML element or attribute the gateway's schema does not know (converted by plain rules).
    case unknownElement

    /// Whether this is one of EM's known differences rather than the gateway's.
    public var isEMKnown: Bool {
        switch self {
        case .linkBase, .byteOrderMark, .timeOfDay, .emptyScheduleHref, .keyCase: true
        default: false
        }
    }

    /// A few words for the summary.
    public var summary: String {
        switch self {
        case .linkBase: "link base (EM's JSON names another host than its XML)"
        case .byteOrderMark: "byte order mark before EM's JSON"
        case .timeOfDay: "Time values carrying the request's day"
        case .emptyScheduleHref: "empty JobScheduleOptions.Href"
        case .keyCase: "key case (EM 13's camelCase keys)"
        case .missingKey: "key missing from the gateway's JSON"
        case .extraKey: "key the gateway adds"
        case .jsonType: "JSON type"
        case .number: "number"
        case .value: "value"
        case .listShape: "list shape"
        case .nullVsAbsent: "null vs absent"
        case .unknownElement: "element unknown to the gateway's schema"
        }
    }

    /// Orders classes as declared: EM's known ones first.
    /// - Parameters:
    ///   - lhs: a class.
    ///   - rhs: another class.
    /// - Returns: whether `lhs` is declared before `rhs`.
    public static func < (lhs: DifferenceClass, rhs: DifferenceClass) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
