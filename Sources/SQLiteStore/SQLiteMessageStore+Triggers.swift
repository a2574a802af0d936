public import Engine
import Foundation
import Providers

/// Accepted triggers in one transaction per group: each trigger's idempotency key, inline recipients, version
/// snapshot and runs in a savepoint of its own, the group in one commit shared with the other writes
/// waiting at the time (see ``write(isolated:)``), so one disk sync covers them all.
extension SQLiteMessageStore: TriggerStore {
    public nonisolated func accept(_ triggers: [TriggerWrite]) async throws
        -> [Result<TriggerAcceptance, any Error>]
    {
        // JSON bodies are encoded here, on the caller's thread, so the store's thread only binds and steps.
        let encoded = triggers.map(EncodedTrigger.init)
        guard encoded.count != 1 else {
            // One trigger (the intake's call): the group commit gives its write a savepoint of its own.
            do {
                return [.success(try await write { store in try store.store(encoded[0]) })]
            } catch {
                return [.failure(error)]
            }
        }
        return try await write { store in try store.store(encoded) }
    }

    /// Stores the encoded triggers, each in a savepoint of its own, inside the current transaction.
    private func store(_ triggers: [EncodedTrigger]) throws -> [Result<TriggerAcceptance, any Error>] {
        try triggers.map { trigger -> Result<TriggerAcceptance, any Error> in
            do {
                return .success(try connection.savepoint { try store(trigger) })
            } catch {
                // Rolled back to its savepoint: its failure alone. Otherwise the transaction is gone.
                guard connection.isInTransaction else { throw error }
                return .failure(error)
            }
        }
    }

    /// Writes one trigger's rows inside the current savepoint.
    private func store(_ encoded: EncodedTrigger) throws -> TriggerAcceptance {
        let trigger = encoded.trigger
        if let key = trigger.idempotencyKey,
            let existing = try claim(key, workflowRunID: trigger.workflowRunID, now: trigger.now)
        {
            return .replayed(workflowRunID: existing)
        }
        // Stubs (tenants named by id) are created empty if they were missing before the trigger.
        let stubs = try trigger.stubs.filter { try !recipientExists($0, environment: trigger.environment) }
        // Inline recipients in order, each seeing the ones before. Most repeat what is stored, and only touch it.
        for (upsert, properties) in zip(trigger.upserts, encoded.upsertProperties) {
            let touched = try touchUnchanged(
                upsert, encodedProperties: properties, environment: trigger.environment, now: trigger.now)
            if !touched { _ = try applyUpserts([upsert], environment: trigger.environment, now: trigger.now) }
        }
        let created = stubs.map { RecipientUpsert(reference: $0) }
        _ = try applyUpserts(created, environment: trigger.environment, now: trigger.now)
        if let version = trigger.version, let snapshot = encoded.versionSnapshot {
            try saveVersion(workflowKey: version.workflowKey, version: version.version, encodedSnapshot: snapshot)
        }
        for (run, body) in zip(trigger.runs, encoded.runBodies) {
            try insertRow(run, body: body)
        }
        return .stored
    }
}

/// A trigger with its JSON bodies encoded.
private struct EncodedTrigger: Sendable {
    let trigger: TriggerWrite
    let runBodies: [String]
    let versionSnapshot: String?
    /// The properties of each of the trigger's upserts, in ``RecipientRow/encoded(_:)``.
    let upsertProperties: [String]

    init(_ trigger: TriggerWrite) {
        self.trigger = trigger
        upsertProperties = trigger.upserts.map { RecipientRow.encoded($0.properties) }
        runBodies = trigger.runs.map { $0.json.encoded() }
        versionSnapshot = trigger.version?.snapshot.encoded()
    }
}
