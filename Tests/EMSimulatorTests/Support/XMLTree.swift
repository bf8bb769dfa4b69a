import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element, for assertions in tests (Foundation's XMLParser; tests only).
struct XMLNode: Sendable {
    /// The element name as written (namespaces are not processed).
    let name: String
    /// Attributes as parsed (XMLParser does not keep their order), `xmlns` included.
    let attributes: [String: String]
    /// Child elements in order.
    let children: [XMLNode]
    /// Text content (concatenated character data), whitespace-only text dropped.
    let text: String

    /// The first child with a name.
    func child(_ name: String) -> XMLNode? { self.children.first { $0.name == name } }

    /// All children with a name.
    func children(_ name: String) -> [XMLNode] { self.children.filter { $0.name == name } }

    /// The `<Link>`s under `<Links>`.
    var links: [XMLNode] { self.child("Links")?.children("Link") ?? [] }

    /// The names of the child elements, in order.
    var childNames: [String] { self.children.map(\.name) }

    /// The text of a child element.
    func text(_ name: String) -> String? { self.child(name)?.text }
}

struct XMLTreeError: Error, CustomStringConvertible {
    let description: String
}

/// Parses a document into an ``XMLNode`` tree.
enum XMLTree {
    /// Parses bytes.
    /// - Parameter bytes: the document.
    /// - Returns: the root element.
    /// - Throws: `XMLTreeError` when the document is not well-formed.
    static func parse(_ bytes: [UInt8]) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLTreeError(
                description:
                    "not well-formed: \(parser.parserError.map { "\($0)" } ?? "no root") in \(String(decoding: bytes, as: UTF8.self))")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        private struct Open {
            var name: String
            var attributes: [String: String]
            var children: [XMLNode] = []
            var text = ""
        }

        private var stack: [Open] = []
        var root: XMLNode?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            self.stack.append(Open(name: elementName, attributes: attributeDict))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !self.stack.isEmpty { self.stack[self.stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            let open = self.stack.removeLast()
            let trimmed = open.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : open.text
            let node = XMLNode(name: open.name, attributes: open.attributes, children: open.children, text: trimmed)
            if self.stack.isEmpty {
                self.root = node
            } else {
                self.stack[self.stack.count - 1].children.append(node)
            }
        }
    }
}
