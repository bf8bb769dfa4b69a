import EMSchema
import EMTranslate
import Foundation
import Testing

/// Members the contract marks required (EM's schema demands them) are checked before any XML is
/// written: missing or `null` is refused with the JSON path; an absent optional object's own
/// required members are not checked.
@Suite("Required members of JSON bodies")
struct RequiredMemberTests {
    static func write(_ json: String, type name: String, schema: TranslationSchema = .builtIn) throws -> String {
        let writer = JSONToXMLWriter(schema: schema)
        let type = try #require(schema.model.typesByName[name])
        return String(decoding: try writer.write(json: Array(json.utf8), type: type), as: UTF8.self)
    }

    static func failure(_ body: () throws -> String) -> TranslateError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? TranslateError
        }
    }

    @Test(
        "CreateObjectInJobSpec: HierarchyObjRef missing or null is refused naming its path",
        arguments: [
            #"{"HierarchyObjName":"web07"}"#, #"{"HierarchyObjName":"web07","HierarchyObjRef":null}"#,
        ])
    func createObjectInJob(json: String) throws {
        let error = try #require(Self.failure { try Self.write(json, type: "CreateObjectInJobSpec") })
        #expect(error.code == .schemaMismatch)
        #expect(error.message.hasPrefix("CreateObjectInJobSpec.HierarchyObjRef: required"), "\(error.message)")
    }

    @Test("the contract marks CreateObjectInJobSpec's two documented XSD-required members, not its optional ones")
    func contract() throws {
        let model = SchemaModel.builtIn
        let type = try #require(model.typesByName["CreateObjectInJobSpec"].map { model.types[$0] })
        let required = type.members.filter(\.isRequired).map(\.jsonName)
        #expect(required == ["HierarchyObjRef", "HierarchyObjName"])
        // And the compiled text keeps the mark.
        let reloaded = try SchemaModel(compiledText: model.compiledText())
        #expect(reloaded == model)
        let again = try #require(reloaded.typesByName["CreateObjectInJobSpec"].map { reloaded.types[$0] })
        #expect(again.members.filter(\.isRequired).map(\.jsonName) == required)
    }

    @Test("a complete body is written; an absent optional object's required members are not checked, a present one's are")
    func nested() throws {
        let xml = try Self.write(#"{"HierarchyObjRef":"urn:VMware:Vm:1","HierarchyObjName":"web07"}"#, type: "CreateObjectInJobSpec")
        #expect(xml.contains("<HierarchyObjRef>urn:VMware:Vm:1</HierarchyObjRef><HierarchyObjName>web07</HierarchyObjName>"))
        let inner = ComplexType(
            name: "Inner",
            members: [
                Member(jsonName: "Must", xmlName: "Must", kind: .element, value: .scalar(.string), isRequired: true)
            ])
        let outer = ComplexType(
            name: "Outer",
            members: [
                Member(jsonName: "Name", xmlName: "Name", kind: .element, value: .scalar(.string)),
                Member(jsonName: "Inner", xmlName: "Inner", kind: .element, value: .complex(0)),
            ])
        let schema = TranslationSchema(model: SchemaModel(types: [inner, outer], rootElements: ["Outer": 1]))
        #expect(try Self.write(#"{"Name":"x"}"#, type: "Outer", schema: schema).contains("<Name>x</Name>"))
        #expect(try Self.write(#"{"Name":"x","Inner":null}"#, type: "Outer", schema: schema).contains("<Name>x</Name>"))
        let error = try #require(Self.failure { try Self.write(#"{"Inner":{}}"#, type: "Outer", schema: schema) })
        #expect(error.message.hasPrefix("Outer.Inner.Must: required"))
    }

    @Test("an --xsd overlay decides for the members it declares: its minOccurs=\"0\" makes HierarchyObjRef optional")
    func overlay() throws {
        let xsd = """
            <xs:schema xmlns="http://www.veeam.com/ent/v1.0" xmlns:xs="http://www.w3.org/2001/XMLSchema"
                targetNamespace="http://www.veeam.com/ent/v1.0" elementFormDefault="qualified">
              <xs:element name="CreateObjectInJobSpec" type="CreateObjectInJobSpecType" />
              <xs:complexType name="CreateObjectInJobSpecType">
                <xs:sequence>
                  <xs:element name="HierarchyObjRef" type="string" minOccurs="0" />
                  <xs:element name="HierarchyObjName" type="string" />
                  <xs:choice><xs:element name="Order" type="int" /></xs:choice>
                </xs:sequence>
              </xs:complexType>
            </xs:schema>
            """
        let schema = TranslationSchema(model: try SchemaModel.builtIn.overlaying(xsd: Array(xsd.utf8)))
        let type = try #require(schema.model.typesByName["CreateObjectInJobSpec"].map { schema.model.types[$0] })
        #expect(type.members.filter(\.isRequired).map(\.jsonName) == ["HierarchyObjName"])
        #expect(try Self.write(#"{"HierarchyObjName":"web07"}"#, type: "CreateObjectInJobSpec", schema: schema).contains("web07"))
    }
}
