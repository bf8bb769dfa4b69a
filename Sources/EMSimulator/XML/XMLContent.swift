/// A small tree of elements that a ``Record`` keeps as its entity content.
///
/// The seed data describes most of EM's resources with it, in schema order, and
/// ``XMLWriter/content(_:hrefs:)`` writes it without building any string. An attribute named
/// `Href` whose value does not start with `http` is a path under `/api/` and gets the
/// advertised base when written.
///
/// ```swift
/// let period: XMLContent = .element("Period", [
///     .text("Name", "Backup Volume 01"),
///     .text("Capacity", 1_079_639_011_328),
/// ])
/// ```
indirect enum XMLContent: Sendable {
    /// An element with attributes and child content.
    case node(name: String, attributes: [(String, String)], children: [XMLContent])
    /// An element holding text, with optional attributes (`<Day Name="Sunday">1,1,...</Day>`).
    case leaf(name: String, attributes: [(String, String)], text: String)
    /// The `<Links>` list of a nested resource; hrefs as in ``Link``.
    case links([Link])

    /// An element with children.
    /// - Parameters:
    ///   - name: the element name.
    ///   - children: the content.
    /// - Returns: the element.
    static func element(_ name: String, _ children: [XMLContent]) -> XMLContent {
        .node(name: name, attributes: [], children: children)
    }

    /// An element with attributes and children.
    /// - Parameters:
    ///   - name: the element name.
    ///   - attributes: attributes in the order written.
    ///   - children: the content.
    /// - Returns: the element.
    static func element(_ name: String, _ attributes: [(String, String)], _ children: [XMLContent]) -> XMLContent {
        .node(name: name, attributes: attributes, children: children)
    }

    /// An empty element (`<Tags />`), optionally with attributes.
    /// - Parameters:
    ///   - name: the element name.
    ///   - attributes: attributes in the order written.
    /// - Returns: the element.
    static func empty(_ name: String, _ attributes: [(String, String)] = []) -> XMLContent {
        .node(name: name, attributes: attributes, children: [])
    }

    /// An element with text (`<Name>srv04</Name>`; `<Name />` for empty text).
    /// - Parameters:
    ///   - name: the element name.
    ///   - value: the text.
    ///   - attributes: attributes in the order written.
    /// - Returns: the element.
    static func text(_ name: String, _ value: String, _ attributes: [(String, String)] = []) -> XMLContent {
        .leaf(name: name, attributes: attributes, text: value)
    }

    /// An element with an integer (xs:int, xs:long) in decimal.
    /// - Parameters:
    ///   - name: the element name.
    ///   - value: the value.
    /// - Returns: the element.
    static func text(_ name: String, _ value: Int64) -> XMLContent {
        .leaf(name: name, attributes: [], text: String(value))
    }

    /// An element with a Boolean as xs:boolean's `true`/`false`.
    /// - Parameters:
    ///   - name: the element name.
    ///   - value: the value.
    /// - Returns: the element.
    static func text(_ name: String, _ value: Bool) -> XMLContent {
        .leaf(name: name, attributes: [], text: value ? "true" : "false")
    }

    /// The child content of an element (empty for text elements and links).
    var children: [XMLContent] {
        if case .node(_, _, let children) = self { return children }
        return []
    }
}

extension XMLWriter {
    /// Writes content trees in order.
    /// - Parameters:
    ///   - content: the trees.
    ///   - hrefs: resolves `Href` attributes and link paths against the advertised base.
    mutating func content(_ content: [XMLContent], hrefs: HrefBuilder) {
        for item in content {
            switch item {
            case .node(let name, let attributes, let children):
                self.start(name, attributeList: Self.resolve(attributes, hrefs))
                self.content(children, hrefs: hrefs)
                self.end()
            case .leaf(let name, let attributes, let text):
                self.start(name, attributeList: Self.resolve(attributes, hrefs))
                self.text(text)
                self.end()
            case .links(let links):
                self.links(links.map { hrefs.resolve($0) })
            }
        }
    }

    private static func resolve(_ attributes: [(String, String)], _ hrefs: HrefBuilder) -> [(String, String)] {
        attributes.map { name, value in
            name == "Href" && !value.hasPrefix("http") ? (name, hrefs.api(value)) : (name, value)
        }
    }
}
