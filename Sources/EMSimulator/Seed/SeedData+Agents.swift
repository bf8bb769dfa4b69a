/// Veeam Agent backups (`/agents`) and file share backups (`/nas`).
extension SeedData {
    static let agentJobID = "aaa2e6cd-a152-5e9a-b316-baffb729e026"
    static let protectionGroup = ParentRef(.agentProtectionGroup, "b6e704e2-85da-5d5e-b732-27696039681d", "Workstations")
    static let agentSessionID = "8d3ab48e-a543-5e3e-8296-5756f405d8b0"
    static let nasJobID = "ebaed0b1-d67a-50f3-a16f-5319a3ed3ca8"
    static let fileServer = ParentRef(.fileServer, "2583d65b-e051-5cc0-b52b-3fb1f4d14efb", "\\\\fs01.tech.local\\projects")

    static func agents() -> [any SimulatedEntity] {
        let job = ParentRef(.agentBackupJob, agentJobID, "Workstations Agent Backup")
        let computers = [
            ("12987d15-7a68-54b0-80c8-ca99b7e98ece", "ws01.tech.local", "192.0.2.41"),
            ("07cacf1a-d12f-507e-8065-744988665390", "ws02.tech.local", "192.0.2.42"),
        ]
        var records: [any SimulatedEntity] = [
            Record(
                .agentProtectionGroup, id: protectionGroup.id, name: protectionGroup.name, server: srv02,
                down: [Link("Down", "DiscoveredComputerList", protectionGroup.path + "/discoveredComputers?format=Entity")],
                content: [
                    .text("RescanScheduleEnabled", true),
                    .text("HierarchyObjRef", "urn:AgentForWindows:AgentProtectionGroup:\(protectionGroup.id)"),
                ])
        ]
        records += computers.map { id, name, address in
            Record(
                .discoveredComputer, id: id, name: name, server: srv02, up: [protectionGroup.upLink],
                content: [
                    .text("HostStatus", "Online"), .text("AgentVersion", "6.2.0.121"), .text("AgentStatus", "Installed"),
                    .text("OsVersion", "Microsoft Windows 10 Enterprise (64-bit)"), .text("IpAddress", address),
                    .text("HierarchyObjRef", "urn:AgentForWindows:VeeamAgent:\(id)"),
                ],
                values: [
                    "agentversion": "6.2.0.121", "agentstatus": "Installed", "osversion": "Microsoft Windows 10 Enterprise (64-bit)",
                    "ipaddress": address, "protectiongroupuid": protectionGroup.uid, "protectiongroupname": protectionGroup.name,
                ],
                memberOf: [protectionGroup.list("discoveredComputers")])
        }
        records.append(Self.agentJob(job))
        records.append(
            Record(
                .objectInAgentBackupJob, id: "5ad06f37-0f47-5114-9239-99fafe657b18", name: "Workstations",
                path: job.path + "/includes/5ad06f37-0f47-5114-9239-99fafe657b18",
                content: [
                    .text("ObjectInJobId", "5ad06f37-0f47-5114-9239-99fafe657b18"), .text("Name", "Workstations"),
                    .text("DisplayName", "Workstations"), Self.appAwareProcessing.content,
                ],
                values: [
                    "uid": "5ad06f37-0f47-5114-9239-99fafe657b18", "displayname": "Workstations", "jobuid": job.uid,
                    "jobname": job.name, "backupserveruid": srv02.uid, "backupservername": srv02.name,
                ],
                memberOf: [job.list("includes")]
            ).withAttributes([("Type", "ObjectInAgentBackupJob"), ("Href", job.path + "/includes/5ad06f37-0f47-5114-9239-99fafe657b18")]))
        records += Self.agentSessions(job)
        records.append(
            Record(
                .agentRestorePoint, id: "e9cebad7-852d-532f-8393-ed23956fae68", name: "ws01.tech.local@2014-10-19 22:01:05", server: srv02,
                up: [
                    agentPoint.upLink,
                    Link(
                        "Up", "BackupFileReference", "backupFiles/f5c7afdd-7193-5628-aee8-31a316bfe02f",
                        name: "Workstations Agent BackupD2014-10-19T220003.vbk"),
                ],
                down: [Link("Down", "AgentRestorePointMountList", "agents/agentRestorePoints/e9cebad7-852d-532f-8393-ed23956fae68/mounts")],
                actions: [
                    Link("Create", "AgentRestorePointMount", "agents/agentRestorePoints/e9cebad7-852d-532f-8393-ed23956fae68/mounts")
                ],
                content: [.text("CreationTimeUTC", "2014-10-19T22:01:05Z"), .text("Algorithm", "Full"), .text("PointType", "Full")],
                values: [
                    "creationtime": "2014-10-19T22:01:05Z", "computername": "ws01.tech.local", "type": "Full", "algorithm": "Full",
                    "restorepointid": agentPoint.uid, "restorepointname": agentPoint.name, "backupuid": agentBackup.uid,
                    "backupname": agentBackup.name, "backupfileuid": ResourceKind.backupFile.uid("f5c7afdd-7193-5628-aee8-31a316bfe02f"),
                    "backupfilename": "Workstations Agent BackupD2014-10-19T220003.vbk",
                ],
                memberOf: [agentPoint.list("agentRestorePoints")]))
        return records
    }

