import EMSchema
import EMTranslate
import Foundation
import TestSupport
import Testing

@Suite("JSON → XML writer: lexical forms, escaping, nulls, read-only members, errors")
struct JSONToXMLWriterTests {
    static let declaration = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
    static let ns = #"xmlns="http://www.veeam.com/ent/v1.0""#

    /// A `BackupServer`-like request type written for these tests (the built-in spec marks an
    /// entity's `Name` read-only): a writable attribute `Name`, read-only `Links`, `Href`,
    /// `Type`, `UID`, and elements `Description`, `Port` (integer), `Version`.
    static let writer: JSONToXMLWriter = {
        let link = ComplexType(
            name: "Link",
            members: [
                Member(jsonName: "Rel", xmlName: "Rel", kind: .attribute, value: .scalar(.string)),
                Member(jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true),
            ])
        let server = ComplexType(
            name: "BackupServer",
            members: [
                Member(
                    jsonName: "Links", xmlName: "Links", kind: .element, shape: .wrapped(item: "Link"), value: .complex(0), isReadOnly: true
                ),
                Member(jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true, isReadOnly: true),
                Member(jsonName: "Type", xmlName: "Type", kind: .attribute, value: .scalar(.string), isReadOnly: true),
                Member(jsonName: "Name", xmlName: "Name", kind: .attribute, value: .scalar(.string)),
                Member(jsonName: "UID", xmlName: "UID", kind: .attribute, value: .scalar(.string), isReadOnly: true),
                Member(jsonName: "Description", xmlName: "Description", kind: .element, value: .scalar(.string)),
                Member(jsonName: "Port", xmlName: "Port", kind: .element, value: .scalar(.integer)),
                Member(jsonName: "Version", xmlName: "Version", kind: .element, value: .scalar(.string)),
            ])
        let model = SchemaModel(types: [link, server], rootElements: ["BackupServer": 1])
        return JSONToXMLWriter(schema: TranslationSchema(model: model))
    }()

    func backupServer(_ json: String, element: String? = nil) throws -> String {
        let type = try #require(Self.writer.schema.model.typesByName["BackupServer"])
        return String(decoding: try Self.writer.write(json: Array(json.utf8), type: type, element: element), as: UTF8.self)
    }

