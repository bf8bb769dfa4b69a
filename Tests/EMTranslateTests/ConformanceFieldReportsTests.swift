import EMSchema
import EMTranslate
import Testing

/// Faults real EM clients met (typed scalars, list shapes, .NET renames, `Time` values, empty wrappers) against the
/// built-in schema and EM's own samples. The way back of a `Time` (JSON → XML keeps a `Time` verbatim) is in
/// `JSONToXMLWriterTests` and `GetEditPutTests`; list shapes for every list type in `ConformanceListShapeTests`.
@Suite("Conformance: field reports against the built-in schema")
struct ConformanceFieldReportsTests {
    func object(_ xml: String) throws -> [String: ConformanceJSON] {
        let result = try ConformanceSupport.convert(Array(xml.utf8), schema: .builtIn)
        #expect(result.statistics.unknownNodes == 0, "unknown: \(result.unknownNames)")
        guard case .object(let object) = try ConformanceJSON.parse(result.json) else { throw Unexpected() }
        return object
    }

    func object(sample file: String) throws -> [String: ConformanceJSON] {
        try object(String(decoding: try ConformanceSupport.bytes(file), as: UTF8.self))
    }

    struct Unexpected: Error {}

    @Test("keys come from the XML names whatever EM version is behind (never camelCase)")
    func f01() throws {
        let xml =
            #"<VmsOverviewReportFrame xmlns="http://www.veeam.com/ent/v1.0"><ProtectedVms>4</ProtectedVms><BackedUpVms>3</BackedUpVms></VmsOverviewReportFrame>"#
        let json = String(decoding: try XMLToJSONConverter.convert(Array(xml.utf8)), as: UTF8.self)
        #expect(json.contains(#""BackedUpVms":3"#))
        #expect(!json.contains("backedUpVms"))
    }

    @Test("query results nest plural keys; Capacity is a number with one repository as with many")
    func queryResultRepositories() throws {
        let result = try object(sample: "extra/queryresult_repository_entities_em131_docs.xml")
        guard case .object(let entities)? = result["Entities"], case .object(let list)? = entities["Repositories"],
            case .array(let repositories)? = list["Repositories"], case .object(let first)? = repositories.first
        else { throw Unexpected() }
        guard case .number? = first["Capacity"] else { throw Unexpected() }
        #expect(entities["BackupJobSessions"] == .null)
        guard case .object(let paging)? = result["PagingInfo"] else { throw Unexpected() }
        for key in ["PageNum", "PageSize", "PagesCount"] {
            guard case .number? = paging[key] else { throw Unexpected() }
        }
    }

    @Test("summary report counts are numbers; an empty string element is \"\"")
    func summaryReports() throws {
        let statistics = try object(sample: "extra/report_job_statistics_em131_docs.xml")
        guard case .number? = statistics["TotalJobRuns"] else { throw Unexpected() }
        let inline = try object(
            "<JobStatisticsReportFrame><TotalJobRuns>12</TotalJobRuns><MaxDurationReplicaJobName /></JobStatisticsReportFrame>")
        #expect(inline["TotalJobRuns"] == .number("12"))
        #expect(inline["MaxDurationReplicaJobName"] == .string(""))
        let repository = try object(sample: "extra/report_repository_em131_docs.xml")
        guard case .array(let periods)? = repository["Periods"], !periods.isEmpty,
            case .string? = repository["CapacityPlanningReportLink"]
        else { throw Unexpected() }
        let processed = try object(sample: "extra/report_processed_vms_em131_docs.xml")
        guard case .array(let days)? = processed["Days"], case .object(let day)? = days.first,
            case .number? = day["BackupedVms"]
        else { throw Unexpected() }
    }

    @Test("a Time keeps its exact text")
    func time() throws {
        let job = try object(sample: "pairs/resource_representation_for_ke_02.xml")
        guard case .object(let options)? = job["JobScheduleOptions"], case .object(let standart)? = options["Standart"],
            case .object(let daily)? = standart["OptionsDaily"]
        else { throw Unexpected() }
        #expect(daily["Time"] == .string("14:00:00.0000000+01:00"))
        #expect(standart["BackupCompetitionWaitingPeriodMin"] == .number("180"))
        guard case .object(let retry)? = standart["RetryOptions"] else { throw Unexpected() }
        #expect(retry["RetrySpecified1"] == .bool(true))
    }

