import EMSchema
import EMTranslate
import Foundation
import Testing

/// Members only newer EMs write (`x-em-omit-when-absent` in `openapi/em-gateway.yaml`): absent from
/// the XML, absent from the JSON (no `null`, in either dialect); present, typed like any member.
@Suite("Members omitted when absent")
struct OmitWhenAbsentTests {
    static let schema: TranslationSchema = {
        var builder = ModelBuilder()
        builder.add(
            "VssSnapshotOptions", root: true,
            [
                ModelBuilder.element("VssSnapshotMode"), ModelBuilder.element("IsCopyOnly", .boolean),
                ModelBuilder.element("UsePersistentGuestAgent", .boolean).omittedWhenAbsent,
                ModelBuilder.attribute("Since").omittedWhenAbsent,
            ])
        return TranslationSchema(model: builder.build())
    }()

    static func convert(_ xml: String, dialect: JSONDialect) throws -> String {
        let bytes = try XMLToJSONConverter.convert(Array(xml.utf8), schema: schema, configuration: .init(dialect: dialect))
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("absent: no key in native or compact; other absent members stay null in native")
    func absent() throws {
        #expect(
            try Self.convert("<VssSnapshotOptions><VssSnapshotMode>Disabled</VssSnapshotMode></VssSnapshotOptions>", dialect: .native)
                == #"{"VssSnapshotMode":"Disabled","IsCopyOnly":null}"#)
        #expect(
            try Self.convert("<VssSnapshotOptions><IsCopyOnly>true</IsCopyOnly></VssSnapshotOptions>", dialect: .compact)
                == #"{"IsCopyOnly":true}"#)
    }

    @Test("present: typed and in place")
    func present() throws {
        let xml =
            #"<VssSnapshotOptions Since="13"><VssSnapshotMode>RequireSuccess</VssSnapshotMode><IsCopyOnly>false</IsCopyOnly><UsePersistentGuestAgent>true</UsePersistentGuestAgent></VssSnapshotOptions>"#
        #expect(
            try Self.convert(xml, dialect: .native)
                == #"{"Since":"13","VssSnapshotMode":"RequireSuccess","IsCopyOnly":false,"UsePersistentGuestAgent":true}"#)
    }

    @Test("built-in: EM 13 samples convert UsePersistentGuestAgent and ADTenantType typed, with no unknown elements")
    func builtInNewerMembers() throws {
        let job = try ConformanceSupport.convert(
            try #require(try ConformanceSupport.samples().first { $0.file == "xml-only/jobs_id_02.xml" }))
        #expect(job.unknownNames.isEmpty, "\(job.unknownNames)")
        let jobText = String(decoding: job.json, as: UTF8.self)
        #expect(jobText.contains(#""IsCopyOnly":false,"UsePersistentGuestAgent":false"#))
        let tenant = try ConformanceSupport.convert(
            try #require(try ConformanceSupport.samples().first { $0.file == "xml-only/get_tenants_id_01.xml" }))
        #expect(tenant.unknownNames.isEmpty, "\(tenant.unknownNames)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(tenant.json)) as? [String: Any])
        let type = try #require(object["TenantType"] as? [String: Any])
        let ad = try #require(type["ADTenantType"] as? [String: Any])
        #expect(ad["Account"] as? String == #"tech\william.fox"#)
        #expect((ad["Domain"] as? [String: Any])?["DomainName"] as? String == "tech.local")
    }

    @Test("built-in: a real EM 12 job without UsePersistentGuestAgent has no such key")
    func builtInRealAnswer() throws {
        let model = SchemaModel.builtIn
        let vss = try #require(model.typesByName["VssSnapshotOptions"])
        let member = try #require(model.types[vss].members.first { $0.jsonName == "UsePersistentGuestAgent" })
        #expect(member.isOmittedWhenAbsent)
        #expect(member.value == .scalar(.boolean))
        let schema = ConformanceSupport.translationSchema(root: "VssSnapshotOptions", type: vss)
        let result = try ConformanceSupport.convert(
            Array(
                "<VssSnapshotOptions><VssSnapshotMode>Disabled</VssSnapshotMode><IsCopyOnly>false</IsCopyOnly></VssSnapshotOptions>".utf8),
            schema: schema)
        let text = String(decoding: result.json, as: UTF8.self)
        #expect(!text.contains("UsePersistentGuestAgent"), "\(text)")
        #expect(text.contains(#""IsCopyOnly":false"#))
    }

    @Test("EM 9.5's ObjectInJob.Order (the 2017 XSD's xs:int) converts as a number and back; without it, no key")
    func objectInJobOrder() throws {
        let ns = #"xmlns="http://www.veeam.com/ent/v1.0""#
        let with =
            #"<ObjectInJob \#(ns) Href="https://em:9398/api/jobs/1/includes/2"><ObjectInJobId>2</ObjectInJobId><Name>web07</Name><Order>0</Order></ObjectInJob>"#
        let json = String(decoding: try XMLToJSONConverter.convert(Array(with.utf8)), as: UTF8.self)
        #expect(json.contains(#""Order":0"#))
        let without = with.replacingOccurrences(of: "<Order>0</Order>", with: "")
        #expect(!String(decoding: try XMLToJSONConverter.convert(Array(without.utf8)), as: UTF8.self).contains("Order"))
        let writer = JSONToXMLWriter()
        let type = try #require(SchemaModel.builtIn.typesByName["ObjectInJob"])
        let xml = String(decoding: try writer.write(json: Array(#"{"Name":"web07","Order":3}"#.utf8), type: type), as: UTF8.self)
        #expect(xml.contains("<Order>3</Order>"))
    }
}
