import Hummingbird
import NIOCore

/// An append-only XML writer that produces UTF-8 bytes into a `ByteBuffer`.
///
/// The writer never holds a document model: callers open and close elements in order and
/// the bytes go straight into `buffer`. To stream a large document, write a part, hand the
/// bytes on with ``takeBytes()`` and continue; the writer keeps its element stack across
/// takes. Output is indented with two spaces, as EM's own serializer does, and empty
/// elements are written as `<Name />`.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.declaration()
/// xml.start("Error", ["Message": "Not found", "StatusCode": "404"], namespaces: .em)
/// xml.end()
/// let bytes = xml.takeBytes()
/// ```
///
/// Text is escaped as `&amp; &lt; &gt;` (plus `&#xD;` for carriage returns); attribute values
/// additionally escape `"`, `'`, tab, line feed and carriage return so that they survive
/// attribute-value normalisation. Characters that XML 1.0 cannot carry at all (C0 controls
/// other than tab, LF and CR) are replaced by U+FFFD.
struct XMLWriter {
    /// Namespace declarations written on a document's root element.
    struct Namespaces: Sendable {
        /// Attribute pairs, in the order written.
        var attributes: [(String, String)]

        /// Only EM's default namespace, as most documentation samples show it.
        static let em = Namespaces(attributes: [("xmlns", EMNamespace.uri)])
        /// EM's namespace followed by the .NET serializer's `xsd` and `xsi` prefixes.
        static let emWithSchemaPrefixes = Namespaces(attributes: [
            ("xmlns", EMNamespace.uri),
            ("xmlns:xsd", "http://www.w3.org/2001/XMLSchema"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ])
        /// The .NET prefixes first and EM's namespace last (the order of a real `GET /api/`).
        static let schemaPrefixesThenEM = Namespaces(attributes: [
            ("xmlns:xsd", "http://www.w3.org/2001/XMLSchema"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xmlns", EMNamespace.uri),
        ])
    }

    /// Bytes written and not yet taken.
    private(set) var buffer: ByteBuffer
    /// Names of the open elements, innermost last.
    private var stack: [String] = []
    /// Whether the innermost start tag still lacks its closing `>`.
    private var startTagOpen = false
    /// Whether the innermost open element has child elements (decides indentation of its end tag).
    private var hasChildElements: [Bool] = []

    /// Creates a writer with an empty buffer.
    /// - Parameter capacity: initial buffer capacity in bytes (default 4096).
    init(capacity: Int = 4096) {
        self.buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Number of bytes written and not yet taken.
    var pendingBytes: Int { self.buffer.readableBytes }

    /// Depth of open elements (0 once the root is closed).
    var depth: Int { self.stack.count }

    /// Hands over the bytes written so far and starts a fresh buffer; open elements stay open.
    /// - Returns: the bytes written since the last take.
    mutating func takeBytes() -> ByteBuffer {
        let taken = self.buffer
        self.buffer = ByteBufferAllocator().buffer(capacity: max(4096, taken.readableBytes))
        return taken
    }

    /// Writes `<?xml version="1.0" encoding="utf-8"?>` and a line break.
    mutating func declaration() {
        self.buffer.writeStaticString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
    }

    /// Opens an element.
    /// - Parameters:
    ///   - name: the element name.
    ///   - attributes: attributes in the order written; pairs whose value is `nil` are left out.
    ///   - namespaces: namespace declarations to write after the attributes (roots only).
    mutating func start(
        _ name: String,
        _ attributes: KeyValuePairs<String, String?> = [:],
        namespaces: Namespaces? = nil
    ) {
        self.openTag(name)
        for (key, value) in attributes {
            if let value { self.attribute(key, value) }
        }
        if let namespaces {
            for (key, value) in namespaces.attributes { self.attribute(key, value) }
        }
        self.startTagOpen = true
        self.stack.append(name)
        self.hasChildElements.append(false)
    }

    /// Opens an element whose attributes come as an array (for attribute lists built at run time).
    /// - Parameters:
    ///   - name: the element name.
    ///   - attributeList: attributes in the order written.
    ///   - namespaces: namespace declarations to write before the attributes (roots only).
    mutating func start(_ name: String, attributeList: [(String, String)], namespacesFirst namespaces: Namespaces? = nil) {
        self.openTag(name)
        if let namespaces {
            for (key, value) in namespaces.attributes { self.attribute(key, value) }
        }
        for (key, value) in attributeList { self.attribute(key, value) }
        self.startTagOpen = true
        self.stack.append(name)
        self.hasChildElements.append(false)
    }

    /// Closes the innermost open element (as `<Name />` when it got no content).
    mutating func end() {
        guard let name = self.stack.popLast() else {
            preconditionFailure("XMLWriter.end() without an open element")
        }
        let hadChildren = self.hasChildElements.popLast() ?? false
        if self.startTagOpen {
            self.buffer.writeStaticString(" />")
            self.startTagOpen = false
        } else {
            if hadChildren {
                self.newline()
                self.indent(self.stack.count)
            }
            self.buffer.writeStaticString("</")
            self.buffer.writeString(name)
            self.buffer.writeStaticString(">")
        }
        if self.stack.isEmpty { self.newline() }
    }

    /// Writes escaped character data inside the innermost open element.
    /// - Parameter text: the text; an empty string writes nothing.
    mutating func text(_ text: String) {
        guard !text.isEmpty else { return }
        self.closeStartTagIfOpen()
        self.writeEscaped(text, inAttribute: false)
    }

    /// Writes a whole element with optional text: `<Name>text</Name>`, or `<Name />` for empty text.
    /// - Parameters:
    ///   - name: the element name.
    ///   - text: the text content; `nil` leaves the element out entirely.
    ///   - attributes: attributes in the order written; `nil` values are left out.
    mutating func element(_ name: String, _ text: String?, _ attributes: KeyValuePairs<String, String?> = [:]) {
        guard let text else { return }
        self.start(name, attributes)
        self.text(text)
        self.end()
    }

    /// Writes an element holding a Boolean as `true`/`false` (xs:boolean's lexical form).
    /// - Parameters:
    ///   - name: the element name.
    ///   - value: the value; `nil` leaves the element out.
    mutating func element(_ name: String, _ value: Bool?) {
        guard let value else { return }
        self.element(name, value ? "true" : "false")
    }

    /// Writes an element holding an integer in decimal.
    /// - Parameters:
    ///   - name: the element name.
    ///   - value: the value; `nil` leaves the element out.
    mutating func element(_ name: String, _ value: Int64?) {
        guard let value else { return }
        self.element(name, String(value))
    }

    // MARK: - Private

    private mutating func openTag(_ name: String) {
        self.closeStartTagIfOpen()
        if !self.stack.isEmpty {
            self.hasChildElements[self.hasChildElements.count - 1] = true
            self.newline()
            self.indent(self.stack.count)
        }
        self.buffer.writeStaticString("<")
        self.buffer.writeString(name)
    }

    private mutating func attribute(_ name: String, _ value: String) {
        self.buffer.writeStaticString(" ")
        self.buffer.writeString(name)
        self.buffer.writeStaticString("=\"")
        self.writeEscaped(value, inAttribute: true)
        self.buffer.writeStaticString("\"")
    }

    private mutating func closeStartTagIfOpen() {
        if self.startTagOpen {
            self.buffer.writeStaticString(">")
            self.startTagOpen = false
        }
    }

    private mutating func newline() {
        self.buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private mutating func indent(_ level: Int) {
        self.buffer.writeRepeatingByte(UInt8(ascii: " "), count: level * 2)
    }

    /// Writes `string` escaped, copying unescaped runs in one go.
    private mutating func writeEscaped(_ string: String, inAttribute: Bool) {
        var string = string
        string.makeContiguousUTF8()  // a no-op for native Swift strings
        _ = string.utf8.withContiguousStorageIfAvailable { self.writeEscaped(bytes: $0, inAttribute: inAttribute) }
    }

    private mutating func writeEscaped(bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool) {
        var runStart = 0
        for index in 0..<bytes.count {
            guard let replacement = Self.replacement(for: bytes[index], inAttribute: inAttribute) else { continue }
            if runStart < index {
                self.buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
            }
            self.buffer.writeStaticString(replacement)
            runStart = index + 1
        }
        if runStart < bytes.count {
            self.buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])))
        }
    }

    private static func replacement(for byte: UInt8, inAttribute: Bool) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return inAttribute ? "&quot;" : nil
        case UInt8(ascii: "'"): return inAttribute ? "&apos;" : nil
        case 0x0D: return "&#xD;"
        case 0x0A: return inAttribute ? "&#xA;" : nil
        case 0x09: return inAttribute ? "&#x9;" : nil
        case 0x00..<0x20: return "\u{FFFD}"
        default: return nil
        }
    }
}

/// EM's XML namespace.
enum EMNamespace {
    /// `http://www.veeam.com/ent/v1.0`, the namespace of every EM document.
    static let uri = "http://www.veeam.com/ent/v1.0"
}
