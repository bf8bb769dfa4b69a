import EMTranslate
import TestSupport
import Testing

/// A client GETs a job as JSON (EM's `null`s and read-only members included), edits it and
/// PUTs it back; the XML sent to EM keeps every other field in schema order.
@Suite("(c) GET → edit → PUT of a job")
struct GetEditPutTests {
    static let time = "23:30:00.0000000+01:00"

    func fetchedJob() throws -> (xml: [UInt8], json: JSONValue) {
        let xml = try #require(try RequestRoundTrip.fixtures("edit").first { $0.name == "job_entity_get.xml" }).bytes
        let json = try XMLToJSONConverter.convert(xml, schema: RequestTestModel.schema)
        return (xml, try JSONReader.parse(json))
    }

    /// The edits a client makes, applied to the JSON.
    func edit(_ job: JSONValue) -> JSONValue {
        let daily = ["JobScheduleOptions", "Standart", "OptionsDaily"]
        var job = JSONText.editing(job, ["Description"]) { _ in .string("Nightly CRM backup") }
        job = JSONText.editing(job, daily + ["Time"]) { _ in .string(Self.time) }
        job = JSONText.editing(job, daily + ["Days"]) { _ in .array([.string("Monday"), .string("Friday")]) }
        job = JSONText.editing(job, ["JobScheduleOptions", "Standart", "RetryOptions", "RetryTimes"]) { _ in .number("5") }
        return job
    }

    /// The same edits, applied to the fetched XML's tree.
    func edit(_ tree: XMLNode) throws {
        try #require(tree.child("Description")).text = "Nightly CRM backup"
        let standart = try #require(tree.child("JobScheduleOptions")?.child("Standart"))
        let daily = try #require(standart.child("OptionsDaily"))
        try #require(daily.child("Time")).text = Self.time
        let template = try #require(daily.child("Days"))
        let days = ["Monday", "Friday"].map { name in
            let node = XMLNode(name: "Days", namespace: template.namespace, attributes: [:])
            node.text = name
            return node
        }
        let first = try #require(daily.children.firstIndex { $0.name == "Days" })
        daily.children.removeAll { $0.name == "Days" }
        daily.children.insert(contentsOf: days, at: first)
        try #require(standart.child("RetryOptions")?.child("RetryTimes")).text = "5"
    }

    @Test("the fetched JSON carries EM's nulls and read-only members")
    func fetchedJSON() throws {
        let (_, json) = try fetchedJob()
        #expect(json["Href"] != nil && json["UID"] != nil)
        guard case .array(let links)? = json["Links"] else {
            Issue.record("Links is not an array")
            return
        }
        #expect(links.count == 3)
        let info = json["JobInfo"]?["BackupJobInfo"]
        #expect(info?["GuestProcessingOptions"] == .null)
        guard case .array(let objects)? = info?["Includes"]?["ObjectInJobs"] else {
            Issue.record("ObjectInJobs is not an array")
            return
        }
        #expect(objects.count == 1)
        #expect(objects.first?["Order"] == .null)
        #expect(objects.first?["GuestProcessingOptions"]?["LinuxGuestFSIndexingOptions"] == .null)
        #expect(json["JobScheduleOptions"]?["Standart"]?["OptionsDaily"]?["Enabled"] == .bool(true))
    }

    @Test("PUT keeps every field and its order; read-only members and nulls are dropped; edits land")
    func editedJobGoesBack() throws {
        let (xml, json) = try fetchedJob()
        let edited = JSONText.shuffled(edit(json), seed: 29)
        let put = try RequestTestModel.writer.write(
            json: Array(JSONText.serialize(edited).utf8), type: RequestTestModel.type("Job"))
        let text = String(decoding: put, as: UTF8.self)

        let expected = try XMLNode.parse(xml, namespaces: true)
        SchemaCanonicalForm.normalize(expected, type: RequestTestModel.type("Job"), model: RequestTestModel.model)
        try edit(expected)
        let actual = try XMLNode.parse(put, namespaces: true)
        #expect(expected.difference(from: actual) == nil, "\(expected.difference(from: actual) ?? "")")

        #expect(text.contains(#"<Job xmlns="http://www.veeam.com/ent/v1.0" Name="CRM Backup">"#))
        for dropped in ["Href=", "UID=", "Type=", "<Links", "<Link ", "<NextRun", "null", "xsi:", "<?xml-"] {
            #expect(!text.contains(dropped), "\(dropped) reached EM")
        }
        #expect(
            text.contains(
                #"<OptionsDaily Enabled="true"><Kind>Everyday</Kind><Days>Monday</Days><Days>Friday</Days><Time>\#(Self.time)</Time>"#))
        #expect(text.contains("<ObjectInJob><ObjectInJobId>"))
    }
}
