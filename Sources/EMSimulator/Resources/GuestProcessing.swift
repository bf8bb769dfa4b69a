/// `GuestProcessingOptions` of a job or of one object in it.
struct GuestProcessing: Sendable {
    /// `VssSnapshotMode` (`Disabled`, `RequireSuccess`, `IgnoreFailures`).
    var vssSnapshotMode: String
    var isCopyOnly: Bool
    /// `FileSystemIndexingMode` for both Windows and Linux (`Disabled`, `ExceptSpecifiedFolders`).
    var indexingMode: String
    /// `TransactionLogsProcessing` (`OnlyOnSuccessJob`, `Never`, ...).
    var transactionLogsProcessing: String

    private static let windowsExclusions = ["%windir%", "%ProgramFiles%", "%ProgramFiles(x86)%", "%ProgramW6432%", "%TEMP%"]
    private static let linuxExclusions = ["/cdrom", "/dev", "/media", "/mnt", "/proc", "/tmp", "/lost+found"]

    /// Writes `<GuestProcessingOptions>` in schema order.
    /// - Parameter xml: the writer.
    func write(_ xml: inout XMLWriter) {
        xml.start("GuestProcessingOptions")
        xml.start("VssSnapshotOptions")
        xml.element("VssSnapshotMode", self.vssSnapshotMode)
        xml.element("IsCopyOnly", self.isCopyOnly)
        xml.end()
        self.writeIndexing("WindowsGuestFSIndexingOptions", Self.windowsExclusions, &xml)
        self.writeIndexing("LinuxGuestFSIndexingOptions", Self.linuxExclusions, &xml)
        xml.start("SqlBackupOptions")
        xml.element("TransactionLogsProcessing", self.transactionLogsProcessing)
        xml.element("BackupLogsFrequencyMin", Int64(15))
        xml.element("UseDbBackupRetention", true)
        xml.element("RetainDays", Int64(15))
        xml.end()
        xml.element("WindowsCredentialsId", "")
        xml.element("LinuxCredentialsId", "")
        xml.end()
    }

    private func writeIndexing(_ element: String, _ exclusions: [String], _ xml: inout XMLWriter) {
        xml.start(element)
        xml.element("FileSystemIndexingMode", self.indexingMode)
        xml.element("IncludedIndexingFolders", "")
        xml.start("ExcludedIndexingFolders")
        if self.indexingMode != "Disabled" {
            for path in exclusions { xml.element("Path", path) }
        }
        xml.end()
        xml.end()
    }
}
