import HTTPTypes

extension SimulatorResponder {
    /// The effect of a validated write, by operation.
    ///
    /// Modelled: mounts (`POST .../mounts` adds one to the restore point's `mounts`); an account's
    /// restore scopes (`POST /security/accounts/{ID}/scopes`); jobs (`start`, `retry` leave a new session that runs until the task finishes;
    /// `stop` stops the job's running sessions at once; `toggleScheduleEnabled`; `clone`; `PUT ?action=edit`
    /// changes description, schedule flags and `JobScheduleOptions`; `POST .../includes` adds an
    /// `ObjectInJob`), `POST /backupSessions/{ID}?action=stop`, and every `DELETE`, which removes
    /// the resource (when its task finishes, or at once for a `204`). Everything else (restores,
    /// failovers, mounts, cloud and account changes, ...) is validated and reported by a task
    /// that finishes, without changing the data.
    /// - Parameter target: the validated write.
    /// - Returns: the effect.
    /// - Throws: `SimulatorError` `.badRequest` when the body names something the simulator
    ///   cannot find (a job clone without a clone info).
    func effect(of target: WriteTarget) throws -> WriteEffect {
        let store = self.store
        let entity = target.entity(in: store)
        let related = entity.map { Self.relatedLink($0) }
        let operation = target.operation
        if operation.method == .delete {
            guard let entity else { return WriteEffect(related: nil) }
            let kind = entity.kind
            let id = entity.id
            return WriteEffect(related: nil) { store in Self.remove(kind, id, from: &store) }
        }
        if operation.method == .post, operation.template.lowercased().hasSuffix("/{id}/mounts"), let point = entity,
            let mountKind = Self.mountKinds[point.kind]
        {
            let mount = self.newMount(of: point, kind: mountKind)
            return WriteEffect(related: Self.relatedLink(mount)) { store in store.add(mount) }
        }
        if operation.key == "POST /security/accounts/{id}/scopes", let account = entity, let body = target.body {
            // `HierarchyScopeItem`s in the root (RestAPI.xsd) or in a `HierarchyScopeItems` wrapper (docs).
            let items = (body.children + (body.child("HierarchyScopeItems")?.children ?? [])).filter { $0.name == "HierarchyScopeItem" }
            let scopes = items.map { self.newScope(of: account, $0) }
            return WriteEffect(related: related) { store in store.add(scopes) }
        }
        guard let job = entity as? Job else {
            if operation.key.hasPrefix("POST /backupsessions/{id}?stop"), let session = entity as? JobSession {
                // At once: the running start task must not finish the session as a success.
                try self.world.update { (store: inout EntityStore) throws(SimulatorError) in Self.stop([session.id], in: &store) }
                return WriteEffect(related: related)
            }
            return WriteEffect(related: related)
        }
        switch operation.key {
        case "POST /jobs/{id}?start", "POST /jobs/{id}?retry":
            let session = self.newSession(of: job, isRetry: operation.action == "retry")
            _ = try self.world.update { (store: inout EntityStore) throws(SimulatorError) in store.add(session) }
            return WriteEffect(related: related, message: "Job \"\(job.name)\" triggered to start.") { store in
                guard var current = store.jobSession(id: session.id), current.state == "Working" else { return }
                current.state = "Stopped"
                current.result = "Success"
                current.progress = 100
                current.endTimeUTC = Self.later(session.creationTimeUTC)
                store.replace(current)
            }
        case "POST /jobs/{id}?stop":
            let running = store.members(.child(of: .job, job.id, job.sessionKind.hrefSegment))
                .compactMap { $0 as? JobSession }.filter { $0.state == "Working" }.map(\.id)
            try self.world.update { (store: inout EntityStore) throws(SimulatorError) in Self.stop(running, in: &store) }
            return WriteEffect(related: related)
        case "POST /jobs/{id}?togglescheduleenabled":
            return WriteEffect(related: related) { store in
                guard var current = store.job(id: job.id) else { return }
                current.scheduleEnabled.toggle()
                store.replace(current)
            }
        case "POST /jobs/{id}?clone":
            let info = target.body?.children.first
            guard let name = info?.text("JobName"), !name.isEmpty else {
                throw SimulatorError(
                    .badRequest,
                    "There is an error in XML document: missing required element: <JobCloneSpec> needs a clone info with <JobName>.")
            }
            var clone = job
            clone.id = self.world.makeID()
            clone.name = name
            clone.description = info?.text("Description") ?? job.description
            clone.includes = job.includes.map {
                ObjectInJob(
                    id: self.world.makeID(), jobID: clone.id, hierarchyObjRef: $0.hierarchyObjRef, name: $0.name,
                    guestProcessing: $0.guestProcessing)
            }
            let cloneID = clone.id
            let relink = { (link: BackupCopyLink) in
                BackupCopyLink(kind: link.kind, id: self.world.makeID(), jobID: cloneID, linkedUID: link.linkedUID)
            }
            clone.linkedJobs = job.linkedJobs.map(relink)
            clone.linkedRepositories = job.linkedRepositories.map(relink)
            let made = clone
            return WriteEffect(related: related) { store in
                store.add(made)
                store.add(made.includes)
                store.add(made.links)
            }
        case "PUT /jobs/{id}?edit":
            guard let body = target.body else { return WriteEffect(related: related) }
            return WriteEffect(related: related) { store in
                guard var current = store.job(id: job.id) else { return }
                JobEdit(body).apply(to: &current)
                store.replace(current)
            }
        case "POST /jobs/{id}/includes":
            guard let body = target.body else { return WriteEffect(related: related) }
            let object = ObjectInJob(
                id: self.world.makeID(), jobID: job.id, hierarchyObjRef: body.text("HierarchyObjRef") ?? "",
                name: body.text("HierarchyObjName") ?? "", guestProcessing: job.guestProcessing)
            return WriteEffect(related: related) { store in
                guard var current = store.job(id: job.id) else { return }
                current.includes.append(object)
                store.replace(current)
                store.add(object)
            }
        default:
            return WriteEffect(related: related)
        }
    }

