public import Foundation
public import Providers

/// Where the ``TriggerIntake`` stores accepted triggers: every row of a trigger in one atomic step, and
/// a group of triggers in one durable commit.
///
/// The intake calls ``accept(_:)`` once per trigger, from each request's task, many at a time; a store
/// should let the calls that wait at the same time share one commit (group commit), as `SQLiteStore` does.
///
/// Implementations must, for each trigger of a group, either store all of its rows or none: claim its
/// idempotency key (when it has one), and unless the key was already claimed within
/// ``TriggerRequest/idempotencyKeyLifetime``, apply its recipient upserts, create its missing stub
/// recipients, store its workflow version snapshot (when it carries one) and insert its runs. A trigger
/// that fails must not affect the others of its group, and the triggers of a group are applied in order,
/// so a later one sees an earlier one's idempotency key. The method returns only once every stored
/// trigger is durable (it survives a crash of the process). It must be safe to call from many tasks.
///
/// `SQLiteStore`'s `SQLiteMessageStore` does this in one transaction per group, a savepoint per trigger,
/// the transaction shared with the other writes waiting for the store at the time.
/// ``SeparateTriggerStore`` composes a ``WorkflowRunStore`` and a ``RecipientStore`` for tests and
/// in-memory hosts.
public protocol TriggerStore: Sendable {
    /// Stores a group of triggers, in order.
    ///
    /// - Parameter triggers: The triggers.
    /// - Returns: One result per trigger, in order: how it was stored, or the error that rejected it
    ///   alone (nothing of it is stored then).
    /// - Throws: An error that rejected the whole group (nothing of it is stored).
    func accept(_ triggers: [TriggerWrite]) async throws -> [Result<TriggerAcceptance, any Error>]
}

/// Every row one trigger stores.
public struct TriggerWrite: Sendable {
    /// The environment.
    public var environment: String
    /// The idempotency key, already scoped to the environment and workflow, if any.
    public var idempotencyKey: String?
    /// The workflow run id the trigger answers with (shared by its runs).
    public var workflowRunID: String
    /// Inline recipients, actor and tenant to create or update, validated, in order.
    public var upserts: [RecipientUpsert]
    /// Recipients to create empty when they do not exist (a tenant named by id alone).
    public var stubs: [RecipientReference]
    /// The snapshot of the workflow version the runs are pinned to, when it may not be stored yet.
    public var version: WorkflowVersionSnapshot?
    /// The recipient runs to insert.
    public var runs: [RecipientRun]
    /// When the trigger was accepted.
    public var now: Date

    /// Creates a write.
    public init(
        environment: String, idempotencyKey: String?, workflowRunID: String, upserts: [RecipientUpsert],
        stubs: [RecipientReference], version: WorkflowVersionSnapshot?, runs: [RecipientRun], now: Date
    ) {
        self.environment = environment
        self.idempotencyKey = idempotencyKey
        self.workflowRunID = workflowRunID
        self.upserts = upserts
        self.stubs = stubs
        self.version = version
        self.runs = runs
        self.now = now
    }
}

/// A workflow version's snapshot, which runs pinned to that version are read back from.
public struct WorkflowVersionSnapshot: Sendable {
    /// The workflow key.
    public var workflowKey: String
    /// The version.
    public var version: String
    /// The workflow's JSON.
    public var snapshot: JSONValue

    /// Creates a snapshot.
    public init(workflowKey: String, version: String, snapshot: JSONValue) {
        self.workflowKey = workflowKey
        self.version = version
        self.snapshot = snapshot
    }
}

/// How a trigger was stored.
public enum TriggerAcceptance: Sendable, Hashable {
    /// Every row was stored.
    case stored
    /// Its idempotency key was claimed already, by the trigger with this workflow run id: nothing was stored.
    case replayed(workflowRunID: String)
}
