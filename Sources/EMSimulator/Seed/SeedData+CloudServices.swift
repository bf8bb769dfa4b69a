/// The provider's side of Cloud Connect: gateways and pools, hardware plans, public IP
/// addresses, VLANs, cloud replicas, failover plans and sessions.
extension SeedData {
    static func cloudServices() -> [any SimulatedEntity] {
        let gatewayID = "4c95b5ce-5a61-5ebe-80c2-96c6a085e479"
        let replica = ParentRef(.cloudReplica, "9e5ab711-873b-5770-b7e1-48abeb12c0d3", "ABC Company Servers Replication")
        let planID = "a2e90c6d-8681-56b8-af04-c209037255b4"
        return [
            Record(
                .cloudGateway, id: gatewayID, name: "cgw01.tech.local", server: srv02,
                actions: [
                    Link("Edit", "CloudGatewayReference", "cloud/gateways/\(gatewayID)"),
                    Link("Delete", "CloudGateway", "cloud/gateways/\(gatewayID)"),
                ],
                content: [
                    .text("Enabled", true), .text("NetworkMode", "Direct"), .text("ExternalIP", "198.51.100.10"),
                    .text("ExternalPort", Int64(6180)), .text("InternalPort", Int64(6180)),
                    .text("Description", "Cloud gateway of the head office"),
                ],
                values: ["enabled": "true", "description": "Cloud gateway of the head office"],
                memberOf: [gatewayPool.list("gateways")]),
            Record(
                .cloudGatewayPool, id: gatewayPool.id, name: gatewayPool.name, server: srv02,
                down: [Link("Down", "CloudGatewayReferenceList", gatewayPool.path + "/gateways")],
                actions: [Link("Edit", "CloudGatewayPoolReference", gatewayPool.path), Link("Delete", nil, gatewayPool.path)],
                content: [
                    .text("Description", "Gateways for tenants in Europe"),
                    .element("CloudGateways", [.text("CloudGatewayUid", ResourceKind.cloudGateway.uid(gatewayID))]),
                    .element("CloudTenants", [.text("CloudTenantUid", abcTenant.uid)]),
                ],
                values: ["description": "Gateways for tenants in Europe"],
                memberOf: [abcTenant.list("gatewayPools")]),
            Record(
                .cloudHardwarePlan, id: hardwarePlan.id, name: hardwarePlan.name, server: srv02,
                down: [Link("Down", "CloudTenantReference", hardwarePlan.path + "/tenants")],
                actions: [
                    Link("Edit", "CloudHardwarePlanReference", hardwarePlan.path),
                    Link("Delete", "CloudHardwarePlan", hardwarePlan.path),
                ],
                content: [
                    .text("Description", "Hardware plan for VMware replicas"), .text("ProcessorUsageLimitMhz", Int64(20_000)),
                    .text("MemoryUsageLimitMb", Int64(32_768)),
                    .element(
                        "HardwarePlanDetails",
                        [
                            .element(
                                "ViCloudHardwarePlan",
                                [
                                    .text("HypervisorHostRef", "urn:VMware:Host:\(vCenterRootID).host-10"),
                                    .text("ParentType", "HostSystem"), .text("ParentName", "esx01.tech.local"),
                                    .element(
                                        "Datastores",
                                        [
                                            .element(
                                                "Datastore", [("Id", "b69d49ce-c555-5528-9f2f-d7ed1238d243")],
                                                [
                                                    .text("FriendlyName", "Cloud Replicas"), .text("DatastoreType", "Datastore"),
                                                    .text("Reference", "urn:VMware:Datastore:\(vCenterRootID).datastore-30"),
                                                    .text("RootPath", "[cloud-ds01]"), .text("QuotaGb", Int64(500)),
                                                    .text("PbmProfileId", ""),
                                                ])
                                        ]),
                                    .element("Network", [.text("CountWithInternet", Int64(1)), .text("CountWithoutInternet", Int64(2))]),
                                ])
                        ]),
                ],
                values: ["platform": "VMware"]),
            Record(
                .cloudPublicIpAddress, id: "fe41f6a6-1ce7-5fde-998a-26de25bae627", name: "198.51.100.16", server: srv02,
                actions: [
                    Link("Edit", "CloudPublicIpAddressReference", "cloud/publicIpAddresses/fe41f6a6-1ce7-5fde-998a-26de25bae627"),
                    Link("Delete", "CloudPublicIpAddress", "cloud/publicIpAddresses/fe41f6a6-1ce7-5fde-998a-26de25bae627"),
                ],
                attributes: [("BackupServerUid", srv02.uid)],
                content: [.text("IpAddress", "198.51.100.16"), .text("TenantUid", abcTenant.uid)],
                values: ["ipaddress": "198.51.100.16", "cloudtenantuid": abcTenant.uid, "cloudtenantname": abcTenant.name]),
            Record(
                .vlanConfiguration, id: "a86b4fad-a61e-58a9-bbfe-2687baa7f445", name: "vSwitch0", server: srv02,
                actions: [
                    Link("Edit", "VlanConfigurationReference", "cloud/vlans/a86b4fad-a61e-58a9-bbfe-2687baa7f445"),
                    Link("Delete", "VlanConfiguration", "cloud/vlans/a86b4fad-a61e-58a9-bbfe-2687baa7f445"),
                ],
                content: [
                    .text("HostRef", "urn:VMware:Host:\(vCenterRootID).host-10"), .text("PlatformType", "VMware"),
                    .text("VlanIdsWithInternetLeftBound", Int64(500)), .text("VlanIdsWithInternetRightBound", Int64(510)),
                    .text("VlanIdsWithoutInternetLeftBound", Int64(511)), .text("VlanIdsWithoutInternetRightBound", Int64(520)),
                    .text("SwitchName", "vSwitch0"), .text("SwitchId", "vSwitch0"), .text("SwitchType", "VirtualSwitch"),
                ],
                values: [
                    "uid": "a86b4fad-a61e-58a9-bbfe-2687baa7f445", "switchname": "vSwitch0", "switchtype": "VirtualSwitch",
                    "switchid": "vSwitch0", "clustername": "", "clusterref": "",
                ]
            ).withAttributes([
                ("Href", "cloud/vlans/a86b4fad-a61e-58a9-bbfe-2687baa7f445"), ("Type", "VlanConfiguration"),
                ("Name", "vSwitch0"), ("UID", "a86b4fad-a61e-58a9-bbfe-2687baa7f445"),
            ]),
            Record(
                .cloudReplica, id: replica.id, name: replica.name, server: srv02,
                down: [Link("Down", "CloudVmReplicaPointReferenceList", replica.path + "/vmReplicaPoints")],
                content: [.text("Platform", "VMware")], values: ["platform": "VMware"]),
            Record(
                .cloudVmReplicaPoint, id: "596db3a2-d7aa-565c-8a9f-2ca41a6d50a1", name: "abc-srv01@2014-10-19 20:00:47",
                server: srv02, up: [replica.upLink], attributes: [("VmDisplayName", "abc-srv01")],
                content: [.text("CreationTimeUTC", "2014-10-19T20:00:47Z"), .text("PointType", "Snapshot"), .text("State", "Ready")],
                values: [
                    "creationtime": "2014-10-19T20:00:47Z", "vmname": "abc-srv01", "type": "Snapshot", "replicauid": replica.uid,
                    "replicaname": replica.name, "vmdisplayname": "abc-srv01", "state": "Ready",
                ],
                memberOf: [replica.list("vmReplicaPoints")]),
            Record(
                .cloudFailoverPlan, id: planID, name: "ABC Company Failover Plan", server: srv02,
                down: [Link("Down", "CloudFailoveredVmList", "cloud/cloudFailoverPlans/\(planID)/includes")],
                actions: ["start", "test", "undo"].map {
                    Link(String($0.prefix(1)).uppercased() + $0.dropFirst(), nil, "cloud/cloudFailoverPlans/\(planID)?action=\($0)")
                },
                content: [
                    .text("TenantUid", abcTenant.uid), .text("TenantName", abcTenant.name),
                    .text("Description", "Failover plan for the servers of ABC Company"),
                    .element(
                        "CloudFailoverPlanOptions",
                        [
                            .text("PostFailoverPlanCommandEnabled", false), .text("PostFailoverPlanCommand", ""),
                            .text("PreFailoverPlanCommandEnabled", false), .text("PreFailoverPlanCommand", ""),
                        ]),
                    .element(
                        "CloudFailoverPlanInfo",
                        [
                            .element(
                                "Includes",
                                [
                                    .element(
                                        "CloudFailoverPlanVm", [("Type", "CloudFailoveredVm")],
                                        [
                                            .text("FailoverPlanVMId", "adf4f63c-b6ac-5f03-9d08-eeed313ce30f"), .text("Name", "abc-srv01"),
                                            .text("Order", Int64(0)),
                                        ])
                                ])
                        ]),
                ],
                values: [
                    "description": "Failover plan for the servers of ABC Company", "cloudtenantuid": abcTenant.uid,
                    "cloudtenantname": abcTenant.name,
                ]),
            Record(
                .cloudFailoveredVm, id: "adf4f63c-b6ac-5f03-9d08-eeed313ce30f", name: "abc-srv01",
                path: "cloud/cloudFailoverPlans/\(planID)/includes/adf4f63c-b6ac-5f03-9d08-eeed313ce30f",
                content: [
                    .text("FailoverPlanVMId", "adf4f63c-b6ac-5f03-9d08-eeed313ce30f"), .text("Name", "abc-srv01"), .text("Order", Int64(0)),
                ],
                memberOf: [.child(of: .cloudFailoverPlan, planID, "includes")]
            ).withAttributes([
                ("Type", "CloudFailoveredVm"),
                ("Href", "cloud/cloudFailoverPlans/\(planID)/includes/adf4f63c-b6ac-5f03-9d08-eeed313ce30f"),
            ]),
            Record(
                .cloudFailoverSession, id: "fc8a1516-8973-55d8-a7f1-140adc66f4f0", name: "ABC Company Failover Plan", server: srv02,
                content: [
                    .text("JobType", "FailoverPlan"), .text("CreationTimeUTC", "2014-10-12T17:38:16Z"),
                    .text("EndTimeUTC", "2014-10-12T17:39:36Z"), .text("State", "Stopped"), .text("Result", "Success"),
                    .text("Progress", Int64(100)), .empty("CloudFailoverTasks"),
                ],
                values: [
                    "type": "FailoverPlan", "creationtime": "2014-10-12T17:38:16Z", "endtime": "2014-10-12T17:39:36Z",
                    "state": "Stopped", "result": "Success", "failuremessage": "",
                ]),
        ]
    }
}
