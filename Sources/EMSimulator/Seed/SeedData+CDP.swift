/// Continuous data protection: a CDP policy for `sql01`, its replica, session and task session.
extension SeedData {
    static let cdpPolicy = ParentRef(.cdpPolicy, "5b2f10bf-5f3f-5b3e-8215-c18980afc691", "CDP Policy SQL")
    static let cdpReplica = ParentRef(.cdpReplica, "a352e822-fb54-55ae-b9ca-c88d1425827f", "CDP Policy SQL")
    static let cdpSession = ParentRef(.cdpReplicaSession, "e452b1f7-7bf9-53a8-832f-3861ce17dc9b", "CDP Policy SQL@2014-10-20 00:00:04")

    static func continuousDataProtection() -> [any SimulatedEntity] {
        let vmID = "4340de64-4d4f-5916-90f6-1a43958efcc6"
        return Self.cdpPolicyRecords(
            cdpPolicy, platform: "VMware", includeID: "8ddd35ab-6273-5f0e-b0b3-1a772094fb4f",
            objectRef: Self.vmRef("vm-2001"), objectName: "sql01", nextRun: "2014-10-20T00:00:19Z") + [
                Record(
                    .cdpReplica, id: cdpReplica.id, name: cdpReplica.name, server: srv02,
                    up: [Link("Up", "CdpPolicyReference", cdpPolicy.path, name: cdpPolicy.name)],
                    down: [Link("Down", "CdpReplicaVmReferenceList", cdpReplica.path + "/vms")],
                    content: [.text("BackupServer", srv02.name), .text("PolicyUid", cdpPolicy.id), .text("PolicyName", cdpPolicy.name)],
                    values: ["policyid": cdpPolicy.id, "policyname": cdpPolicy.name]),
                Record(
                    .cdpReplicaVm, id: vmID, name: "sql01", path: cdpReplica.path + "/vms/" + vmID, server: srv02,
                    up: [
                        defaultRepository.upLink, cdpReplica.upLink,
                        Link("Up", "CdpPolicyReference", cdpPolicy.path, name: cdpPolicy.name),
                    ],
                    actions: [
                        Link("Intervals", nil, cdpReplica.path + "/vms/" + vmID + "?action=intervals"),
                        Link("Failover", nil, cdpReplica.path + "/vms/" + vmID + "?action=failover"),
                    ],
                    content: [
                        .text("VmRef", Self.vmRef("vm-2001")), .text("ReplicaUid", cdpReplica.id), .text("BackupServer", srv02.name),
                        .text("PolicyUid", cdpPolicy.id), .text("PolicyName", cdpPolicy.name),
                        .text("RepositoryName", defaultRepository.name),
                    ],
                    memberOf: [cdpReplica.list("vms")]),
                Record(
                    .cdpReplicaSession, id: cdpSession.id, name: cdpSession.name, server: srv02,
                    up: [Link("Up", "CdpPolicyReference", cdpPolicy.path, name: cdpPolicy.name)],
                    down: [Link("Down", "CdpReplicaTaskSessionReferenceList", cdpSession.path + "/cdpReplicaTaskSessions")],
                    content: [
                        .text("PolicyUid", cdpPolicy.uid), .text("PolicyName", cdpPolicy.name), .text("PolicyType", "CdpReplica"),
                        .text("CreationTimeUTC", "2014-10-20T00:00:04.123Z"), .text("State", "Working"), .text("Result", "None"),
                        .text("Progress", Int64(0)), .text("FailureMessage", ""), .text("IsRetry", false),
                    ],
                    values: [
                        "id": cdpSession.uid, "policyuid": cdpPolicy.uid, "policyname": cdpPolicy.name,
                        "creationtimeutc": "2014-10-20T00:00:04.123Z", "state": "Working", "result": "None", "failuremessage": "",
                    ],
                    memberOf: [cdpPolicy.list("cdpReplicaSessions")]),
                Record(
                    .cdpReplicaTaskSession, id: "f6c88e22-d4cd-50d9-823a-06fb9aea81be", name: "sql01@2014-10-20 00:00:10", server: srv02,
                    up: [cdpSession.upLink], attributes: [("VmDisplayName", "sql01")],
                    content: [
                        .text("PolicySessionUid", cdpSession.uid), .text("CreationTimeUTC", "2014-10-20T00:00:10.457Z"),
                        .text("State", "InProgress"), .text("Result", "Success"), .text("TotalSize", Int64(214_748_364_800)),
                    ],
                    values: [
                        "id": ResourceKind.cdpReplicaTaskSession.uid("f6c88e22-d4cd-50d9-823a-06fb9aea81be"),
                        "policysessionuid": cdpSession.uid,
                        "policysessionname": cdpSession.name, "creationtimeutc": "2014-10-20T00:00:10.457Z", "state": "InProgress",
                        "reason": "", "totalsize": "214748364800", "vmdisplayname": "sql01",
                    ],
                    memberOf: [cdpSession.list("cdpReplicaTaskSessions")]),
            ]
    }

