import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element tree for assertions in tests, read with Foundation's `XMLParser` (independent
/// of the libxml2 code under test): names, attributes, children in order and text.
///
/// Whitespace-only text between child elements is dropped; a leaf's text is kept verbatim. A
/// tree may be edited in place (a test that edits a `GET` answer and sends it back with `PUT`).
public final class XMLNode {
    /// The element's name: its local name when parsed with namespaces processed, else as written.
    public let name: String
    /// The namespace URI when parsed with namespaces processed, else `nil`.
    public var namespace: String?
    /// The attributes (their order is not kept); `xmlns` declarations only when namespaces are
    /// not processed.
    public var attributes: [String: String]
    /// The child elements in order.
    public var children: [XMLNode]
    /// The character data; empty for an element whose only text is whitespace between children.
    public var text: String

    /// A node built by hand.
    /// - Parameters:
    ///   - name: the element's name.
    ///   - namespace: its namespace URI. Default none.
    ///   - attributes: its attributes. Default none.
    ///   - children: its child elements. Default none.
    ///   - text: its character data. Default empty.
    public init(
        name: String, namespace: String? = nil, attributes: [String: String] = [:], children: [XMLNode] = [], text: String = ""
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child called `name`.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child called `name`, in order.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The text of the first child called `name`.
    public func text(_ name: String) -> String? { child(name)?.text }

    /// The names of the child elements, in order.
    public var childNames: [String] { children.map(\.name) }

    /// EM's `<Link>` elements under `<Links>`.
    public var links: [XMLNode] { child("Links")?.children("Link") ?? [] }

    /// The text compared by ``difference(from:path:)``: a leaf's, none for other elements.
    public var comparableText: String { children.isEmpty ? text : "" }

    /// The first difference between `self` (expected) and `other`: names, attributes, leaf
    /// text, and children in order.
    /// - Parameter path: the path of `self`'s parent, for the message. Default: the root.
    /// - Returns: the path of the first differing element and what differs, or `nil`.
    public func difference(from other: XMLNode, path: String = "") -> String? {
        let here = path + "/" + name
        if name != other.name { return "\(here): element \(other.name) instead of \(name)" }
        if attributes != other.attributes {
            return "\(here): attributes \(other.attributes.sorted { $0.key < $1.key }) instead of \(attributes.sorted { $0.key < $1.key })"
        }
        if comparableText != other.comparableText {
            return "\(here): text \"\(other.comparableText)\" instead of \"\(comparableText)\""
        }
        for (mine, theirs) in zip(children, other.children) {
            if let difference = mine.difference(from: theirs, path: here) { return difference }
        }
        if children.count != other.children.count {
            return "\(here): \(other.children.count) children (\(other.childNames)) instead of \(children.count) (\(childNames))"
        }
        return nil
    }

    /// Parses a document.
    /// - Parameters:
    ///   - bytes: the document.
    ///   - namespaces: process namespaces (names are local, ``namespace`` is set, `xmlns`
    ///     attributes are left out). Default `false`: names and attributes as written.
    /// - Returns: the root element.
    /// - Throws: ``XMLTreeError`` when the document is not well-formed.
    public static func parse(_ bytes: [UInt8], namespaces: Bool = false) throws -> XMLNode {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = namespaces
        let builder = TreeBuilder(namespaces: namespaces)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLTreeError(
                description:
                    "not well-formed: \(parser.parserError.map { "\($0)" } ?? "no root element") in \(String(decoding: bytes.prefix(2000), as: UTF8.self))"
            )
        }
        return root
    }

    /// Parses a document given as text; see ``parse(_:namespaces:)-([UInt8],_)``.
    public static func parse(_ text: String, namespaces: Bool = false) throws -> XMLNode {
        try parse(Array(text.utf8), namespaces: namespaces)
    }
}

/// A document ``XMLNode/parse(_:namespaces:)`` could not read.
public struct XMLTreeError: Error, CustomStringConvertible {
    public let description: String

    /// - Parameter description: what is wrong with the document.
    public init(description: String) { self.description = description }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    let namespaces: Bool
    var root: XMLNode?
    var stack: [XMLNode] = []

    init(namespaces: Bool) { self.namespaces = namespaces }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let kept = namespaces ? attributes.filter { !$0.key.hasPrefix("xmlns") } : attributes
        let node = XMLNode(name: elementName, namespace: namespaces ? namespaceURI : nil, attributes: kept)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let node = stack.removeLast()
        if !node.children.isEmpty && node.text.allSatisfy(\.isWhitespace) { node.text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
