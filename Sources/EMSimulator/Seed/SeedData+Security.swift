/// EM's own settings: roles and accounts (`/security`), vSphere self-service and vCloud
/// organization configurations.
extension SeedData {
    static let portalAdministratorRoleID = "cfb53006-951d-588f-8de1-dae24ad216ac"
    static let restoreOperatorRoleID = "bccac4ea-13dd-50cb-b6d5-8a27af391705"

    static func security() -> [any SimulatedEntity] {
        let roles: [(String, String)] = [
            (portalAdministratorRoleID, "Portal Administrator"), ("f85f51ed-2b10-5319-a531-a1194c5ccc7b", "Portal User"),
            (restoreOperatorRoleID, "Restore Operator"), ("8d0407bf-d429-5f43-97f5-92ab0295e5b7", "File Restore Operator"),
        ]
        var records: [any SimulatedEntity] = roles.map { Record(.enterpriseRole, id: $0.0, name: $0.1) }
        let accounts: [(String, String, String, Bool, (String, String))] = [
            (
                "dd624595-5c0d-544c-8d57-4e0d809167fc", "TECH\\Administrator", "User", true,
                (portalAdministratorRoleID, "Portal Administrator")
            ),
            (
                "f0c388cb-a056-5b39-b250-aaff45353096", "TECH\\Restore Operators", "Group", false,
                (restoreOperatorRoleID, "Restore Operator")
            ),
        ]
        for (id, name, type, allVms, role) in accounts {
            let account = ParentRef(.enterpriseAccount, id, name)
            records.append(
                Record(
                    .enterpriseAccount, id: id, name: name,
                    down: [
                        Link("Down", "EnterpriseAccountInRoleList", account.path + "/roles"),
                        Link("Down", "EnterpriseAccountHierarchyScopeList", account.path + "/scopes"),
                    ],
                    actions: [
                        Link("Create", "EnterpriseAccountInRole", account.path + "/roles"),
                        Link("Create", "EnterpriseAccountHierarchyScope", account.path + "/scopes"),
                        Link("Delete", nil, account.path), Link("ToggleRestoreScopesEnabled", nil, account.path),
                    ],
                    content: [.text("AccountType", type), .text("AllowRestoreAllVms", allVms)]))
            let rolePath = account.path + "/roles/" + role.0
            records.append(
                Record(
                    .enterpriseAccountInRole, id: role.0, name: role.1, path: rolePath,
                    up: [account.upLink],
                    down: [Link("Related", "EnterpriseRoleReference", "security/roles/\(role.0)", name: role.1)],
                    actions: [Link("Delete", nil, rolePath)],
                    content: [.text("RoleName", role.1)],
                    memberOf: [account.list("roles")]
                ).withAttributes([("Href", rolePath), ("Type", "EnterpriseAccountInRole")]))
            if !allVms {
                let scopeID = "965cdec4-86f5-5820-a3ce-7706da03d687"
                let scopePath = account.path + "/scopes/" + scopeID
                records.append(
                    Record(
                        .enterpriseAccountHierarchyScope, id: scopeID, name: "Production", path: scopePath,
                        up: [account.upLink], actions: [Link("Delete", nil, scopePath)],
                        content: [
                            .text("Name", "Production"), .text("HierarchyRootName", "vcenter01.tech.local"),
                            .text("Platform", "VMware"), .text("HierarchyObjectType", "ResourcePool"), .text("State", "Processed"),
                        ],
                        memberOf: [account.list("scopes")]
                    ).withAttributes([("Href", scopePath), ("Type", "EnterpriseAccountHierarchyScope")]))
            }
        }
        return records
    }

