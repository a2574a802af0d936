import Synchronization

extension TriggerIntake {
    /// Triggers waiting for the next group commit, and what the intake remembers between commits.
    struct Queue {
        /// Writes waiting for the next group, in arrival order.
        var pending: [Pending] = []
        /// Whether a flush task is running (it takes every pending write before it ends).
        var isFlushing = false
        /// `key@version` of the workflow versions known to be stored: later triggers skip the snapshot.
        var storedVersions: Set<String> = []
        /// How many groups were handed to the store (for tests and metrics).
        var groups = 0
    }

    /// One trigger waiting for its commit.
    struct Pending {
        let write: TriggerWrite
        let continuation: CheckedContinuation<TriggerAcceptance, any Error>
    }

    /// How many triggers wait for the next group (for tests).
    var queuedCount: Int { queue.withLock { $0.pending.count } }

    /// How many groups were handed to the store so far (for tests).
    var groupCount: Int { queue.withLock { $0.groups } }

    /// Whether the snapshot of a version is known to be stored.
    func isVersionStored(workflowKey: String, version: String) -> Bool {
        queue.withLock { $0.storedVersions.contains("\(workflowKey)@\(version)") }
    }

    /// Queues a write for the next group commit and returns once that commit has ended.
    ///
    /// The first write that finds no flush running starts one; the flush takes every write queued at that
    /// moment as one group, and when the store returns takes the writes that queued meanwhile, until none
    /// is left. So under load each group holds the triggers that arrived during the previous commit, and a
    /// trigger alone is committed at once.
    func submit(_ write: TriggerWrite) async throws -> TriggerAcceptance {
        try await withCheckedThrowingContinuation { continuation in
            let startsFlush = queue.withLock { queue in
                queue.pending.append(Pending(write: write, continuation: continuation))
                guard !queue.isFlushing else { return false }
                queue.isFlushing = true
                return true
            }
            if startsFlush {
                // Never below a request's priority, even when a background run's trigger step starts it:
                // requests queued behind this flush must not wait at the run loop's priority.
                Task(priority: max(Task.currentPriority, .medium)) { await self.flush() }
            }
        }
    }

    /// Hands the queued writes to the store, group after group, until the queue is empty.
    private func flush() async {
        while let group = nextGroup() {
            let outcomes: [Result<TriggerAcceptance, any Error>]
            do {
                outcomes = try await store.accept(group.map(\.write))
            } catch {
                outcomes = Array(repeating: .failure(error), count: group.count)
            }
            var storedRuns = false
            var versions: [String] = []
            for (pending, outcome) in zip(group, outcomes) where (try? outcome.get()) == .stored {
                storedRuns = storedRuns || !pending.write.runs.isEmpty
                if let version = pending.write.version { versions.append("\(version.workflowKey)@\(version.version)") }
            }
            if !versions.isEmpty { queue.withLock { $0.storedVersions.formUnion(versions) } }
            if storedRuns { onStored() }
            for (index, pending) in group.enumerated() {
                pending.continuation.resume(
                    with: index < outcomes.count
                        ? outcomes[index]
                        : .failure(EngineError(.storageFailure, "the trigger store returned too few results")))
            }
        }
    }

    /// Takes every queued write, or ends the flush when there is none.
    private func nextGroup() -> [Pending]? {
        queue.withLock { queue in
            guard !queue.pending.isEmpty else {
                queue.isFlushing = false
                return nil
            }
            queue.groups += 1
            defer { queue.pending = [] }
            return queue.pending
        }
    }
}
