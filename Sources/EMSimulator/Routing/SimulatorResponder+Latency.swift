import HTTPTypes
import Hummingbird

extension SimulatorResponder {
    /// Answers a request in the time ``EMLatencyModel`` gives it under `--latency em`: the
    /// request waits for a place at the gate, is answered, and leaves once its modelled time,
    /// counted from the start of service on the simulator's clock, has passed.
    /// - Parameters:
    ///   - route: the route.
    ///   - request: the request.
    ///   - answer: makes the response.
    /// - Returns: the response.
    func modelLatency(_ route: Route, _ request: Request, _ answer: () async -> Response) async -> Response {
        guard self.configuration.latency == .em else { return await answer() }
        let gate = self.configuration.requestGate
        let clock = self.configuration.clock
        await gate.enter()
        let started = clock.now()
        let response = await answer()
        let delay = EMLatencyModel.delay(for: self.work(route, request))
        try? await clock.sleepUntil(started.advanced(by: delay))
        gate.leave()
        return response
    }

    /// What a request asks of EM, for its modelled answer time.
    /// - Parameters:
    ///   - route: the route.
    ///   - request: the request.
    /// - Returns: the work.
    func work(_ route: Route, _ request: Request) -> EMLatencyModel.Work {
        if request.method != .get {
            return route.endpoint == .sessionManager ? .logon : .write
        }
        let query = QueryParameters(request.uri.query)
        let entities = ["entity", "entities"].contains(query["format"]?.lowercased() ?? "")
        let store = self.store
        switch route.endpoint {
        case .report?:
            let kinds: [ResourceKind] = [.backupJobSession, .replicaJobSession, .backupTaskSession, .replicaTaskSession]
            return .report(sessions: kinds.reduce(0) { $0 + store.all($1).count })
        case .query?:
            let kinds = query["type"].flatMap(QueryCatalog.type(named:))?.kinds ?? []
            return .query(scanned: kinds.reduce(0) { $0 + store.all($1).count })
        case .collection(let kind, _)?:
            return .collection(items: store.all(kind).count, entities: entities)
        case .children(let parent, let segment, _, _)?:
            guard let ids = try? self.resolve(route.captures), let id = ids.last else { return .other }
            return .collection(items: store.members(.child(of: parent, id, segment)).count, entities: entities)
        case .filteredList(let path, _)?:
            return .collection(items: store.members(.list(path)).count, entities: entities)
        default:
            return .other
        }
    }
}
