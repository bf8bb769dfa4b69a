import EMSchema
import EMTranslate

/// A hand-written model of some of EM's request types, mirroring `RestAPI.xsd` (2017) and the EM 13
/// reference pages (member order, attributes, list shapes), for testing the JSON → XML writer
/// until the full OpenAPI spec is compiled into ``SchemaModel/builtIn``.
///
/// Covers `Job` as EM 12 answers it (`JobScheduleOptions` → `Standart` → `JobScheduleOptionsInfoType`'s
/// members, `OptionsDaily` with its `Enabled` attribute, `TimePeriodsType` days with a `Name`
/// attribute and text), the cloud gateway pool and gateway specs, and `FileRestoreSpec`.
enum RequestTestModel {
    static let model: SchemaModel = {
        typealias B = ModelBuilder
        var builder = ModelBuilder()
        builder.add("Link", B.link)
        builder.add(
            "Job", root: true,
            B.entity + [
                B.element("JobType"), B.element("Platform"), B.element("Description"),
                B.element("ScheduleConfigured", .boolean), B.element("ScheduleEnabled", .boolean),
                B.element("NextRun").readOnly,
                B.element("JobScheduleOptions", .type("JobScheduleOptions")),
                B.element("JobInfo", .type("JobInfo")),
            ])
        builder.add("JobScheduleOptions", [B.element("Standart", .type("JobScheduleOptionsInfo"))])
        builder.add(
            "JobScheduleOptionsInfo",
            [
                B.element("RetryOptions", .type("JobScheduleRetryOptions")),
                B.element("WaitForBackupCompletion", .boolean),
                B.element("BackupCompetitionWaitingPeriodMin", .integer),
                B.element("OptionsDaily", .type("JobScheduleDailyOptions")),
                B.element("OptionsMonthly", .type("JobScheduleMonthlyOptions")),
                B.element("OptionsPeriodically", .type("JobSchedulePeriodicallyOptions")),
                B.element("OptionsContinuous", .type("JobScheduleContinuousOptions")),
                B.element("OptionsBackupWindow", .type("JobScheduleBackupWindowOptions")),
                B.element("OptionsDaisyChaining", .type("JobScheduleDaisyChainingOptions")),
            ])
        builder.add(
            "JobScheduleRetryOptions",
            [
                B.element("RetryTimes", .integer), B.element("RetryTimeout", .integer),
                B.element("RetrySpecified1", .boolean, xml: "RetrySpecified"),
            ])
        builder.add(
            "JobScheduleDailyOptions",
            [
                B.element("Kind"), B.repeated("Days", item: "Days"), B.element("Time"), B.element("TimeOffsetUtc"),
                B.attribute("Enabled", .boolean),
            ])
        builder.add(
            "JobScheduleMonthlyOptions",
            [
                B.element("Time"), B.element("TimeOffsetUtc"), B.element("DayNumberInMonth"), B.element("DayOfWeek"),
                B.repeated("Months", item: "Months"), B.element("DayOfMonth", .integer), B.attribute("Enabled", .boolean),
            ])
        builder.add(
            "JobSchedulePeriodicallyOptions",
            [
                B.element("Kind"), B.element("FullPeriod", .integer), B.element("Schedule", .type("TimePeriods")),
                B.attribute("Enabled", .boolean),
            ])
        builder.add("TimePeriods", [B.repeated("Days", item: "Day", .type("DayPeriod"))])
        builder.add("DayPeriod", [B.attribute("Name"), B.text()])
        builder.add("JobScheduleContinuousOptions", [B.attribute("Enabled", .boolean), B.element("Schedule", .type("TimePeriods"))])
        builder.add("JobScheduleBackupWindowOptions", [B.element("TimePeriods", .type("TimePeriods")), B.attribute("Enabled", .boolean)])
        builder.add("JobScheduleDaisyChainingOptions", [B.element("PreviousJobUid"), B.attribute("Enabled", .boolean)])
        builder.add("JobInfo", [B.element("BackupJobInfo", .type("BackupJobInfo"))])
        builder.add(
            "BackupJobInfo",
            [
                B.element("Includes", .type("ObjectInJobList")),
                B.element("GuestProcessingOptions", .type("GuestProcessingOptions")),
                B.element("SimpleRetentionPolicy", .type("SimpleRetentionPolicy")),
            ])
        builder.add("ObjectInJobList", [B.repeated("ObjectInJobs", item: "ObjectInJob", .type("ObjectInJob"))])
        builder.add(
            "ObjectInJob",
            B.resource + [
                B.element("ObjectInJobId"), B.element("HierarchyObjRef"), B.element("Name"), B.element("DisplayName"),
                B.element("Order", .integer), B.element("GuestProcessingOptions", .type("GuestProcessingOptions")),
            ])
        builder.add(
            "GuestProcessingOptions",
            [
                B.element("VssSnapshotOptions", .type("VssSnapshotOptions")),
                B.element("WindowsGuestFSIndexingOptions", .type("GuestFSIndexingOptions")),
                B.element("LinuxGuestFSIndexingOptions", .type("GuestFSIndexingOptions")),
                B.element("WindowsCredentialsId"), B.element("LinuxCredentialsId"),
            ])
        builder.add("VssSnapshotOptions", [B.element("VssSnapshotMode"), B.element("IsCopyOnly", .boolean)])
        builder.add(
            "GuestFSIndexingOptions",
            [
                B.element("FileSystemIndexingMode"),
                B.wrapped("IncludedIndexingFolders", item: "Path"), B.wrapped("ExcludedIndexingFolders", item: "Path"),
            ])
        builder.add(
            "SimpleRetentionPolicy",
            [
                B.element("RetainCycles", .integer), B.element("RetainDaysToKeep", .integer), B.element("RetainLimitType"),
            ])
        builder.add(
            "CloudGatewayPool", root: true,
            B.entity + [
                B.element("Description"),
                B.element("CloudGateways", .type("CloudGatewayUidList")),
                B.element("CloudTenants", .type("CloudTenantUidList")),
            ])
        builder.add(
            "CreateCloudGatewayPoolSpec", root: true,
            [
                B.element("Name"), B.element("Description"),
                B.element("CloudGateways", .type("CloudGatewayUidList")),
                B.element("CloudTenants", .type("CloudTenantUidList")),
                B.element("BackupServerUid"),
            ])
        builder.add("CloudGatewayUidList", [B.repeated("CloudGatewayUids", item: "CloudGatewayUid")])
        builder.add("CloudTenantUidList", [B.repeated("CloudTenantUids", item: "CloudTenantUid")])
        builder.add(
            "CreateCloudGatewaySpec", root: true,
            [
                B.element("ServerHostName"), B.element("Description"), B.element("ExternalPort", .integer),
                B.element("NetworkType"), B.element("InternalPort", .integer), B.element("BackupServerUid"),
            ])
        builder.add(
            "FileRestoreSpec", root: true,
            [
                B.element("ToOriginalLocation", .type("FileRestoreToOriginalLocation")),
                B.element("ForDirectDownload", .type("FileRestoreForDirectDownload")),
            ])
        builder.add(
            "FileRestoreToOriginalLocation",
            [
                B.attribute("Overwrite", .boolean), B.element("GuestCredentials", .type("GuestCredentials")),
            ])
        builder.add("FileRestoreForDirectDownload", [])
        builder.add("GuestCredentials", [B.element("UserName"), B.element("Password")])
        // Vm restore parameters as a wrapped list, for the wrapper-object form of a list.
        builder.add(
            "VAppRestoreSpec", root: true,
            [
                B.element("VAppNewName"), B.wrapped("VmsRestoreParameters", item: "Vm", .type("VmRestoreParameters")),
            ])
        builder.add("VmRestoreParameters", [B.element("VmRestorePointUid"), B.element("VmNewName")])
        return builder.build()
    }()

    static let schema = TranslationSchema(model: model)
    static let writer = JSONToXMLWriter(schema: schema)

    static func type(_ name: String) -> SchemaModel.TypeID { model.typesByName[name]! }

    /// Writes `json` as the XML of the component `type`; the XML as a string.
    static func xml(_ json: String, type name: String, element: String? = nil) throws -> String {
        String(decoding: try writer.write(json: Array(json.utf8), type: type(name), element: element), as: UTF8.self)
    }
}
