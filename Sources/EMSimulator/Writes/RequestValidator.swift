/// Checks a request body the way EM's deserializer refuses it: the root element the operation
/// takes, EM's namespace, no unknown elements, elements in schema order, no repeats of single
/// elements, required elements present. Rules come from ``RequestCatalog`` (not from the gateway).
///
/// Every fault is a `SimulatorError` `.badRequest` (400) whose message starts as .NET's does
/// (`There is an error in XML document`), then names the fault, the element and its line.
enum RequestValidator {
    /// EM's XML namespace.
    static let namespace = "http://www.veeam.com/ent/v1.0"

    /// The fault kinds, as the messages name them (tests match on these words).
    enum Fault: String {
        case wrongRoot = "wrong root element"
        case wrongNamespace = "wrong namespace"
        case unknownElement = "unknown element"
        case wrongOrder = "wrong element order"
        case repeatedElement = "repeated element"
        case missingElement = "missing required element"
    }

    /// Validates a parsed body.
    /// - Parameters:
    ///   - document: the parsed body.
    ///   - root: the root element the operation takes.
    /// - Throws: `SimulatorError` `.badRequest` naming the first fault found.
    static func validate(_ document: RequestDocument, root: String) throws {
        let element = document.root
        guard element.name == root else {
            throw Self.fault(.wrongRoot, element.line, "<\(element.name)> was not expected; this operation takes <\(root)>")
        }
        try Self.check(element, type: RequestCatalog.roots[root])
    }

    private static func check(_ element: RequestDocument.Element, type typeName: String?) throws {
        guard element.namespace == Self.namespace else {
            throw Self.fault(
                .wrongNamespace, element.line,
                "<\(element.name)> is in namespace [\(element.namespace ?? "")], not [\(Self.namespace)]")
        }
        guard let typeName, let type = RequestCatalog.types[typeName] else {
            for child in element.children { try Self.check(child, type: nil) }
            return
        }
        var furthest = -1
        var furthestName = ""
        var counts: [String: Int] = [:]
        for child in element.children {
            guard let position = type.position(of: child.name) else {
                if type.open {
                    try Self.check(child, type: nil)
                    continue
                }
                throw Self.fault(.unknownElement, child.line, "<\(element.name)> has no element <\(child.name)>")
            }
            let rule = type.children[position]
            counts[child.name, default: 0] += 1
            if counts[child.name]! > 1, !rule.repeated {
                throw Self.fault(.repeatedElement, child.line, "<\(child.name)> may appear only once in <\(element.name)>")
            }
            if type.ordered, position < furthest {
                throw Self.fault(
                    .wrongOrder, child.line, "<\(child.name)> must come before <\(furthestName)> in <\(element.name)>")
            }
            if position > furthest {
                furthest = position
                furthestName = child.name
            }
            try Self.check(child, type: rule.type)
        }
        for rule in type.children where rule.required && counts[rule.name] == nil {
            throw Self.fault(.missingElement, element.line, "<\(element.name)> lacks <\(rule.name)>")
        }
    }

    private static func fault(_ fault: Fault, _ line: Int, _ detail: String) -> SimulatorError {
        SimulatorError(.badRequest, "There is an error in XML document (line \(line)): \(fault.rawValue): \(detail).")
    }
}
