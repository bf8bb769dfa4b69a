/// VMware Cloud Director on `srv02`: a vApp's backup and restore point, a vApp's replica point
/// and a CDP-protected vApp, shaped after `vapprestorepoints_id`, `vappreplicapoints_id` and
/// `cdpreplica_vapps_id*` of EM's reference.
///
/// The backup job of `vCD Backup` was removed from the backup server; as on a real EM, the
/// backup and its points stay listed.
extension SeedData {
    static let vcdBackup = ParentRef(.backup, "3c7e9a15-d2b8-5f41-9e06-a8f4c1d7b250", "vCD Backup")
    static let vcdPoint = ParentRef(.restorePoint, "5456cc77-bea7-58bc-9834-55bafd23760b", "Oct 19 2014  6:06AM")
    static let vcdReplica = ParentRef(.replica, "2111ab48-0030-52c6-b69e-e91fc9653ef7", "vCD Replication")
    static let vcdPolicy = ParentRef(.cdpPolicy, "8846d24b-d12f-5b7a-94e2-8c78241b841e", "CDP Policy Cloud Director")
    static let vAppCdpReplica = ParentRef(.vAppCdpReplica, "4d408966-827f-5142-811f-90be94c842a9", "vApp02")

    /// The vCloud organization VDC every vApp lives in.
    private static let vdc = "urn:vCloud:Vapp:2dcfebc9-eb06-4d3b-a639-c1cfa8483621"

    static func vCloudDirector() -> [any SimulatedEntity] {
        Self.vAppBackup() + Self.vAppReplica() + Self.vAppContinuousDataProtection()
    }

    /// `vCD Backup` on Backup Volume 01: one restore point in one file, holding vApp `vApp2`.
    private static func vAppBackup() -> [any SimulatedEntity] {
        let fileID = "7e2b9c40-15d3-5a8f-b6e1-c94d0a3f82b7"
        let created = "2014-10-19T06:06:02Z"
        let fileName = "vCD BackupD2014-10-19T060602.vbk"
        let pointID = "8832a359-6af3-54de-9ae9-91feeee0d8c5"
        let pointName = "vApp2@2014-10-19 06:07:11"
        return [
            Self.backup(
                vcdBackup, job: ("b0d4e7a2-6c19-5f83-a2e5-3f8c1b9d6e04", "vCD Backup"), volumeRepository, srv02, platform: "vCloud"),
            Record(
                .backupFile, id: fileID, name: fileName, server: srv02, up: [vcdBackup.upLink],
                down: [
                    Link("Related", "RestorePointReferenceList", "backupFiles/\(fileID)/restorePoints"),
                    Link("Down", "VmRestorePointReferenceList", "backupFiles/\(fileID)/vmRestorePoints"),
                ],
                content: [
                    .text("FilePath", "E:\\Backups\\vCD Backup\\" + fileName), .text("BackupSize", Int64(31_138_512_896)),
                    .text("DataSize", Int64(64_424_509_440)), .text("DeduplicationRatio", "1.4"), .text("CompressRatio", "1.6"),
                    .text("CreationTimeUtc", created), .text("FileType", "vbk"),
                ],
                values: [
                    "creationtimeutc": created, "backupsize": "31138512896", "datasize": "64424509440", "compressratio": "1.6",
                    "filetype": "vbk", "backupuid": vcdBackup.uid, "backupname": vcdBackup.name,
                ],
                memberOf: [vcdBackup.list("backupFiles"), .child(of: .restorePoint, vcdPoint.id, "backupFiles")]),
            Record(
                .restorePoint, id: vcdPoint.id, name: vcdPoint.name, up: [vcdBackup.upLink, srv02.upLink],
                down: [
                    Link("Down", "VmRestorePointReferenceList", vcdPoint.path + "/vmRestorePoints"),
                    Link("Down", "VAppRestorePointReferenceList", vcdPoint.path + "/vAppRestorePoints"),
                    Link("Related", "BackupFileReferenceList", vcdPoint.path + "/backupFiles"),
                ],
                content: [.text("BackupDateUTC", created)],
                values: [
                    "creationtime": created, "backupuid": vcdBackup.uid, "backupname": vcdBackup.name,
                    "backupserveruid": srv02.uid, "backupservername": srv02.name,
                ],
                memberOf: [vcdBackup.list("restorePoints"), .child(of: .backupFile, fileID, "restorePoints")]),
            Record(
                .vAppRestorePoint, id: pointID, name: pointName, server: srv02, up: [vcdPoint.upLink],
                actions: [Link("Restore", nil, "vAppRestorePoints/\(pointID)?action=restore")],
                attributes: [("VAppDisplayName", "vApp2")],
                content: [
                    .text("CreationTimeUTC", "2014-10-19T06:07:11Z"), .text("VAppName", "vApp2"), .text("Algorithm", "Full"),
                    .text("PointType", "Full"),
                    .text("HierarchyObjRef", vdc + ".urn:vcloud:vapp:78dc1989-d3f3-4b32-a3a8-ad3d3cbbd295"),
                ],
                values: [
                    "creationtime": "2014-10-19T06:07:11Z", "type": "Full", "algorithm": "Full", "restorepointid": vcdPoint.uid,
                    "vappdisplayname": "vApp2",
                ],
                memberOf: [vcdPoint.list("vAppRestorePoints")]),
        ]
    }