    private static func agentJob(_ job: ParentRef) -> Record {
        Record(
            .agentBackupJob, id: job.id, name: job.name, server: srv02,
            down: [
                Link("Down", "ObjectInJobList", job.path + "/includes"),
                Link("Down", "BackupJobSessionReferenceList", job.path + "/backupSessions"),
            ],
            actions: ["toggleScheduleEnabled", "start", "stop", "retry"].map {
                Link(String($0.prefix(1)).uppercased() + $0.dropFirst(), nil, job.path + "?action=\($0)")
            },
            content: [
                .text("JobType", "AgentBackup"), .text("Platform", "AgentForWindows"),
                .text("Description", "Backup of the office workstations"), .text("ScheduleConfigured", true),
                .text("ScheduleEnabled", true), .text("NextRun", "2014-10-20T20:00:00Z"),
                Self.daily("22:00:00.0000000+02:00").content,
            ],
            values: [
                "description": "Backup of the office workstations", "jobtype": "AgentBackup", "platform": "AgentForWindows",
                "scheduleconfigured": "true", "scheduleenabled": "true",
            ])
    }

    /// The agent job's session and its child session for `ws01`.
    private static func agentSessions(_ job: ParentRef) -> [Record] {
        let parent = ParentRef(.backupJobSession, agentSessionID, "Workstations Agent Backup@2014-10-19 22:00:03")
        let child = "cdeff93e-9b8a-55a9-b1d0-98a4c0bf8644"
        return [
            Self.session(
                parent.id, parent.name, job, "AgentBackup", "2014-10-19T22:00:03Z", "2014-10-19T22:09:47Z",
                extraDown: [Link("Down", "BackupJobSessionReferenceList", parent.path + "/agentManagementSessions")],
                memberOf: [job.list("backupSessions"), .list("agents/backupSessions")]),
            Self.session(
                child, "ws01.tech.local@2014-10-19 22:00:04", job, "AgentManagement", "2014-10-19T22:00:04Z",
                "2014-10-19T22:09:41Z", extraDown: [parent.upLink],
                memberOf: [parent.list("agentManagementSessions"), .list("agents/backupSessions")]),
        ]
    }

    /// A backup job session of an agent or NAS job, as a record (VM job sessions are ``JobSession``s).
    static func session(
        _ id: String, _ name: String, _ job: ParentRef, _ jobType: String, _ created: String, _ ended: String,
        extraDown: [Link] = [], memberOf: [Membership]
    ) -> Record {
        Record(
            .backupJobSession, id: id, name: name, server: srv02, up: [Link("Up", "JobReference", job.path, name: job.name)],
            down: [Link("Down", "BackupTaskSessionReferenceList", "backupSessions/\(id)/taskSessions")] + extraDown,
            content: [
                .text("JobUid", job.uid), .text("JobName", job.name), .text("JobType", jobType),
                .text("CreationTimeUTC", created), .text("EndTimeUTC", ended), .text("State", "Stopped"),
                .text("Result", "Success"), .text("Progress", Int64(100)), .text("IsRetry", false),
            ],
            values: [
                "jobtype": jobType, "jobuid": job.uid, "jobname": job.name, "creationtime": created, "endtime": ended,
                "state": "Stopped", "result": "Success", "isretry": "false",
            ],
            memberOf: memberOf)
    }

