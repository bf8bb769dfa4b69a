import CLibXML2

/// A request body's XML as a small tree, parsed by libxml2 without network access, DTD loading
/// or entity substitution; a document with a DOCTYPE is refused.
struct RequestDocument: Sendable {
    /// One element: its local name, namespace, attributes, children and text.
    struct Element: Sendable {
        /// The local name (`JobCloneSpec`).
        let name: String
        /// The namespace URI, or `nil` for none.
        let namespace: String?
        /// Attributes by local name (namespace declarations excluded).
        let attributes: [String: String]
        /// The child elements in document order.
        let children: [Element]
        /// The concatenated text directly inside the element.
        let text: String
        /// The line it starts on, for messages.
        let line: Int

        /// The first child of a name.
        /// - Parameter name: the local name.
        /// - Returns: the child, or `nil`.
        func child(_ name: String) -> Element? {
            self.children.first { $0.name == name }
        }

        /// The text of the first descendant along a path of local names (`["Standart", "RetryOptions", "RetryTimes"]`).
        /// - Parameter path: the names, outermost first.
        /// - Returns: the text, or `nil` when an element on the way is missing.
        func text(_ path: String...) -> String? {
            var element = self
            for name in path {
                guard let next = element.child(name) else { return nil }
                element = next
            }
            return element.text
        }
    }

    /// The root element.
    let root: Element

    /// Parses a body.
    /// - Parameter bytes: the body.
    /// - Throws: `SimulatorError` `.badRequest` with libxml2's message and line for malformed XML,
    ///   and for a DOCTYPE.
    init(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else {
            throw SimulatorError(.badRequest, "There is an error in XML document: Root element is missing.")
        }
        em_xml_silence_generic_errors()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let document = parsed else {
            var detail = "not well-formed"
            var line = 0
            if let error = xmlGetLastError() {
                line = Int(error.pointee.line)
                if let message = error.pointee.message {
                    detail = String(cString: message).trimmingCharacters(in: " \n")
                }
            }
            throw SimulatorError(.badRequest, "There is an error in XML document (line \(line)): \(detail).")
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil {
            throw SimulatorError(.badRequest, "There is an error in XML document: DTD is prohibited in this XML document.")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw SimulatorError(.badRequest, "There is an error in XML document: Root element is missing.")
        }
        self.root = Self.element(root)
    }

    private static func element(_ node: xmlNodePtr) -> Element {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            if let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                attributes[name] = String(cString: value)
                em_xml_free(value)
            } else {
                attributes[name] = ""
            }
            attribute = current.pointee.next
        }
        var children: [Element] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(Self.element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return Element(
            name: String(cString: node.pointee.name),
            namespace: node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } },
            attributes: attributes, children: children, text: text, line: Int(xmlGetLineNo(node)))
    }
}

extension String {
    /// The string without leading and trailing characters of a set (no Foundation in the simulator).
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        let start = self.firstIndex { !characters.contains($0) } ?? self.endIndex
        let end = self.lastIndex { !characters.contains($0) }.map { self.index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
