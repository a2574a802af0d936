/// A ``TriggerStore`` over a ``WorkflowRunStore`` and a ``RecipientStore`` that are separate objects (the
/// in-memory stores of tests and one-shot tools).
///
/// Each trigger is written with one call per kind of row, in the order the protocol states; the calls
/// cannot share a transaction, so a failure after the idempotency key is claimed leaves the key claimed.
/// Hosts on one database use its own conformance instead (`SQLiteMessageStore`), which is atomic.
public struct SeparateTriggerStore: TriggerStore {
    /// Where runs, idempotency keys and versions go.
    public let runs: any WorkflowRunStore
    /// Where recipients go.
    public let recipients: any RecipientStore

    /// Creates a store.
    ///
    /// - Parameters:
    ///   - runs: Where runs, idempotency keys and workflow versions go.
    ///   - recipients: Where inline recipients go.
    public init(runs: any WorkflowRunStore, recipients: any RecipientStore) {
        self.runs = runs
        self.recipients = recipients
    }

    public func accept(_ triggers: [TriggerWrite]) async throws -> [Result<TriggerAcceptance, any Error>] {
        var results: [Result<TriggerAcceptance, any Error>] = []
        for trigger in triggers {
            do {
                results.append(.success(try await accept(trigger)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    private func accept(_ trigger: TriggerWrite) async throws -> TriggerAcceptance {
        let environment = trigger.environment
        if let key = trigger.idempotencyKey,
            let existing = try await runs.claimIdempotencyKey(
                key, workflowRunID: trigger.workflowRunID, now: trigger.now)
        {
            return .replayed(workflowRunID: existing)
        }
        var upserts = trigger.upserts
        for stub in trigger.stubs where try await recipients.recipient(stub, environment: environment) == nil {
            upserts.append(RecipientUpsert(reference: stub))
        }
        if !upserts.isEmpty { _ = try await recipients.upsert(upserts, environment: environment, now: trigger.now) }
        if let version = trigger.version {
            try await runs.saveVersion(
                workflowKey: version.workflowKey, version: version.version, snapshot: version.snapshot)
        }
        try await runs.insert(trigger.runs)
        return .stored
    }
}
