/// Cloud Connect tenants and what belongs to them: backup resources, compute resources,
/// subtenants and license counters.
extension SeedData {
    static let abcTenant = ParentRef(.cloudTenant, "d10c4dc5-590d-5a2c-9252-9c9532b62a25", "ABC Company")
    static let contosoTenant = ParentRef(.cloudTenant, "bc7beda1-dc68-54d8-a65d-9d482998f839", "Contoso")
    /// A tenant of a VMware Cloud Director organization, with an organization VDC as its compute resource.
    static let fabrikamTenant = ParentRef(.cloudTenant, "0f3e5c2a-7b1d-5e49-a6c8-2d9b4f7e1a35", "Fabrikam")
    static let hardwarePlan = ParentRef(.cloudHardwarePlan, "4cd9eace-d137-5e07-a5e9-3d07cf85d9b0", "VMware Gold")
    static let gatewayPool = ParentRef(.cloudGatewayPool, "492b72e5-cb63-5bba-9edd-a2d6fc4f66ea", "GatewayPool 1")

    static func cloudTenants() -> [any SimulatedEntity] {
        let abcResource = Self.tenantResource(abcTenant, "eae86e3d-f70f-5de5-87a9-80998e0817f8", quotaMb: 512_000, usedMb: 181_248)
        let contosoResource = Self.tenantResource(contosoTenant, "2f63ee4a-0d03-5c41-90a4-50be385968f6", quotaMb: 102_400, usedMb: 0)
        let compute = Self.computeResource(abcTenant, "04a4f78a-d229-56a9-9466-0166ac434dac")
        let fabrikamResource = Self.tenantResource(fabrikamTenant, "61c0d8e3-2a4f-5b97-8e1c-b5f3a9d7c240", quotaMb: 256_000, usedMb: 40_960)
        let fabrikamVDC = Self.vCloudComputeResource(fabrikamTenant, "c20a16a7-2d09-4374-850d-84b1d6c9f7f3")
        return [
            Self.tenant(
                abcTenant, "Tenant account of ABC Company", resources: [abcResource], compute: [compute],
                backups: 2, replicas: 1, lastActive: "2014-10-19T20:12:33Z"),
            Self.tenant(
                contosoTenant, "Tenant account of Contoso", resources: [contosoResource], compute: [],
                backups: 0, replicas: 0, lastActive: "1753-01-01T00:00:00Z"),
            Self.tenant(
                fabrikamTenant, "Tenant account of the Fabrikam organization", resources: [fabrikamResource], compute: [],
                backups: 1, replicas: 0, lastActive: "2014-10-19T18:40:02Z", vCloud: fabrikamVDC),
            abcResource, contosoResource, fabrikamResource, compute, fabrikamVDC,
            Self.subtenant(
                abcTenant, "a1f1c2b8-d0f2-5028-b60e-da303cf952d4", "abc-user01", resourceID: abcResource.id, quotaMb: 51_200,
                usedMb: 12_288),
            Record(
                .freeLicenseCounters, id: abcTenant.id, name: "", path: abcTenant.path + "/freelicenseCounters",
                content: Self.licenseCounters
            ).withAttributes([("Href", abcTenant.path + "/freelicenseCounters"), ("Type", "CloudTenantFreeLicenseCounters")]),
            Record(
                .freeLicenseCounters, id: contosoTenant.id, name: "", path: contosoTenant.path + "/freelicenseCounters",
                content: Self.licenseCounters
            ).withAttributes([("Href", contosoTenant.path + "/freelicenseCounters"), ("Type", "CloudTenantFreeLicenseCounters")]),
            Record(
                .freeLicenseCounters, id: fabrikamTenant.id, name: "", path: fabrikamTenant.path + "/freelicenseCounters",
                content: Self.licenseCounters
            ).withAttributes([("Href", fabrikamTenant.path + "/freelicenseCounters"), ("Type", "CloudTenantFreeLicenseCounters")]),
        ]
    }

    /// `CloudTenantFreeLicenseCounters` (`get_cloud_tenants_id_freelicensecounters.md`).
    private static let licenseCounters: [XMLContent] = [
        .text("RentalVMBackupCount", Int64(2)), .text("RentalWorkstationBackupCount", Int64(0)),
        .text("RentalServerBackupCount", Int64(0)), .text("NewVMBackupCount", Int64(1)),
        .text("NewWorkstationBackupCount", Int64(0)), .text("NewServerBackupCount", Int64(0)), .text("NewVMReplicaCount", Int64(1)),
    ]

