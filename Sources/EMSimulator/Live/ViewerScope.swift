/// What an account with the restricted role sees (EM's Portal User and restricted roles see
/// only the jobs in their scope): of jobs, their objects, sessions, task sessions, backups,
/// backup files, restore points and VM restore points, only those of the demo world's
/// `Web Backup` and `SQL Log Backup`; no replicas, replica points, catalog entries, CDP,
/// agent or file share jobs and their points, mounts or restore sessions. Everything else
/// (servers, repositories, accounts, …) as any user.
enum ViewerScope {
    /// Kinds the restriction applies to; resources of other kinds are all visible.
    static let scopedKinds: Set<String> = Set(
        [
            ResourceKind.job, .linkedJobObject, .linkedBackupRepositoryObject, .objectInJob, .failoverPlan,
            .backupJobSession, .replicaJobSession, .backupTaskSession, .replicaTaskSession, .restoreSession, .backup,
            .backupFile, .restorePoint, .vmRestorePoint, .vAppRestorePoint, .replica, .vmReplicaPoint, .vAppReplicaPoint,
            .catalogVm, .catalogVmRestorePoint, .cdpPolicy, .cdpReplica, .cdpReplicaVm, .vAppCdpReplica, .vAppCdpReplicaVm,
            .cdpReplicaSession, .cdpReplicaTaskSession, .vmRestorePointMount, .vmReplicaPointMount, .agentRestorePointMount,
            .agentBackupJob, .objectInAgentBackupJob, .agentRestorePoint, .nasJob, .nasObject,
        ].map(\.typeName))

    /// The part of a store the restricted role sees.
    /// - Parameters:
    ///   - store: everything.
    ///   - context: hrefs and data, for query values.
    /// - Returns: the visible resources, in the same order.
    static func filter(_ store: EntityStore, _ context: RenderContext) -> EntityStore {
        let jobIDs = DemoWorld.viewerJobIDs
        let jobUIDs = Set(jobIDs.map { ResourceKind.job.uid($0) })
        var sessionIDs = Set<String>()
        var backupUIDs = Set<String>()
        var pointUIDs = Set<String>()
        var visible = EntityStore()
        for entity in store.entities {
            guard Self.scopedKinds.contains(entity.kind.typeName) else {
                visible.add(entity)
                continue
            }
            let shown: Bool
            switch entity {
            case let job as Job: shown = jobIDs.contains(job.id)
            case let object as ObjectInJob: shown = jobIDs.contains(object.jobID)
            case let session as JobSession:
                shown = jobIDs.contains(session.jobID)
                if shown { sessionIDs.insert(session.id) }
            case let task as TaskSession: shown = sessionIDs.contains(task.jobSessionID)
            default:
                let values = entity.queryValues(context)
                switch entity.kind.typeName {
                case ResourceKind.backup.typeName:
                    shown = jobUIDs.contains(values["jobuid"] ?? "")
                    if shown { backupUIDs.insert(entity.uid) }
                case ResourceKind.restorePoint.typeName:
                    shown = backupUIDs.contains(values["backupuid"] ?? "")
                    if shown { pointUIDs.insert(entity.uid) }
                case ResourceKind.backupFile.typeName: shown = backupUIDs.contains(values["backupuid"] ?? "")
                case ResourceKind.vmRestorePoint.typeName: shown = pointUIDs.contains(values["restorepointid"] ?? "")
                default: shown = false
                }
            }
            if shown { visible.add(entity) }
        }
        return visible
    }
}
