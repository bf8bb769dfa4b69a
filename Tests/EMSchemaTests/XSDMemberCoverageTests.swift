import EMSchema
import Foundation
import Testing

/// The contract against EM's own 2017 schema: every element and attribute a type of
/// `RestAPI.xsd` declares is a member of the component the generator maps that type to.
/// The member table is derived by `scripts/xsd-member-table.py` into
/// `Tests/Fixtures/xsd/restapi-2017-members.tsv`.
@Suite("XSD member coverage")
struct XSDMemberCoverageTests {
    /// XSD members the contract leaves out on purpose, `component.member` → why. Empty today.
    static let exceptions: [String: String] = [:]

    struct Row {
        let xsdType: String
        let component: String
        let member: String
        let occurs: String
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: TestSupport.url("Tests/Fixtures/xsd/restapi-2017-members.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(xsdType: fields[0], component: fields[1], member: fields[2], occurs: fields[4])
        }
    }

    /// Whether `type` has the member a row names (elements by their XML name, the item name of a
    /// repeated element included; attributes by name; `#text` as the text member).
    static func has(_ type: ComplexType, _ member: String) -> Bool {
        if member == "#text" { return type.textMemberIndex != nil }
        if member.hasPrefix("@") { return type.memberIndex(xmlName: String(member.dropFirst()), kind: .attribute) != nil }
        return type.members.contains { $0.kind == .element && $0.xmlName == member }
    }

    @Test("every XSD member is in the contract (the count lacking is printed; exceptions need a reason)")
    func coverage() throws {
        let model = SchemaModel.builtIn
        let rows = try Self.rows()
        #expect(rows.count > 600)
        var lacking: [String] = []
        for row in rows {
            let key = "\(row.component).\(row.member)"
            guard Self.exceptions[key] == nil else { continue }
            guard let index = model.typesByName[row.component], Self.has(model.types[index], row.member) else {
                lacking.append("\(key) (\(row.xsdType), \(row.occurs))")
                continue
            }
        }
        print("XSD members the contract lacks: \(lacking.count) of \(rows.count)")
        #expect(lacking.isEmpty, "\(lacking.joined(separator: ", "))")
        for (key, reason) in Self.exceptions { #expect(!reason.isEmpty, "\(key)") }
    }

    @Test("ObjectInJob.Order is the XSD's xs:int, and an answer without it stays as it was")
    func order() throws {
        let model = SchemaModel.builtIn
        let type = try #require(model.typesByName["ObjectInJob"].map { model.types[$0] })
        let order = try #require(type.members.first { $0.xmlName == "Order" })
        #expect(order.value == .scalar(.integer))
        #expect(order.isOmittedWhenAbsent)
        let names = type.members.map(\.xmlName)
        #expect(names.firstIndex(of: "Order")! == names.firstIndex(of: "DisplayName")! + 1)
    }
}
