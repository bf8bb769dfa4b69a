/// One element of a parsed XSD document: what ``XSDReader`` hands to ``XSDDefinitions``.
///
/// Only what reading a schema needs is kept: the element's namespace and local name, its
/// unprefixed attributes, the namespace prefixes in scope (to resolve `type="xs:int"`), and its
/// child elements. Text, comments and processing instructions are dropped.
struct XSDNode: Sendable {
    /// The W3C XML Schema namespace.
    static let schemaNamespace = "http://www.w3.org/2001/XMLSchema"

    /// The element's namespace URI (empty when it has none).
    var namespace: String
    /// The element's local name (`complexType`, `element`...).
    var name: String
    /// Unprefixed attributes by local name.
    var attributes: [String: String]
    /// Namespace prefix → URI in scope at this element; the default namespace has the key `""`.
    var prefixes: [String: String]
    /// Child elements in document order.
    var children: [XSDNode] = []

    /// Whether this is the XSD element `name` (`xs:sequence`, `xs:element`...).
    func isSchema(_ name: String) -> Bool { namespace == Self.schemaNamespace && self.name == name }

    /// The XSD children, skipping `xs:annotation` (documentation, never content).
    var schemaChildren: [XSDNode] {
        children.filter { !$0.isSchema("annotation") }
    }

    /// Resolves a QName attribute value (`xs:int`, `UidType`) against the prefixes in scope.
    /// - Parameter qualifiedName: the attribute's value.
    /// - Returns: the name's namespace URI (empty when unbound) and local part.
    func resolve(_ qualifiedName: String) -> (namespace: String, local: String) {
        let trimmed = qualifiedName.trimmingXMLSpace()
        guard let colon = trimmed.firstIndex(of: ":") else { return (prefixes[""] ?? "", trimmed) }
        let prefix = String(trimmed[..<colon])
        return (prefixes[prefix] ?? "", String(trimmed[trimmed.index(after: colon)...]))
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    func trimmingXMLSpace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
