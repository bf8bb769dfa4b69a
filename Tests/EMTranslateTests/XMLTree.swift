import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element tree read with Foundation's `XMLParser` (independent of the libxml2 SAX code under
/// test), for comparing documents by elements, order, attributes and text.
final class XMLNode {
    let name: String
    let namespace: String?
    var attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    /// The first child called `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Text as compared: verbatim for leaves, ignored (whitespace between elements) otherwise.
    var comparableText: String { children.isEmpty ? text : "" }

    /// The first difference between `self` (expected) and `other`, as a path and a reason.
    func difference(from other: XMLNode, path: String = "") -> String? {
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
            return
                "\(here): \(other.children.count) children (\(other.children.map(\.name))) instead of \(children.count) (\(children.map(\.name)))"
        }
        return nil
    }

    /// Parses a document; namespace declarations are not kept as attributes.
    static func parse(_ bytes: [UInt8]) throws -> XMLNode {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLTreeError(message: "XMLParser: \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        return root
    }

    static func parse(_ text: String) throws -> XMLNode { try parse(Array(text.utf8)) }
}

struct XMLTreeError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let kept = attributes.filter { !$0.key.hasPrefix("xmlns") }
        let node = XMLNode(name: elementName, namespace: namespaceURI, attributes: kept)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
