import EMSchema
import EMTranslate
import Foundation
import Testing

/// XML → JSON and JSON → XML on a model overlaid with an XSD (`Tests/Fixtures/xsd/`): what the XSD
/// says changes the bytes, in both directions.
@Suite("XSD overlay: translation")
struct XSDOverlayTranslationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func schema(_ xsd: String) throws -> TranslationSchema {
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("xsd/\(xsd)")))
        return TranslationSchema(model: try SchemaModel.builtIn.overlaying(xsd: bytes))
    }

    static func json(_ xml: String, _ schema: TranslationSchema, dialect: JSONDialect = .native) throws -> String {
        String(
            decoding: try XMLToJSONConverter.convert(Array(xml.utf8), schema: schema, configuration: .init(dialect: dialect)), as: UTF8.self
        )
    }

    /// The top-level keys of a JSON object, in order (the converter writes no spaces).
    static func keys(_ json: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let names = Set(object.keys)
        var result: [String] = []
        var depth = 0
        var index = json.startIndex
        while index < json.endIndex {
            let character = json[index]
            if character == "{" || character == "[" { depth += 1 }
            if character == "}" || character == "]" { depth -= 1 }
            if character == "\"" {
                let end = json[json.index(after: index)...].firstIndex(of: "\"")!
                let name = String(json[json.index(after: index)..<end])
                if depth == 1, json[json.index(after: end)] == ":", names.contains(name) { result.append(name) }
                index = end
            }
            index = json.index(after: index)
        }
        return result
    }

    /// The element names of an XML document, in document order (root excluded).
    static func elementNames(_ xml: [UInt8]) -> [String] {
        let text = String(decoding: xml, as: UTF8.self)
        return text.split(separator: "<").dropFirst(2).compactMap { piece in
            guard let first = piece.first, first != "/" && first != "?" else { return nil }
            return String(piece.prefix { $0.isLetter || $0.isNumber })
        }
    }

    let ns = #"xmlns="http://www.veeam.com/ent/v1.0""#

    @Test("reordered XSD: JSON → XML writes the XSD's order, XML → JSON lists absent members in it")
    func reorder() throws {
        let schema = try Self.schema("reorder.xsd")
        let type = try #require(schema.model.rootType(forElement: "ReplicaJobSession"))
        let body = #"{"JobUid":"urn:veeam:Job:1","JobName":"A","State":"Stopped","Result":"Success","Progress":5,"IsRetry":true}"#
        let builtInXML = try JSONToXMLWriter(schema: .builtIn).write(json: Array(body.utf8), type: type)
        #expect(Self.elementNames(builtInXML) == ["JobUid", "JobName", "State", "Result", "Progress", "IsRetry"])
        let xml = try JSONToXMLWriter(schema: schema).write(json: Array(body.utf8), type: type)
        #expect(Self.elementNames(xml) == ["IsRetry", "JobName", "JobUid", "Result", "State", "Progress"])
        // And back: present members in document order, then the absent ones in the XSD's order.
        let json = try Self.json(String(decoding: xml, as: UTF8.self), schema)
        #expect(
            try Self.keys(json) == [
                "IsRetry", "JobName", "JobUid", "Result", "State", "Progress", "Links", "Href", "Type", "Name", "UID", "JobType",
                "CreationTimeUTC", "EndTimeUTC", "FailureMessage",
            ])
        // An empty session lists every member as null, in member order: the XSD's for elements.
        let empty = "<ReplicaJobSession \(ns)/>"
        #expect(
            try Self.keys(Self.json(empty, schema)) == [
                "Links", "Href", "Type", "Name", "UID", "IsRetry", "JobName", "JobUid", "JobType", "Result", "State", "Progress",
                "CreationTimeUTC", "EndTimeUTC", "FailureMessage",
            ])
        #expect(
            try Self.keys(Self.json(empty, .builtIn)) == [
                "Links", "Href", "Type", "Name", "UID", "JobUid", "JobName", "JobType", "CreationTimeUTC", "EndTimeUTC", "State",
                "Result", "Progress", "FailureMessage", "IsRetry",
            ])
    }

    @Test("added element, bare list and attribute convert by the XSD's typing instead of the plain rules")
    func additions() throws {
        let xml =
            #"<ReplicaJobSession \#(ns) Platform="HyperV"><IsRetry>true</IsRetry><RetryCount>3</RetryCount><Labels><Label>gold</Label></Labels></ReplicaJobSession>"#
        let overlaid = try Self.json(xml, try Self.schema("additions.xsd"), dialect: .compact)
        #expect(overlaid == #"{"Platform":"HyperV","IsRetry":true,"RetryCount":3,"Labels":["gold"]}"#)
        let builtIn = try Self.json(xml, .builtIn, dialect: .compact)
        #expect(builtIn != overlaid)
        #expect(builtIn.contains(#""RetryCount":"3""#))
        // Native dialect: the new members are null when EM leaves them out.
        let absent = try Self.json(
            #"<ReplicaJobSession \#(ns)><IsRetry>false</IsRetry></ReplicaJobSession>"#, try Self.schema("additions.xsd"))
        #expect(absent.contains(#""RetryCount":null"#) && absent.contains(#""Labels":null"#) && absent.contains(#""Platform":null"#))
    }

    @Test("a scalar the XSD types as an integer turns \"5\" into 5 (and back to text in XML)")
    func scalarType() throws {
        let xml = #"<ReplicaJobSession \#(ns)><JobType>5</JobType><Progress>100</Progress></ReplicaJobSession>"#
        #expect(try Self.json(xml, .builtIn, dialect: .compact) == #"{"JobType":"5","Progress":100}"#)
        let schema = try Self.schema("scalars.xsd")
        #expect(try Self.json(xml, schema, dialect: .compact) == #"{"JobType":5,"Progress":"100"}"#)
        let type = try #require(schema.model.rootType(forElement: "ReplicaJobSession"))
        let written = String(
            decoding: try JSONToXMLWriter(schema: schema).write(json: Array(#"{"JobType":5}"#.utf8), type: type), as: UTF8.self)
        #expect(written.contains("<JobType>5</JobType>"))
    }

    @Test("a new ListType list converts to {\"CopyPolicies\": [...]} with typed members")
    func newList() throws {
        let xml = """
            <CopyPolicies \(ns)><CopyPolicy Href="https://em:9398/api/copyPolicies/1" Name="p1"><Description>d</Description>\
            <RetainDays>14</RetainDays><Enabled>true</Enabled><Ratio>0.5</Ratio></CopyPolicy></CopyPolicies>
            """
        let json = try Self.json(xml, try Self.schema("new-list.xsd"), dialect: .compact)
        #expect(
            json
                == #"{"CopyPolicies":[{"Href":"https://em:9398/api/copyPolicies/1","Name":"p1","Description":"d","RetainDays":14,"Enabled":true,"Ratio":0.5}]}"#
        )
        // The built-in schema does not know the type: plain rules, text stays text.
        #expect(try Self.json(xml, .builtIn, dialect: .compact).contains(#""RetainDays":"14""#))
        // Links in the new type are rewritten like everywhere else.
        let rewritten = String(
            decoding: try XMLToJSONConverter.convert(
                Array(xml.utf8), schema: try Self.schema("new-list.xsd"),
                configuration: .init(linkRewriter: LinkRewriter(publicBaseURL: "http://gw:8080"), dialect: .compact)),
            as: UTF8.self)
        #expect(rewritten.contains(#""Href":"http://gw:8080/api/copyPolicies/1""#))
    }

    @Test("the 2017 RestAPI.xsd's shape leaves the ReplicaJobSession output byte for byte the same")
    func restAPI2017Unchanged() throws {
        let xml = String(
            decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent("replicasession_seed_entity.xml")), as: UTF8.self)
        let schema = try Self.schema("restapi-2017-trimmed.xsd")
        let overlaid = try Self.json(xml, schema)
        #expect(overlaid == (try Self.json(xml, .builtIn)))
        #expect(overlaid.contains(#""Progress":100,"IsRetry":false"#))
    }
}