    static func selfService() -> [any SimulatedEntity] {
        let configID = "e6a66853-9ffd-51cd-acc2-5ef577fba212"
        let orgID = "61e9530f-afad-5326-9c53-c412414e5792"
        return [
            Record(
                .vSphereSelfServiceConfig, id: configID, name: "Domain Users", server: srv02,
                down: [Link("Down", "VSphereSelfServiceConfigJobSettings", "selfService/vSphere/Configs/\(configID)/backupJobSettings")],
                actions: [
                    Link("Edit", "VSphereSelfServiceConfigReference", "selfService/vSphere/Configs/\(configID)"),
                    Link("Delete", nil, "selfService/vSphere/Configs/\(configID)"),
                ],
                content: [
                    .text("BackupServerUid", srv02.uid), .text("RepositoryUid", defaultRepository.uid), .text("QuotaGb", Int64(30)),
                    .text("PerUser", true),
                    .element(
                        "Account",
                        [
                            .text("AccountName", "Domain Users"), .text("AccountSid", "S-1-5-21-1004336348-1177238915-682003330-513"),
                            .text("AccountType", "Group"),
                        ]),
                    Self.jobSettings(scheduler: "Full", highPriority: false),
                    .element("VCentersScope", [.text("VCenterUid", ResourceKind.managedServer.uid(vCenterServerID))]),
                    .empty("Tags"), .text("UsedQuotaMb", Int64(2048)),
                ],
                values: [
                    "jobschedulertype": "Full", "accounttype": "Group", "peruser": "true", "quotagb": "30",
                    "repositoryuid": defaultRepository.uid, "usedquota": "2048",
                ]),
            Record(
                .selfServiceJobSettings, id: configID, name: "", path: "selfService/vSphere/Configs/\(configID)/backupJobSettings",
                content: Self.backupJobSettings(
                    Link("Up", "VSphereSelfServiceConfig", "selfService/vSphere/Configs/\(configID)?format=Entity", name: "Domain Users"))
            )
            .withAttributes([
                ("Href", "selfService/vSphere/Configs/\(configID)/backupJobSettings"),
                ("Type", "VSphereSelfServiceConfigJobSettings"),
            ]),
            Record(
                .vCloudOrganizationConfig, id: orgID, name: "organization01", server: srv02,
                down: [Link("Down", "VCloudOrganizationConfigBackupJobSettings", "vCloud/orgConfigs/\(orgID)/backupJobSettings")],
                actions: [
                    Link("Edit", "VCloudOrganizationConfigReference", "vCloud/orgConfigs/\(orgID)"),
                    Link("Disable", nil, "vCloud/orgConfigs/\(orgID)?action=disable"),
                    Link("Delete", nil, "vCloud/orgConfigs/\(orgID)"),
                ],
                content: [
                    .text("BackupServerUid", srv02.uid), .text("RepositoryUid", defaultRepository.uid), .text("QuotaGb", Int64(500)),
                    .text("IsDisabled", false), Self.jobSettings(scheduler: "Full", highPriority: true),
                    .text("UsedQuotaMb", Int64(120)), .text("HostUid", ResourceKind.managedServer.uid(vCenterServerID)),
                    .text("RepositoryFriendlyName", defaultRepository.name),
                ],
                values: [
                    "repositoryuid": defaultRepository.uid, "quotagb": "500", "disabled": "false", "jobschedulertype": "Full",
                    "usedquota": "120", "hostuid": ResourceKind.managedServer.uid(vCenterServerID),
                    "repositoryfriendlyname": defaultRepository.name,
                ]),
            Record(
                .orgConfigJobSettings, id: orgID, name: "", path: "vCloud/orgConfigs/\(orgID)/backupJobSettings",
                content: Self.backupJobSettings(
                    Link("Up", "VCloudOrganizationConfig", "vCloud/orgConfigs/\(orgID)?format=Entity", name: "organization01"))
            )
            .withAttributes([
                ("Href", "vCloud/orgConfigs/\(orgID)/backupJobSettings"),
                ("Type", "VCloudOrganizationConfigBackupJobSettings"),
            ]),
        ]
    }

    private static func jobSettings(scheduler: String, highPriority: Bool) -> XMLContent {
        .element(
            "JobSettings",
            [
                .text("DefaultSettings", !highPriority), .text("JobSchedulerType", scheduler), .text("HighPriorityJob", highPriority),
            ])
    }

    /// The backup job settings of a self-service or organization configuration
    /// (`get_vcloud_orgconfigs_id_backupjobsettings.md`, trimmed to its main sections).
    /// - Parameter owner: the configuration, linked `Up` with the backup server.
    private static func backupJobSettings(_ owner: Link) -> [XMLContent] {
        let days = { (element: String) in
            XMLContent.element(element, [("Enabled", "true")], [.text("Days", "Saturday")])
        }
        return [
            .links([srv02.upLink, owner]),
            .text("UseDefaultJobSettings", false),
            .element(
                "AdvancedSettings",
                [
                    .element(
                        "BackupSettings",
                        [
                            .element(
                                "BackupMode",
                                [
                                    .element(
                                        "Incremental",
                                        [
                                            .element(
                                                "SyntheticFull", [("Enabled", "true")],
                                                [
                                                    days("OptionsDaily"), .text("TransformPreviousBackupChains", false),
                                                ])
                                        ])
                                ]),
                            .element("ActiveFullBackup", [("Enabled", "false")], [days("OptionsWeekly")]),
                        ]),
                    .element(
                        "StorageSettings",
                        [
                            .element(
                                "DataReduction",
                                [
                                    .text("EnableInlineDataDeduplication", true), .text("EnableSwapFileBlocks", true),
                                    .text("EnableDeletedFileBlocks", true), .text("CompressionLevel", "Optimal"),
                                    .text("StorageOptimization", "LocalTarget"),
                                ]),
                            .empty("Encryption", [("Enabled", "false")]),
                        ]),
                    .element(
                        "vSphereSettings",
                        [
                            .empty("GuestQuiescence", [("Enabled", "false")]),
                            .element("ChangedBlockTracking", [("Enabled", "true")], [.text("EnableForAllProtectedVms", true)]),
                        ]),
                ]),
            .text("SourceProxyAutoDetect", true),
        ]
    }
}
