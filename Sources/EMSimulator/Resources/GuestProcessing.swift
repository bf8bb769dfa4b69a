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
        xml.content([self.content], hrefs: HrefBuilder(advertisedBaseURL: ""))
    }

    /// `<GuestProcessingOptions>` as content, for records that embed it.
    var content: XMLContent {
        .element(
            "GuestProcessingOptions",
            [
                .element("VssSnapshotOptions", [.text("VssSnapshotMode", self.vssSnapshotMode), .text("IsCopyOnly", self.isCopyOnly)]),
                self.indexing("WindowsGuestFSIndexingOptions", Self.windowsExclusions),
                self.indexing("LinuxGuestFSIndexingOptions", Self.linuxExclusions),
                .element(
                    "SqlBackupOptions",
                    [
                        .text("TransactionLogsProcessing", self.transactionLogsProcessing),
                        .text("BackupLogsFrequencyMin", Int64(15)), .text("UseDbBackupRetention", true), .text("RetainDays", Int64(15)),
                    ]),
                .text("WindowsCredentialsId", ""),
                .text("LinuxCredentialsId", ""),
            ])
    }

    private func indexing(_ element: String, _ exclusions: [String]) -> XMLContent {
        let paths = self.indexingMode == "Disabled" ? [] : exclusions.map { XMLContent.text("Path", $0) }
        return .element(
            element,
            [
                .text("FileSystemIndexingMode", self.indexingMode), .text("IncludedIndexingFolders", ""),
                .element("ExcludedIndexingFolders", paths),
            ])
    }
}