    static func fileShares() -> [any SimulatedEntity] {
        let job = ParentRef(.nasJob, nasJobID, "Projects Share Backup")
        let includeID = "aa4f4a07-45ac-5b34-a967-353e6aa556bd"
        let include = XMLContent.element(
            "NASObject", [("Type", "NasObject"), ("Href", job.path + "/includes/" + includeID)],
            [
                .text("HierarchyObjRef", "urn:NasBackup:FileServer:\(fileServer.id)"), .text("ObjectInJobId", includeID),
                .text("FileOrFolder", fileServer.name), .text("FileServerUid", fileServer.uid),
                .element("InclusionMask", [.text("Extension", "*.*")]),
                .element("ExclusionMask", [.text("Extension", "*.tmp"), .text("Extension", "~$*")]),
            ])
        return [
            Record(
                .fileServer, id: fileServer.id, name: fileServer.name, server: srv02,
                content: [
                    .text("ServerType", "SmbServer"), .text("HierarchyObjRef", "urn:NasBackup:FileServer:\(fileServer.id)"),
                    .element(
                        "SmbServerOptions",
                        [.text("Path", fileServer.name), .text("CredentialsId", "23801ab4-676c-5e64-b450-bc271d740016")]),
                    .element(
                        "ProcessingOptions", [.text("ServerUid", fileServer.uid), .text("CacheRepositoryUid", defaultRepository.uid)]),
                    .element("NASServerAdvancedOptions", [.text("ProcessingMode", "Direct")]),
                ]),
            Record(
                .nasJob, id: job.id, name: job.name, element: "NASJob", server: srv02,
                down: [
                    Link("Down", "NasObjectList", job.path + "/includes"),
                    Link("Down", "BackupJobSessionReferenceList", job.path + "/backupSessions"),
                ],
                actions: ["toggleScheduleEnabled", "start", "stop", "retry"].map {
                    Link(String($0.prefix(1)).uppercased() + $0.dropFirst(), nil, job.path + "/" + $0)
                },
                content: [
                    .text("Description", "Backup of the projects share"), .element("Includes", [include]),
                    .element(
                        "StorageOptions",
                        [
                            .text("BackupRepositoryUid", volumeRepository.uid), .text("ShorttermRetentionType", "Day"),
                            .text("ShorttermRetentionPeriod", Int64(28)), .text("LongtermRetentionEnabled", false),
                        ]),
                    .text("ScheduleConfigured", true), .text("ScheduleEnabled", true), .text("NextRun", "2014-10-20T21:00:00Z"),
                    Self.daily("23:00:00.0000000+02:00").content,
                ],
                values: [
                    "description": "Backup of the projects share", "nextrun": "2014-10-20T21:00:00Z",
                    "scheduleconfigured": "true", "scheduleenabled": "true",
                ]),
            Record(
                .nasObject, id: includeID, name: fileServer.name, path: job.path + "/includes/" + includeID, element: "NASObject",
                content: include.children,
                values: [
                    "uid": includeID, "jobuid": job.uid, "jobname": job.name, "fileserveruid": fileServer.uid,
                    "fileservername": fileServer.name, "backupserveruid": srv02.uid, "backupservername": srv02.name,
                ],
                memberOf: [job.list("includes")]
            ).withAttributes([("Type", "NasObject"), ("Href", job.path + "/includes/" + includeID)]),
            Self.session(
                "5133ddc1-2cde-5f40-977e-820f31fc65e8", "Projects Share Backup@2014-10-19 23:00:02", job, "NasBackup",
                "2014-10-19T23:00:02Z", "2014-10-19T23:06:55Z",
                memberOf: [job.list("backupSessions"), .list("nas/backupSessions")]),
        ]
    }
}