    /// A tenant; with `vCloud` compute resources, a tenant of a VMware Cloud Director organization
    /// (`TenantType` `vCloudTenant`, its organization VDCs under `vCloudComputeResources`).
    private static func tenant(
        _ tenant: ParentRef, _ description: String, resources: [Record], compute: [Record], backups: Int64, replicas: Int64,
        lastActive: String, vCloud: Record? = nil
    ) -> Record {
        let computeList =
            vCloud == nil
            ? [Link("Down", "CloudTenantComputeResourceList", tenant.path + "/computeResources")]
            : [Link("Down", "CloudTenantVCloudComputeResourceList", tenant.path + "/vCloudComputeResources")]
        let computeCreate =
            vCloud == nil
            ? Link("Create", "CloudTenantComputeResource", tenant.path + "/computeResources")
            : Link("Create", "CloudTenantVCloudComputeResource", tenant.path + "/vCloudComputeResources")
        let type: XMLContent =
            vCloud == nil
            ? .element("StandaloneTenant", [.element("TenantCredentials", [.text("Username", tenant.name)])])
            : .element(
                "vCloudTenant",
                [
                    .text("OrganizationName", tenant.name),
                    .text("OrganizationRef", fabrikamOrganizationRef),
                ])
        var vCloudResources: [XMLContent] = []
        var values = ["enabled": "true", "type": "Standalone"]
        if let vCloud {
            vCloudResources = [XMLContent.element("VCloudComputeResources", [Self.embedded(vCloud)])]
            values["type"] = "vCD"
            values["organizationreference"] = fabrikamOrganizationRef
        }
        return Record(
            .cloudTenant, id: tenant.id, name: tenant.name, server: srv02,
            // A vCloud tenant's users come from its organization: no subtenant links (EM 10's CloudTenants answer).
            down: [Link("Down", "CloudTenantResourceList", tenant.path + "/resources")] + computeList
                + (vCloud == nil ? [Link("Down", "CloudSubtenantList", tenant.path + "/subtenants")] : []) + [
                    Link("Down", "CloudGatewayPoolReferenceList", tenant.path + "/gatewayPools"),
                    Link("Related", "FreeLicenseCounters", tenant.path + "/freelicenseCounters"),
                ],
            actions: [
                Link("Edit", "CloudTenantReference", tenant.path),
                Link("Create", "CloudTenantResource", tenant.path + "/resources"),
                computeCreate,
            ] + (vCloud == nil ? [Link("Create", "CloudSubtenant", tenant.path + "/subtenants")] : [])
                + [Link("Delete", nil, tenant.path)],
            content: [
                .text("Password", ""), .text("Description", description), .text("Enabled", true),
                .empty("LeaseOptions", [("Enabled", "false")]),
                .element("Resources", resources.map { Self.embedded($0) }),
                .text("LastResult", "Success"), .text("LastActive", lastActive),
                .element("ComputeResources", compute.map { Self.embedded($0) }),
                .text("ThrottlingEnabled", false), .text("ThrottlingSpeedLimit", Int64(1)), .text("ThrottlingSpeedUnit", "MBps"),
                .text("PublicIpCount", Int64(tenant.id == abcTenant.id ? 1 : 0)), .text("BackupCount", backups),
                .text("ReplicaCount", replicas), .text("MaxConcurrentTasks", Int64(2)), .text("WorkStationBackupCount", Int64(0)),
                .text("ServerBackupCount", Int64(0)), .text("BackupProtectionEnabled", false),
                .text("BackupProtectionPeriod", Int64(7)),
                .element("TenantType", [type]),
            ] + vCloudResources,
            values: values,
            memberOf: tenant.id == abcTenant.id ? [hardwarePlan.list("tenants")] : [])
    }

    /// A record's entity as it appears inside its tenant.
    private static func embedded(_ record: Record) -> XMLContent {
        .element(record.kind.typeName, record.customAttributes ?? [], record.content)
    }

    private static func tenantResource(_ tenant: ParentRef, _ id: String, quotaMb: Int64, usedMb: Int64) -> Record {
        let path = tenant.path + "/resources/" + id
        return Record(
            .cloudTenantResource, id: id, name: "Cloud Repository of \(tenant.name)", path: path,
            content: [
                .element(
                    "RepositoryQuota",
                    [
                        .text("DisplayName", "Cloud Repository"), .text("RepositoryUid", defaultRepository.uid),
                        .text("WanAcceleratorUid", ResourceKind.wanAccelerator.uid(wanAcceleratorID)), .text("Quota", quotaMb),
                        .text("UsedQuota", usedMb),
                    ])
            ],
            memberOf: [tenant.list("resources")]
        ).withAttributes([("Href", path), ("Type", "CloudTenantResource"), ("Id", id)])
    }

