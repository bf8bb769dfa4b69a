/// Servers EM knows through its backup servers: managed servers, the vCenter hierarchy and its
/// inventory, WAN accelerators, credentials, password keys, a failover plan, restore and system sessions.
extension SeedData {
    static let vCenterServerID = "97f491b5-6619-5bd0-9ff9-fc4efc091205"
    static let esxServerID = "e292de15-f01d-55d7-9bc3-9ba690fcb65d"
    static let srv02ManagedID = "a00c3fa7-4db8-56dd-87ea-816731f7ac18"
    static let branchRepoServerID = "dbfda350-c0ba-5dc8-aaa7-c27f48aff8c2"
    static let wanAcceleratorID = "69528969-1e36-54e8-948d-f561c74a5c29"
    static let failoverPlanID = "6186ab30-99b2-5571-9f12-fbd711ed5534"
    static let restoreSessionID = "4618dc83-ec61-5e76-88c3-594a27a856ea"
    static let systemSessionID = "013cf4be-dea3-57a6-99b4-e581ac3f9f2a"

    static func infrastructure() -> [any SimulatedEntity] {
        Self.managedServers() + [Self.hierarchyRoot()] + Self.hierarchyItems() + Self.serverSecrets() + [
            Record(
                .wanAccelerator, id: wanAcceleratorID, name: "wan01.tech.local", server: srv02,
                content: [
                    .text("Description", "WAN accelerator of the head office"), .text("OutOfDate", false),
                    .text("Version", "12.3.1.1139"), .text("Capacity", Int64(100)), .text("TrafficPort", Int64(6165)),
                    .text("ConnectionsCount", Int64(5)), .text("CachePath", "D:\\VeeamWAN"),
                    .text("HighBandwidthModeEnabled", false),
                ],
                values: ["capacity": "100", "connectionscount": "5", "highbandwidthmodeenabled": "false"]),
            Self.failoverPlan(),
            Self.restoreSession(),
            Self.systemSession(),
            Record(
                .systemSessionEvents, id: systemSessionID, name: "", path: "systemSessions/\(systemSessionID)/events",
                content: [
                    .element(
                        "SystemSessionEvent",
                        [
                            .text("Time", "2014-10-20T06:00:02.213Z"), .text("Status", "Success"),
                            .text("Title", "Collecting data from backup server srv02.tech.local"),
                        ]),
                    .element(
                        "SystemSessionEvent",
                        [
                            .text("Time", "2014-10-20T06:00:09.871Z"), .text("Status", "Success"),
                            .text("Title", "Collecting data from backup server srv03.tech.local"),
                        ]),
                ]
            ).withAttributes([("Href", "systemSessions/\(systemSessionID)/events"), ("Type", "SystemSessionEvents")]),
        ]
    }

    private static func managedServer(
        _ id: String, _ name: String, _ server: ParentRef, _ type: String, _ description: String, related: Link? = nil
    ) -> Record {
        Record(
            .managedServer, id: id, name: name,
            up: [Link("Up", "BackupServer", server.path + "?format=Entity", name: server.name)],
            down: related.map { [$0] } ?? [],
            content: [.text("Description", description), .text("ManagedServerType", type)],
            values: ["description": description, "managedservertype": type],
            memberOf: [server.list("managedServers")])
    }

    private static func managedServers() -> [Record] {
        [
            Self.managedServer(
                vCenterServerID, "vcenter01.tech.local", srv02, "VC", "vCenter Server of the head office",
                related: Link("Related", "HierarchyRoot", "hierarchyRoots/\(vCenterRootID)?format=Entity", name: "vcenter01.tech.local")),
            Self.managedServer(esxServerID, "esx01.tech.local", srv02, "ESXi", "Production host"),
            Self.managedServer(srv02ManagedID, "srv02.tech.local", srv02, "Local", "Created by Veeam Backup & Replication"),
            Self.managedServer(branchRepoServerID, "branch-repo01.tech.local", srv03, "Linux", "Branch repository server"),
        ]
    }

    private static func hierarchyRoot() -> Record {
        Record(
            .hierarchyRoot, id: vCenterRootID, name: "vcenter01.tech.local", server: srv02,
            down: [Link("Related", "ManagedServer", "managedServers/\(vCenterServerID)?format=Entity", name: "vcenter01.tech.local")],
            content: [
                .text("HierarchyRootId", vCenterRootID), .text("UniqueId", "5F0C1A2E-7B4D-4C86-9E13-A2D8B6F41C07"),
                .text("HostType", "VC"),
            ],
            values: ["uniqueid": "5F0C1A2E-7B4D-4C86-9E13-A2D8B6F41C07", "hosttype": "VC"])
    }

    /// The vCenter inventory `/lookup` searches.
    private static func hierarchyItems() -> [Record] {
        let items: [(String, String, String)] = [
            ("Datacenter", "datacenter-2", "DC01"), ("Host", "host-10", "esx01.tech.local"),
            ("ResourcePool", "resgroup-20", "Production"), ("Vm", "vm-1021", "fileserver02"), ("Vm", "vm-1034", "srv04"),
            ("Vm", "vm-2001", "sql01"), ("Vm", "vm-2002", "sql02"), ("Vm", "vm-3001", "branch-fs01"),
        ]
        return items.map { type, moref, name in
            let reference = "urn:VMware:\(type):\(vCenterRootID).\(moref)"
            return Record(
                .hierarchyItem, id: reference, name: name, path: "lookup?hierarchyRef=\(reference)",
                content: [.text("ObjectRef", reference), .text("ObjectType", type), .text("ObjectName", name)],
                values: ["objectref": reference, "objecttype": type, "objectname": name],
                memberOf: [.child(of: .hierarchyRoot, vCenterRootID, "items")]
            ).withAttributes([("Type", "HierarchyItem")])
        }
    }