    /// A `Related` link to a resource's entity, as EM's finished tasks carry (`task_finished_related`).
    static func relatedLink(_ entity: any SimulatedEntity) -> Link {
        Link("Related", entity.kind.typeName, entity.path + (entity.kind.hasReference ? "?format=Entity" : ""), name: entity.name)
    }

    /// The mount kind of each kind of restore point (`POST .../mounts`).
    private static let mountKinds: [ResourceKind: ResourceKind] = [
        .vmRestorePoint: .vmRestorePointMount, .vmReplicaPoint: .vmReplicaPointMount,
        .agentRestorePoint: .agentRestorePointMount,
    ]

    /// A mount of a restore point (`<point id>@<n>`, as EM names them), listed under the point's
    /// `mounts`, with a `Down` link to the root of its file system (`C:`).
    private func newMount(of point: any SimulatedEntity, kind: ResourceKind) -> Record {
        let id = self.world.makeID()
        let path = "\(point.path)/mounts/\(id)"
        let count = self.store.members(.child(of: point.kind, point.id, "mounts")).count + 1
        return Record(
            kind, id: id, name: "\(point.id)@\(count)", path: path, down: [Link("Down", nil, path + "/C:")],
            memberOf: [.child(of: point.kind, point.id, "mounts")]
        ).withAttributes([("Type", kind.typeName), ("Href", path), ("Name", "\(point.id)@\(count)")])
    }

    /// A restore scope of an account from a `HierarchyScopeItem` (`HierarchyObjRef`, `ObjectName`),
    /// listed under the account's `scopes`.
    private func newScope(of account: any SimulatedEntity, _ item: RequestDocument.Element) -> Record {
        let id = self.world.makeID()
        let path = "\(account.path)/scopes/\(id)"
        let name = item.text("ObjectName") ?? ""
        let reference = item.text("HierarchyObjRef") ?? ""
        let platform = reference.split(separator: ":").dropFirst().first.map(String.init) ?? ""
        return Record(
            .enterpriseAccountHierarchyScope, id: id, name: name, path: path,
            up: [Link("Up", account.kind.referenceType, account.path, name: account.name)],
            actions: [Link("Delete", nil, path)],
            content: [
                .text("Name", name), .text("HierarchyRootName", ""), .text("Platform", platform),
                .text("HierarchyObjectType", reference.split(separator: ".").last.map(String.init) ?? ""), .text("State", "Valid"),
            ],
            memberOf: [.child(of: account.kind, account.id, "scopes")]
        ).withAttributes([("Href", path), ("Type", "EnterpriseAccountHierarchyScope")])
    }

    /// A new, running session of a job, named and timed as EM does (`<job>@<yyyy-MM-dd HH:mm:ss>`).
    private func newSession(of job: Job, isRetry: Bool) -> JobSession {
        let time = self.world.makeTime()
        return JobSession(
            kind: job.sessionKind, id: self.world.makeID(), name: "\(job.name)@\(time.nameStamp)", serverID: job.serverID,
            jobID: job.id, jobName: job.name, jobType: job.jobType, creationTimeUTC: time.dateTimeUTC, endTimeUTC: nil,
            state: "Working", result: "None", progress: 0, failureMessage: nil, isRetry: isRetry)
    }

    /// A finished run's `EndTimeUTC`: its creation time plus a minute (same lexical form).
    private static func later(_ creation: String) -> String {
        // `2025-01-01T00:01:00Z`: bump the minute field, carrying into the hour.
        let parts = creation.split(separator: "T")
        guard parts.count == 2 else { return creation }
        let fields = parts[1].dropLast().split(separator: ":").compactMap { Int($0) }
        guard fields.count == 3 else { return creation }
        var minute = fields[1] + 1
        var hour = fields[0]
        if minute == 60 {
            minute = 0
            hour = (hour + 1) % 24
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts[0])T\(two(hour)):\(two(minute)):\(two(fields[2]))Z"
    }

    /// Stops running sessions (`Stopped`, `Failed`, as a session a user stops ends).
    private static func stop(_ ids: [String], in store: inout EntityStore) {
        for id in ids {
            guard var session = store.jobSession(id: id), session.state == "Working" else { continue }
            session.state = "Stopped"
            session.result = "Failed"
            session.failureMessage = "Stopped by user"
            session.endTimeUTC = Self.later(session.creationTimeUTC)
            store.replace(session)
        }
    }

    /// Removes a resource: a job with its objects and links; an object in a job leaves its job's
    /// `Includes` too, and a backup copy job's link its `LinkedJobIncludes` or `LinkedBackupRepositoryIncludes`.
    private static func remove(_ kind: ResourceKind, _ id: String, from store: inout EntityStore) {
        let removed = store.remove(kind, id: id)
        if let job = removed as? Job {
            for object in job.includes { store.remove(.objectInJob, id: object.id) }
            for link in job.links { store.remove(link.kind, id: link.id) }
        }
        if let object = removed as? ObjectInJob, var job = store.job(id: object.jobID) {
            job.includes.removeAll { $0.id == object.id }
            store.replace(job)
        }
        if let link = removed as? BackupCopyLink, var job = store.job(id: link.jobID) {
            job.linkedJobs.removeAll { $0.id == link.id }
            job.linkedRepositories.removeAll { $0.id == link.id }
            store.replace(job)
        }
    }
}