    private static func computeResource(_ tenant: ParentRef, _ id: String) -> Record {
        let path = tenant.path + "/computeResources/" + id
        return Record(
            .cloudTenantComputeResource, id: id, name: "Compute resources of \(tenant.name)", path: path,
            content: [
                .text("CloudHardwarePlanUid", hardwarePlan.uid),
                .text("WanAcceleratorUid", ResourceKind.wanAccelerator.uid(wanAcceleratorID)), .text("PlatformType", "VMware"),
                .text("UseNetworkFailoverResources", true),
                .element(
                    "NetworkAppliance",
                    [
                        .text("Name", "Cloud Appliance \(tenant.name)(esx01)"), .text("ProductionNetwork", "VM Network"),
                        .text("ObtainIPAddressAutomatically", true), .text("ViDistributedSwitchUuid", ""),
                        .text("ProductionNetworkUnderDvs", false),
                    ]),
                .element(
                    "ComputeResourceStats",
                    [
                        .text("MemoryUsageMb", Int64(8192)), .text("CPUCount", Int64(4)),
                        .element(
                            "StorageResourceStats",
                            [
                                .element(
                                    "StorageResourceStat",
                                    [
                                        .text("StorageName", "Cloud Replicas"), .text("StorageUsageGb", Int64(120)),
                                        .text("StorageLimitGb", Int64(500)),
                                    ])
                            ]),
                    ]),
            ],
            memberOf: [tenant.list("computeResources")]
        ).withAttributes([("Href", path), ("Type", "CloudTenantComputeResource"), ("Id", id)])
    }

    /// The VMware Cloud Director organization of the `Fabrikam` tenant.
    private static let fabrikamOrganizationRef =
        "urn:vCloud:Org:e923e20c-e114-4358-90d4-363d7de928f3.urn:vcloud:org:8d8b2c6e-3f0a-4c71-9e25-61b4a7d0f3c2"

    /// An organization VDC given to a vCloud tenant (`get_cloud_tenants_id_vcloudcomputeresources_id.md`:
    /// `Href`, `Type` and `Id` attributes, the VDC's ID as the resource's).
    private static func vCloudComputeResource(_ tenant: ParentRef, _ id: String) -> Record {
        let path = tenant.path + "/vCloudComputeResources/" + id
        return Record(
            .cloudTenantVCloudComputeResource, id: id, name: "Fabrikam VDC", path: path,
            content: [
                .text("VirtualDataCenterName", "Fabrikam VDC"),
                .text("VirtualDataCenterRef", "urn:vCloud:OrgVdc:e923e20c-e114-4358-90d4-363d7de928f3.urn:vcloud:vdc:\(id)"),
                .text("Enabled", true), .text("AllocationModel", "AllocationPool"), .text("UseNetworkFailoverResources", false),
                .element(
                    "ResourceUsage",
                    [
                        .text("CpuUsageMhz", Int64(4000)), .text("MemoryUsageMb", Int64(16_384)), .text("StorageUsageGb", Int64(250)),
                    ]),
                .text("WanAcceleratorUid", ResourceKind.wanAccelerator.uid(wanAcceleratorID)),
            ],
            memberOf: [tenant.list("vCloudComputeResources")]
        ).withAttributes([("Href", path), ("Type", "CloudTenantVCloudComputeResource"), ("Id", id)])
    }

    private static func subtenant(
        _ tenant: ParentRef, _ id: String, _ name: String, resourceID: String, quotaMb: Int64, usedMb: Int64
    ) -> Record {
        let path = tenant.path + "/subtenants/" + id
        return Record(
            .cloudSubtenant, id: id, name: name, path: path, up: [tenant.upLink],
            actions: [Link("Edit", "CloudSubtenant", path), Link("Delete", nil, path)],
            content: [
                // As EM's own sample (put_tenants_id_subtenants_id): `Id` an attribute, no UID, a quota
                // with `Unlimited` as its attribute.
                .text("Name", name), .text("Description", "Subtenant of \(tenant.name)"), .text("Password", ""),
                .text("Enabled", true),
                .element(
                    "RepositoryQuota", [("Unlimited", "false")],
                    [
                        .text("DisplayName", "Cloud Repository"), .text("TenantResourceId", resourceID), .text("QuotaMb", quotaMb),
                        .text("UsedQuotaMb", usedMb),
                    ]),
            ],
            values: [
                "uid": id, "cloudtenantuid": tenant.uid, "cloudtenantname": tenant.name, "disabled": "false",
                "unlimited": "false", "quota": String(quotaMb), "usedquota": String(usedMb),
                "backupresourceid": resourceID, "backupserveruid": srv02.uid, "backupservername": srv02.name,
            ],
            memberOf: [tenant.list("subtenants")]
        ).withAttributes([("Href", path), ("Type", "CloudSubtenant"), ("Id", id)])
    }
}
