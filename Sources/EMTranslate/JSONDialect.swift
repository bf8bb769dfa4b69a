/// Which JSON form the converter writes for EM's XML.
///
/// - ``native``: the JSON EM 10 and later answer with (`null` for absent schema members,
///   `{"Xs": null}` for an empty list wrapper). The default; every EM JSON client reads it.
/// - ``compact``: EM 9.5's form: absent members are left out and an empty list wrapper holds
///   `[]` (`{"Xs": []}`).
///
/// Chosen per request by a media-type parameter (`Accept: application/json; dialect=compact`)
/// or by configuration, never by a query parameter (EM's query string belongs to EM).
public struct JSONDialect: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: String, Sendable, Hashable { case native, compact }
    private let kind: Kind

    /// EM 10+'s JSON: absent members as `null`.
    public static let native = JSONDialect(kind: .native)
    /// EM 9.5's JSON: no `null`s, `[]` in empty list wrappers.
    public static let compact = JSONDialect(kind: .compact)

    /// Parses a dialect name (`native`, `compact`, case-insensitive).
    /// - Parameter name: the name as written in a media-type parameter or configuration.
    /// - Returns: the dialect, or `nil` for an unknown name.
    public init?(name: String) {
        guard let kind = Kind(rawValue: name.lowercased()) else { return nil }
        self.kind = kind
    }

    private init(kind: Kind) { self.kind = kind }

    /// Whether absent schema members are written as `null`.
    public var writesNulls: Bool { kind == .native }

    public var description: String { kind.rawValue }
}