    /// A CDP policy and its one include, as `get_cdppolicies_id.md` shows them.
    /// - Parameters:
    ///   - policy: the policy.
    ///   - platform: `VMware` or `vCloud`.
    ///   - includeID: the include's `ObjectInJobId`.
    ///   - objectRef: the protected object's `HierarchyObjRef` (a VM, or a vApp on vCloud).
    ///   - objectName: its name.
    ///   - nextRun: the `NextRun` time.
    /// - Returns: the policy record, then the include's.
    static func cdpPolicyRecords(
        _ policy: ParentRef, platform: String, includeID: String, objectRef: String, objectName: String, nextRun: String
    ) -> [Record] {
        let include = Self.cdpInclude(policy, includeID, objectRef, objectName)
        return [
            Record(
                .cdpPolicy, id: policy.id, name: policy.name, server: srv02,
                down: [
                    Link("Down", "ObjectInJobList", policy.path + "/includes"),
                    Link("Down", "CdpReplicaSessionReferenceList", policy.path + "/cdpReplicaSessions"),
                ],
                actions: [
                    Link("Edit", "CdpPolicyReference", policy.path), Link("Create", "ObjectInJob", policy.path + "/includes"),
                    Link("Disable", nil, policy.path + "?action=disable"),
                ],
                content: [
                    .text("PolicyType", "CdpReplica"), .text("Platform", platform),
                    .text("Description", "Created by TECH\\Administrator"), .text("ScheduleConfigured", true),
                    .text("ScheduleEnabled", true), .text("NextRun", nextRun),
                    .element(
                        "PolicyScheduleOptions",
                        [
                            .element(
                                "CdpReplica",
                                [
                                    .text("RecoveryPointObjectiveSeconds", Int64(15)), .text("RecoveryPointObjectiveMinutes", Int64(0)),
                                    .element("RPOSchedule", [("Enabled", "true")], [.empty("TimePeriods")]),
                                    .element(
                                        "RPOReporting",
                                        [
                                            .element(
                                                "MarkAsWarning",
                                                [
                                                    .text("Enabled", true), .text("RPOThresholdSeconds", Int64(30)),
                                                    .text("RPOThresholdMinutes", Int64(0)),
                                                ]),
                                            .element(
                                                "MarkAsFailed",
                                                [
                                                    .text("Enabled", true), .text("RPOThresholdSeconds", Int64(0)),
                                                    .text("RPOThresholdMinutes", Int64(5)),
                                                ]),
                                        ]),
                                    .text("ShortTermRetentionMinutes", Int64(0)), .text("ShortTermRetentionHours", Int64(4)),
                                    .text("LongTermRetentionHours", Int64(168)),
                                    .element("LongTermRetentionSchedule", [("Enabled", "true")], [.empty("TimePeriods")]),
                                ])
                        ]),
                    .element(
                        "CdpPolicyInfo",
                        [
                            .element("CdpReplicaPolicyInfo", [.element("Includes", [include]), Self.appAwareProcessing.content])
                        ]),
                ],
                values: [
                    "description": "Created by TECH\\Administrator", "nextrun": nextRun,
                    "scheduleconfigured": "true", "scheduleenabled": "true",
                ]),
            Record(
                .objectInJob, id: includeID, name: objectName, path: policy.path + "/includes/" + includeID,
                content: include.children,
                values: [
                    "uid": includeID, "jobuid": policy.uid, "jobname": policy.name, "backupserveruid": srv02.uid,
                    "backupservername": srv02.name,
                ],
                memberOf: [policy.list("includes")]
            ).withAttributes([("Type", "ObjectInJob"), ("Href", policy.path + "/includes/" + includeID)]),
        ]
    }

    /// An `<ObjectInJob>` of a CDP policy.
    /// - Parameters:
    ///   - policy: the policy.
    ///   - id: its `ObjectInJobId`.
    ///   - reference: the VM's `HierarchyObjRef`.
    ///   - name: the VM's name.
    /// - Returns: the element.
    private static func cdpInclude(_ policy: ParentRef, _ id: String, _ reference: String, _ name: String) -> XMLContent {
        .element(
            "ObjectInJob", [("Type", "ObjectInJob"), ("Href", "\(policy.path)/includes/\(id)")],
            [
                .text("ObjectInJobId", id), .text("HierarchyObjRef", reference), .text("Name", name), .text("DisplayName", name),
                .element(
                    "GuestProcessingOptions",
                    [
                        .element("VssSnapshotOptions", [.text("VssSnapshotMode", "Disabled"), .text("IsCopyOnly", false)]),
                        .text("WindowsCredentialsId", ""), .text("LinuxCredentialsId", ""),
                    ]),
            ])
    }
}