    func error(_ body: () throws -> Any) -> TranslateError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? TranslateError
        }
    }

    @Test("declaration, EM's namespace on the root, attributes, elements in schema order")
    func basicDocument() throws {
        let xml = try backupServer(#"{"Port": 9392, "Description": "Main", "Name": "srv01"}"#)
        #expect(
            xml == Self.declaration
                + #"<BackupServer \#(Self.ns) Name="srv01"><Description>Main</Description><Port>9392</Port></BackupServer>"#)
        let tree = try XMLNode.parse(xml, namespaces: true)
        #expect(tree.namespace == JSONToXMLWriter.namespace)
        #expect(tree.children.allSatisfy { $0.namespace == JSONToXMLWriter.namespace })
        #expect(!xml.contains("<!") && xml.components(separatedBy: "<?").count == 2)
    }

    @Test("the element name defaults to the type's root element; --element overrides; a bad name is misuse")
    func elementNames() throws {
        let writer = JSONToXMLWriter(schema: .builtIn)
        let model = writer.schema.model
        #expect(writer.rootElementName(for: try #require(model.typesByName["LogonSession"])) == "LogonSession")
        #expect(writer.rootElementName(for: try #require(model.typesByName["Link"])) == "Link")
        #expect(try backupServer("{}", element: "BackupServerSpec") == Self.declaration + "<BackupServerSpec \(Self.ns)/>")
        #expect(error { try backupServer("{}", element: "a b") }?.code == .misuse)
        #expect(error { try backupServer("{}", element: "x:y") }?.code == .misuse)
        #expect(error { try writer.write(.object([]), type: model.types.count) }?.code == .misuse)
    }

    @Test("text and attribute values are escaped, and read back unchanged")
    func escaping() throws {
        let tricky = "a & b < c > d \" e ' f ]]> g\r\nh\ti"
        let json = "{\"Name\": \(JSONText.serialize(.string(tricky))), \"Description\": \(JSONText.serialize(.string(tricky)))}"
        let xml = try backupServer(json)
        #expect(xml.contains(#"Name="a &amp; b &lt; c &gt; d &quot; e &apos; f ]]&gt; g&#13;&#10;h&#9;i""#))
        #expect(xml.contains("<Description>a &amp; b &lt; c &gt; d \" e ' f ]]&gt; g&#13;\nh\ti</Description>"))
        let tree = try XMLNode.parse(xml, namespaces: true)
        #expect(tree.attributes["Name"] == tricky)
        #expect(tree.child("Description")?.text == tricky)
    }

    @Test(
        "characters XML 1.0 cannot carry are refused with their path",
        arguments: [#"\u0001"#, #"\u0000"#, #"\u001f"#, #"\ufffe"#, #"\uffff"#])
    func invalidCharacters(escape: String) throws {
        let inText = error { try backupServer("{\"Description\": \"x\(escape)\"}") }
        #expect(inText?.code == .invalidXMLCharacter)
        #expect(inText?.message.hasPrefix("BackupServer.Description: U+") == true, "\(String(describing: inText))")
        let inAttribute = error { try backupServer("{\"Name\": \"\(escape)\"}") }
        #expect(inAttribute?.code == .invalidXMLCharacter)
        #expect(try backupServer(#"{"Description": "\ud7ff\ue000\ufffd\ud83d\ude00"}"#).contains("\u{D7FF}\u{E000}\u{FFFD}😀"))
    }

    @Test("integers keep every digit; fractions and exponents are refused for integer members")
    func integers() throws {
        #expect(try backupServer(#"{"Port": 12345678901234567890}"#).contains("<Port>12345678901234567890</Port>"))
        #expect(try backupServer(#"{"Port": -12}"#).contains("<Port>-12</Port>"))
        let fraction = error { try backupServer(#"{"Port": 1.5}"#) }
        #expect(fraction?.code == .schemaMismatch)
        #expect(fraction?.message == "BackupServer.Port: expected an integer, found the number 1.5")
        #expect(error { try backupServer(#"{"Port": 1e3}"#) }?.code == .schemaMismatch)
        #expect(error { try backupServer(#"{"Port": "9392"}"#) }?.message == "BackupServer.Port: expected an integer, found a string")
    }

    @Test("number and boolean members: lexical digits, true/false; strings are not booleans")
    func numbersAndBooleans() throws {
        let writer = JSONToXMLWriter(schema: TestModel.schema)
        let session = try #require(TestModel.model.typesByName["Session"])
        let xml = String(
            decoding: try writer.write(json: Array(#"{"Ratio": 1.50E3, "IsRetry": false, "RetrySpecified1": true}"#.utf8), type: session),
            as: UTF8.self)
        #expect(xml.hasSuffix("<IsRetry>false</IsRetry><Ratio>1.50E3</Ratio><RetrySpecified>true</RetrySpecified></Session>"))
        for bad in [#"{"IsRetry": "true"}"#, #"{"IsRetry": 1}"#, #"{"IsRetry": null, "Ratio": "1"}"#] {
            #expect(error { try writer.write(json: Array(bad.utf8), type: session) }?.code == .schemaMismatch, "\(bad)")
        }
    }

    @Test("strings are written verbatim: times, numbers-looking text, empty strings")
    func strings() throws {
        let time = "22:00:00.0000000+01:00"
        let xml = try RequestTestModel.xml(
            #"{"JobScheduleOptions": {"Standart": {"OptionsDaily": {"Time": "\#(time)"}}}, "Description": ""}"#, type: "Job")
        #expect(xml.contains("<Time>\(time)</Time>"))
        #expect(xml.contains("<Description/>"))
        #expect(try backupServer(#"{"Name": "007", "Description": "1E5"}"#).contains(#"Name="007"><Description>1E5</Description>"#))
        #expect(
            error { try backupServer(#"{"Description": 7}"#) }?.message == "BackupServer.Description: expected a string, found a number")
    }

    @Test("null writes nothing, never the text null")
    func nulls() throws {
        let xml = try backupServer(#"{"Name": null, "Description": null, "Port": 1, "Version": null}"#)
        #expect(xml == Self.declaration + "<BackupServer \(Self.ns)><Port>1</Port></BackupServer>")
        let list = try RequestTestModel.xml(
            #"{"CloudGateways": {"CloudGatewayUids": ["a", null, "b"]}, "CloudTenants": {"CloudTenantUids": null}}"#,
            type: "CreateCloudGatewayPoolSpec")
        #expect(
            list.hasSuffix(
                "<CloudGateways><CloudGatewayUid>a</CloudGatewayUid><CloudGatewayUid>b</CloudGatewayUid></CloudGateways><CloudTenants/></CreateCloudGatewayPoolSpec>"
            ))
    }

    @Test("read-only members are dropped silently, whatever they hold")
    func readOnly() throws {
        let xml = try backupServer(#"{"Links": "not even a list", "Href": 5, "Type": {"x": 1}, "UID": "urn:x", "Name": "srv01"}"#)
        #expect(xml == Self.declaration + #"<BackupServer \#(Self.ns) Name="srv01"/>"#)
    }

    @Test("unknown properties and wrong types are errors naming the JSON path")
    func errorsWithPaths() throws {
        let unknown = error {
            try RequestTestModel.xml(#"{"JobScheduleOptions": {"Standart": {"OptionsDaily": {"Enabled": true, "Foo": 1}}}}"#, type: "Job")
        }
        #expect(unknown?.code == .schemaMismatch)
        #expect(
            unknown?.message.hasPrefix("Job.JobScheduleOptions.Standart.OptionsDaily.Foo: unknown property \"Foo\"") == true,
            "\(String(describing: unknown))")
        let inArray = error {
            try RequestTestModel.xml(
                #"{"JobInfo": {"BackupJobInfo": {"Includes": {"ObjectInJobs": [{"Order": 1}, {"Order": "2"}]}}}}"#, type: "Job")
        }
        #expect(inArray?.message == "Job.JobInfo.BackupJobInfo.Includes.ObjectInJobs[1].Order: expected an integer, found a string")
        #expect(
            error { try RequestTestModel.xml(#"{"JobScheduleOptions": []}"#, type: "Job") }?.message
                == "Job.JobScheduleOptions: expected an object, found an array")
        #expect(error { try RequestTestModel.xml(#"[]"#, type: "Job") }?.message == "Job: expected an object, found an array")
        #expect(error { try RequestTestModel.xml(##"{"#text": "x"}"##, type: "Job") }?.code == .schemaMismatch)
        #expect(error { try RequestTestModel.xml(#"{"Name": "a",}"#, type: "Job") }?.code == .malformedJSON)
    }

    @Test("the writer applies its JSON limits")
    func limits() throws {
        var limits = JSONReader.Limits()
        limits.maxDepth = 3
        let writer = JSONToXMLWriter(schema: RequestTestModel.schema, configuration: .init(limits: limits))
        let job = RequestTestModel.type("Job")
        #expect(throws: Never.self) { try writer.write(json: Array(#"{"JobScheduleOptions": {"Standart": {}}}"#.utf8), type: job) }
        let deep = error { try writer.write(json: Array(#"{"JobScheduleOptions": {"Standart": {"RetryOptions": {}}}}"#.utf8), type: job) }
        #expect(deep?.code == .malformedJSON)
        #expect(deep?.message.contains("deeper than 3") == true)
    }

    @Test("Value is the text beside attributes; empty objects and lists are empty elements")
    func textAndEmpties() throws {
        let xml = try RequestTestModel.xml(
            #"{"JobScheduleOptions": {"Standart": {"OptionsPeriodically": {"Schedule": {"Days": [{"Value": "1,0", "Name": "Sunday"}]}, "Kind": "Hours"}, "OptionsContinuous": {}}}, "JobInfo": {"BackupJobInfo": {"GuestProcessingOptions": {"WindowsGuestFSIndexingOptions": {"IncludedIndexingFolders": [], "ExcludedIndexingFolders": ["%TEMP%"]}}}}}"#,
            type: "Job")
        #expect(
            xml.contains(
                #"<OptionsPeriodically><Kind>Hours</Kind><Schedule><Day Name="Sunday">1,0</Day></Schedule></OptionsPeriodically><OptionsContinuous/>"#
            ))
        #expect(xml.contains("<IncludedIndexingFolders/><ExcludedIndexingFolders><Path>%TEMP%</Path></ExcludedIndexingFolders>"))
    }
}
