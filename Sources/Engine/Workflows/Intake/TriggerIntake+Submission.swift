import Synchronization

extension TriggerIntake {
    /// Whether the snapshot of a version is known to be stored.
    func isVersionStored(workflowKey: String, version: String) -> Bool {
        storedVersions.withLock { $0.contains("\(workflowKey)@\(version)") }
    }

    /// Stores one trigger and returns once it is durable.
    ///
    /// Each request's trigger goes to the store on its own, from the request's task: the store groups the
    /// triggers that arrive together into one commit (``TriggerStore``), so no task of the intake's stands
    /// between one commit and the next. After a commit that stored the trigger, its workflow version is
    /// known to be stored (later triggers skip the snapshot) and, if it stored runs, the engine is woken.
    func submit(_ write: TriggerWrite) async throws -> TriggerAcceptance {
        let outcomes = try await store.accept([write])
        guard let outcome = outcomes.first else {
            throw EngineError(.storageFailure, "the trigger store returned no result")
        }
        let acceptance = try outcome.get()
        if acceptance == .stored {
            if let version = write.version {
                storedVersions.withLock { _ = $0.insert("\(version.workflowKey)@\(version.version)") }
            }
            if !write.runs.isEmpty { onStored() }
        }
        return acceptance
    }
}