    /// `vCD Replication` on the default repository: vApp `vApp01` and the point of its one VM.
    private static func vAppReplica() -> [any SimulatedEntity] {
        let vmPointID = "34ed5f74-0184-5077-987a-36e41eef6668"
        let vmPointName = "vApp01-web01@2014-10-19 06:09:04"
        let vAppPointID = "dc01c979-5f6a-509c-bcc2-c3c6ddf439b3"
        let vAppPointName = "vApp01@2014-10-19 06:08:35"
        let vmPath = "vmReplicaPoints/\(vmPointID)"
        return [
            Record(
                .replica, id: vcdReplica.id, name: vcdReplica.name, up: [defaultRepository.upLink, srv02.upLink],
                down: [Link("Down", "VmReplicaPointReferenceList", vcdReplica.path + "/vmReplicaPoints")],
                content: [.text("Platform", "vCloud")],
                values: [
                    "jobuid": ResourceKind.job.uid("e81f3b6d-4a27-5c90-8d1e-b7a5c2f9e036"), "jobname": vcdReplica.name,
                    "repositoryuid": defaultRepository.uid, "repositoryname": defaultRepository.name,
                ],
                memberOf: [defaultRepository.list("replicas")]),
            Record(
                .vmReplicaPoint, id: vmPointID, name: vmPointName, server: srv02, up: [vcdReplica.upLink],
                down: [Link("Down", "VmReplicaPointMountList", vmPath + "/mounts")],
                actions: [Link("Create", "VmReplicaPointMount", vmPath + "/mounts"), Link("Failover", nil, vmPath + "?action=failover")],
                attributes: [("VmDisplayName", "vApp01-web01")],
                content: [.text("CreationTimeUTC", "2014-10-19T06:09:04Z"), .text("Algorithm", "Full"), .text("PointType", "Snapshot")],
                values: [
                    "creationtime": "2014-10-19T06:09:04Z", "type": "Snapshot", "algorithm": "Full", "replicauid": vcdReplica.uid,
                    "replicaname": vcdReplica.name, "vmdisplayname": "vApp01-web01",
                ],
                memberOf: [vcdReplica.list("vmReplicaPoints")]),
            Record(
                .vAppReplicaPoint, id: vAppPointID, name: vAppPointName, server: srv02, up: [vcdReplica.upLink],
                down: [Link("Down", "VmReplicaPointReference", vmPath, name: vmPointName)],
                actions: [Link("Failover", nil, "vAppReplicaPoints/\(vAppPointID)?action=failover")],
                attributes: [("VAppDisplayName", "vApp01")],
                content: [
                    .text("CreationTimeUTC", "2014-10-19T06:08:35.343Z"), .text("VAppName", "vApp01"), .text("Algorithm", "Full"),
                    .text("PointType", "Snapshot"),
                ],
                values: [
                    "vappdisplayname": "vApp01", "creationtime": "2014-10-19T06:08:35.343Z", "vappname": "vApp01",
                    "type": "Snapshot", "algorithm": "Full", "replicauid": vcdReplica.uid, "replicaname": vcdReplica.name,
                ]),
        ]
    }

    /// `CDP Policy Cloud Director` protecting vApp `vApp02` and its two VMs.
    private static func vAppContinuousDataProtection() -> [any SimulatedEntity] {
        let vAppRef = vdc + ".urn:vcloud:vapp:1b86c2dd-d85c-4f03-b05e-841562425c8b"
        let policyLink = Link("Up", "CdpPolicyReference", vcdPolicy.path, name: vcdPolicy.name)
        let vms: [(String, String, String)] = [
            ("6f6b3a9d-30a9-598c-bf3b-4ec1893f7e7a", "vm02-DlmR", "vm-4220"),
            ("a5127596-0076-5cae-9144-ecec955b045a", "vApp02-kAd4", "vm-4216"),
        ]
        let replica = Record(
            .vAppCdpReplica, id: vAppCdpReplica.id, name: vAppCdpReplica.name, server: srv02, up: [policyLink],
            down: [Link("Down", "VAppCdpReplicaVmReferenceList", vAppCdpReplica.path + "/vms")],
            actions: [
                Link("Intervals", nil, vAppCdpReplica.path + "?action=intervals"),
                Link("Failover", nil, vAppCdpReplica.path + "?action=failover"),
            ],
            content: [
                .text("vAppRef", vAppRef), .text("ReplicaUid", vAppCdpReplica.id), .text("BackupServer", srv02.name),
                .text("PolicyUid", vcdPolicy.id), .text("PolicyName", vcdPolicy.name),
            ],
            values: ["policyid": vcdPolicy.id, "policyname": vcdPolicy.name])
        let vmRecords: [any SimulatedEntity] = vms.map { id, name, moref in
            Record(
                .vAppCdpReplicaVm, id: id, name: name, path: vAppCdpReplica.path + "/vms/" + id, server: srv02,
                up: [vAppCdpReplica.upLink, policyLink],
                content: [.text("ReplicaUid", vAppCdpReplica.id), .text("VmRef", Self.vmRef(moref))],
                memberOf: [vAppCdpReplica.list("vms")])
        }
        let policy: [any SimulatedEntity] = Self.cdpPolicyRecords(
            vcdPolicy, platform: "vCloud", includeID: "d3a9e5f1-7c28-5b46-8e0a-1f6b2c9d4e73", objectRef: vAppRef,
            objectName: "vApp02", nextRun: "2014-10-20T00:00:21Z")
        return policy + [replica] + vmRecords
    }
}