    @Test("a running session without EndTimeUTC has EndTimeUTC null")
    func runningSession() throws {
        let session = try object(
            #"<BackupJobSession xmlns="http://www.veeam.com/ent/v1.0" Type="BackupJobSession" Href="https://em:9398/api/backupSessions/1" Name="J@x" UID="urn:veeam:BackupJobSession:1"><JobUid>urn:veeam:Job:1</JobUid><JobName>J</JobName><JobType>Backup</JobType><CreationTimeUTC>2025-01-01T00:00:00Z</CreationTimeUTC><State>Working</State><Result>None</Result><Progress>42</Progress><IsRetry>false</IsRetry></BackupJobSession>"#
        )
        #expect(session["EndTimeUTC"] == .null)
        #expect(session["FailureMessage"] == .null)
        #expect(session["Progress"] == .number("42"))
        #expect(session["IsRetry"] == .bool(false))
    }

    @Test("strings that look like numbers stay strings")
    func numericLookingStrings() throws {
        let server = try object(
            #"<BackupServer Type="BackupServer" Href="https://em:9398/api/backupServers/1" Name="007" UID="urn:veeam:BackupServer:1"><Description>1E5</Description><Port>9392</Port><Version>12.10</Version></BackupServer>"#
        )
        #expect(server["Name"] == .string("007"))
        #expect(server["Description"] == .string("1E5"))
        #expect(server["Version"] == .string("12.10"))
        #expect(server["Port"] == .number("9392"))
        let spec = try object(
            #"<BackupServerSpec><Description>x</Description><DnsNameOrIpAddress>10.0.0.1</DnsNameOrIpAddress><Port>9392</Port><Username>u</Username><Password>123</Password><VbrCertificateThumbprint>0000AB</VbrCertificateThumbprint></BackupServerSpec>"#
        )
        #expect(spec["VbrCertificateThumbprint"] == .string("0000AB"))
        #expect(spec["Password"] == .string("123"))
    }

    @Test("one link is an array, an empty bare list is [], an absent one null")
    func links() throws {
        let tenant = try object(sample: "extra/cloudtenant_entity_em95u4_real.xml")
        guard case .array? = tenant["Links"] else { throw Unexpected() }
        let reference = try object(
            #"<EntityRef UID="urn:veeam:Job:1" Name="n" Href="https://em:9398/api/jobs/1" Type="JobReference"><Links><Link Rel="Alternate" Href="https://em:9398/api/jobs/1?format=Entity"/></Links></EntityRef>"#
        )
        guard case .array(let links)? = reference["Links"], links.count == 1, case .object(let link) = links[0] else {
            throw Unexpected()
        }
        #expect(link["Name"] == .null)
        #expect(try object(#"<EntityRef UID="u" Name="n" Href="h" Type="t"><Links/></EntityRef>"#)["Links"] == .array([]))
        #expect(try object(#"<EntityRef UID="u" Name="n" Href="h" Type="t"/>"#)["Links"] == .null)
    }

    @Test("a list wrapper with no items is {\"Refs\": null}; with one job, Refs is an array of one")
    func listWrappers() throws {
        let ns = #"xmlns="http://www.veeam.com/ent/v1.0""#
        #expect(try object("<EntityReferences \(ns)/>") == ["Refs": .null])
        #expect(try object("<EntityReferences \(ns)></EntityReferences>") == ["Refs": .null])
        let one = try object(
            #"<EntityReferences \#(ns)><Ref UID="urn:veeam:Job:1" Name="SQL Backup" Href="https://em:9398/api/jobs/1" Type="JobReference"/></EntityReferences>"#
        )
        guard case .array(let refs)? = one["Refs"], refs.count == 1, case .object(let job) = refs[0] else { throw Unexpected() }
        #expect(job["Name"] == .string("SQL Backup"))
        #expect(job["Links"] == .null)
    }
}
