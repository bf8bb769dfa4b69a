/// The compiled text format: how `em-schema-compile` stores a ``SchemaModel`` in the generated
/// Swift file, and how the gateway reads it back at start-up.
///
/// One record per line, fields separated by a tab (`→` below), lines ended by `\n` (a `\r`
/// before it is ignored, blank lines are skipped):
///
/// ```text
/// em-schema→1                                          header: magic and format version
/// T→<index>→<name>→<memberCount>                        a type; its members follow
/// M→<kind>→<shape>→<value>→<flags>→<json>→<xml>[→<item>] a member of the type above
/// R→<element>→<typeIndex>                               a root element
/// O→<method>→<path>→<action>→<typeIndex>→<root>→<codes>→<maxAge>  an operation variant
/// E→<typeCount>→<memberCount>→<rootCount>→<opCount>     end; totals guard against truncation
/// ```
///
/// - `kind`: `a` attribute, `e` element, `t` text (its `xml` field is empty).
/// - `shape`: `1` single, `*` repeated, `w` wrapped (then `item` holds the item element's name).
/// - `value`: `s` string, `i` integer, `n` number, `b` boolean, or `#<typeIndex>` for a complex type.
/// - `flags`: `-` for none, else any of `l` (link, `format: uri`), `r` (read-only), `o` (omitted
///   when absent, `x-em-omit-when-absent`) and `q` (required in request bodies, OpenAPI
///   `required`), in that order.
/// - Operation lines: `action`, `typeIndex` and `root` are empty when the variant has none;
///   `codes` are the success statuses joined by `,` (`202` or `200,202`).
/// - Types appear in model order with `index` equal to their position; root lines are sorted by
///   element name; operation lines keep model order. So the text is deterministic.
/// - Name fields escape `\` as `\\`, tab as `\t`, line feed as `\n` and carriage return as `\r`.
extension SchemaModel {
    /// The format version this code writes and reads.
    public static let compiledTextVersion = 3

    /// Loads a model from compiled text (see the format above), checking counts and type indexes.
    ///
    /// The loader is byte-based and allocation-light; it checks structure (fields, counts,
    /// indexes, unique root names), not the mapping rules, which are the compiler's job.
    ///
    /// ```swift
    /// let model = try SchemaModel(compiledText: model.compiledText())
    /// ```
    /// - Parameter compiledText: text produced by ``compiledText()`` or `em-schema-compile`.
    /// - Throws: ``SchemaError`` with code ``SchemaError/Code/unsupportedFormatVersion`` when the
    ///   header names another version, ``SchemaError/Code/malformedCompiledText`` (message naming
    ///   the line) for any other defect.
    public init(compiledText: String) throws {
        var text = compiledText
        self = try text.withUTF8 { bytes in
            var parser = CompiledTextParser(bytes: bytes)
            return try parser.parse()
        }
    }

    /// Serializes the model losslessly and deterministically in the compiled text format.
    ///
    /// - Returns: the text; `SchemaModel(compiledText:)` turns it back into an equal model.
    public func compiledText() -> String {
        var out = ""
        out.reserveCapacity(64 + types.count * 400 + operations.count * 80)
        out += "em-schema\t\(Self.compiledTextVersion)\n"
        var memberTotal = 0
        for (index, type) in types.enumerated() {
            out += "T\t\(index)\t"
            Self.appendEscaped(type.name, to: &out)
            out += "\t\(type.members.count)\n"
            memberTotal += type.members.count
            for member in type.members { Self.append(member, to: &out) }
        }
        for (element, index) in rootElements.sorted(by: { $0.key < $1.key }) {
            out += "R\t"
            Self.appendEscaped(element, to: &out)
            out += "\t\(index)\n"
        }
        for operation in operations { Self.append(operation, to: &out) }
        out += "E\t\(types.count)\t\(memberTotal)\t\(rootElements.count)\t\(operations.count)\n"
        return out
    }

    private static func append(_ operation: Operation, to out: inout String) {
        out += "O\t"
        appendEscaped(operation.method, to: &out)
        out += "\t"
        appendEscaped(operation.pathTemplate, to: &out)
        out += "\t"
        appendEscaped(operation.action ?? "", to: &out)
        out += "\t"
        if let type = operation.requestType { out += String(type) }
        out += "\t"
        appendEscaped(operation.requestRootElement ?? "", to: &out)
        out += "\t"
        out += operation.successStatuses.map(String.init).joined(separator: ",")
        out += "\t"
        if let maxAge = operation.maxAge { out += String(maxAge) }
        out += "\n"
    }

    private static func append(_ member: Member, to out: inout String) {
        switch member.kind {
        case .attribute: out += "M\ta\t"
        case .element: out += "M\te\t"
        case .text: out += "M\tt\t"
        }
        var item: String?
        switch member.shape {
        case .single: out += "1\t"
        case .repeated: out += "*\t"
        case .wrapped(let name):
            out += "w\t"
            item = name
        }
        switch member.value {
        case .scalar(.string): out += "s\t"
        case .scalar(.integer): out += "i\t"
        case .scalar(.number): out += "n\t"
        case .scalar(.boolean): out += "b\t"
        case .complex(let index): out += "#\(index)\t"
        }
        let flags =
            (member.isLink ? "l" : "") + (member.isReadOnly ? "r" : "") + (member.isOmittedWhenAbsent ? "o" : "")
            + (member.isRequired ? "q" : "")
        out += (flags.isEmpty ? "-" : flags) + "\t"
        appendEscaped(member.jsonName, to: &out)
        out += "\t"
        appendEscaped(member.xmlName, to: &out)
        if let item {
            out += "\t"
            appendEscaped(item, to: &out)
        }
        out += "\n"
    }

    private static func appendEscaped(_ name: String, to out: inout String) {
        guard name.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            out += name
            return
        }
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
