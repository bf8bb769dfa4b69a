/// One `<Link>` of a `<Links>` list.
///
/// Attributes are written in the order of EM's documentation samples: `Rel Type Href Name`.
/// Links without a `Type` or `Name` (actions, `Delete`) leave the attribute out, as EM does.
struct Link: Sendable, Equatable {
    /// `Rel`: `Up`, `Down`, `Alternate`, `Edit`, `Delete`, `Create`, `Start`, ...
    var rel: String
    /// `Type`: the element the link leads to, if EM names one.
    var type: String?
    /// `Href`: always absolute.
    var href: String
    /// `Name`: the target's name, where EM writes one.
    var name: String?

    /// Creates a link.
    /// - Parameters:
    ///   - rel: the relation.
    ///   - type: the target's type, or `nil`.
    ///   - href: the absolute URL.
    ///   - name: the target's name, or `nil`.
    init(_ rel: String, _ type: String?, _ href: String, name: String? = nil) {
        self.rel = rel
        self.type = type
        self.href = href
        self.name = name
    }
}

extension XMLWriter {
    /// Writes `<Links>` with one `<Link>` per item (`<Links />` when empty).
    /// - Parameter links: the links, in order.
    mutating func links(_ links: [Link]) {
        self.start("Links")
        for link in links {
            self.start("Link", ["Rel": link.rel, "Type": link.type, "Href": link.href, "Name": link.name])
            self.end()
        }
        self.end()
    }
}