    /// Credentials and password keys of the backup servers.
    private static func serverSecrets() -> [Record] {
        let credentials: [(String, ParentRef, String, String)] = [
            ("23801ab4-676c-5e64-b450-bc271d740016", srv02, "TECH\\Administrator", "Domain administrator"),
            ("0b5c71db-3dee-5020-a2d3-4ca7c08c963d", srv02, "root", "Linux hosts"),
            ("267dd2ce-0366-57eb-9b66-44176f992942", srv03, "TECH\\svc_backup", "Branch service account"),
        ]
        let records = credentials.map { id, server, user, description in
            Record(
                .credentialsInfo, id: id, name: user, path: "\(server.path)/credentials/\(id)",
                up: [server.upLink],
                content: [.text("Id", id), .text("Username", user), .text("Description", description)],
                values: [
                    "username": user, "description": description, "backupserveruid": server.uid, "credentialsid": id,
                ],
                memberOf: [server.list("credentials")]
            ).withAttributes([("Type", "CredentialsInfo"), ("Href", "\(server.path)/credentials/\(id)")])
        }
        let keyID = "a45c4505-00af-5e23-9ad0-52902e86432c"
        let password = Record(
            .passwordKeyInfo, id: keyID, name: "Encryption key 2014", path: "\(srv02.path)/passwords/\(keyID)",
            up: [srv02.upLink],
            content: [.text("Id", keyID), .text("Hint", "Encryption key 2014"), .text("LastModificationDate", "2014-10-07T06:10:42Z")],
            values: [
                "passwordkeyid": keyID, "hint": "Encryption key 2014", "backupserveruid": srv02.uid,
                "backupservername": srv02.name,
            ],
            memberOf: [srv02.list("passwords")]
        ).withAttributes([("Type", "PasswordKeyInfo"), ("Href", "\(srv02.path)/passwords/\(keyID)")])
        return records + [password]
    }

    private static func failoverPlan() -> Record {
        let vms: [(String, String, String)] = [
            ("ff7f9512-4785-5dc6-b301-110b97d5d3e4", "vm-1021", "fileserver02"),
            ("93db1919-d622-5807-bc65-9555cef167ba", "vm-1034", "srv04"),
        ]
        let includes = vms.enumerated().map { order, vm in
            XMLContent.element(
                "FailoveredVm", [("Type", "FailoveredVm")],
                [
                    .text("FailoveredVmId", vm.0), .text("HierarchyObjRef", Self.vmRef(vm.1)), .text("Name", vm.2),
                    .text("DisplayName", vm.2), .text("Order", Int64(order)), Self.appAwareProcessing.content,
                ])
        }
        return Record(
            .failoverPlan, id: failoverPlanID, name: "Fileserver Failover Plan", server: srv02,
            actions: [
                Link("Edit", "FailoverPlanReference", "failoverPlans/\(failoverPlanID)"),
                Link("Start", nil, "failoverPlans/\(failoverPlanID)?action=start"),
                Link("Undo", nil, "failoverPlans/\(failoverPlanID)?action=undo"),
            ],
            content: [
                .text("Description", "Created by SRV02\\Administrator at 10/18/2014 6:33:37 AM."),
                .element("FailoverPlanInfo", [.element("Includes", includes)]),
            ],
            values: ["description": "Created by SRV02\\Administrator at 10/18/2014 6:33:37 AM."])
    }

    private static func restoreSession() -> Record {
        Record(
            .restoreSession, id: restoreSessionID, name: "FLR_[sql01]@2014-10-20 09:12:44", server: srv02,
            down: [
                Link(
                    "Related", "VmRestorePointReference", "vmRestorePoints/\(Self.vmPointID("sql01", 2))", name: "sql01@2014-10-19 05:30:40"
                )
            ],
            attributes: [("VmDisplayName", "sql01")],
            content: [
                .text("JobType", "FileLevelRestore"), .text("CreationTimeUTC", "2014-10-20T09:12:44Z"),
                .text("EndTimeUTC", "2014-10-20T09:31:05Z"), .text("State", "Stopped"), .text("Result", "Success"),
                .text("Progress", Int64(100)),
            ],
            values: [
                "type": "FileLevelRestore", "creationtime": "2014-10-20T09:12:44Z", "endtime": "2014-10-20T09:31:05Z",
                "state": "Stopped", "result": "Success", "vmdisplayname": "sql01",
            ])
    }

    private static func systemSession() -> Record {
        Record(
            .systemSession, id: systemSessionID, name: "Collect Job @2014-10-20 06:00:02.113527",
            down: [Link("Down", "SystemSessionEvents", "systemSessions/\(systemSessionID)/events")],
            content: [
                .text("SessionType", "CollectJob"), .text("CreationTimeUTC", "2014-10-20T06:00:02.113527Z"),
                .text("EndTimeUTC", "2014-10-20T06:00:19.402716Z"), .text("State", "CompletedSuccessfully"),
                .element("Result", [.text("Result", "CompletedSuccessfully"), .text("Message", ""), .text("IsCanceled", false)]),
            ])
    }
}
