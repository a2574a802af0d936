public import Foundation
public import Providers

/// Durable storage of recipient runs, open batches, throttle windows, idempotency keys and the workflow
/// versions runs are pinned to.
///
/// Implementations must make each method atomic and durable before it returns (a crash after a call
/// returns must not lose its effect), and must be safe to call from many tasks at once. One
/// ``WorkflowEngine`` drives a store at a time. The implementations are ``InMemoryWorkflowRunStore`` and
/// `SQLiteStore`'s `SQLiteWorkflowRunStore`.
public protocol WorkflowRunStore: Sendable {
    /// Stores new runs, all or none.
    func insert(_ runs: [RecipientRun]) async throws
    /// Replaces a stored run.
    ///
    /// - Throws: ``EngineError/Code/notFound`` if it does not exist.
    func update(_ run: RecipientRun) async throws
    /// The run with that id, or `nil`.
    func run(id: String) async throws -> RecipientRun?
    /// Runs matching a query, newest first.
    func runs(_ query: RecipientRunQuery, page: PageRequest) async throws -> Page<RecipientRun>
    /// Up to `limit` runs due at `now`: pending, or waiting until `now` or earlier; oldest due first.
    func dueRuns(now: Date, limit: Int) async throws -> [RecipientRun]
    /// The earliest time a waiting run or an open batch falls due, or `nil`.
    func nextDueDate() async throws -> Date?

    /// The open batch with a key, or `nil`.
    func openBatch(key: String) async throws -> BatchRecord?
    /// The batch with an id, or `nil`.
    func batch(id: String) async throws -> BatchRecord?
    /// Stores (inserts or replaces) a batch.
    func save(_ batch: BatchRecord) async throws
    /// Removes a closed batch.
    func deleteBatch(id: String) async throws
    /// Open batches whose close time is at or before `now`.
    func dueBatches(now: Date) async throws -> [BatchRecord]

    /// The throttle window with a key, or `nil`.
    func throttleWindow(key: String) async throws -> ThrottleWindow?
    /// Stores (inserts or replaces) a throttle window.
    func save(_ window: ThrottleWindow) async throws

    /// Records `workflowRunID` under an idempotency key unless the key is taken.
    ///
    /// A key recorded more than ``TriggerRequest/idempotencyKeyLifetime`` before `now` has expired: it is
    /// recorded anew.
    ///
    /// - Returns: The workflow run id already recorded under the key, or `nil` if this call recorded it.
    func claimIdempotencyKey(_ key: String, workflowRunID: String, now: Date) async throws -> String?

    /// Stores a workflow version's snapshot (idempotent).
    func saveVersion(workflowKey: String, version: String, snapshot: JSONValue) async throws
    /// A stored workflow version's snapshot, or `nil`.
    func version(workflowKey: String, version: String) async throws -> JSONValue?
}

/// Which recipient runs to list.
public struct RecipientRunQuery: Sendable, Hashable {
    /// The environment.
    public var environment: String
    /// Only runs of this workflow.
    public var workflowKey: String?
    /// Only runs of this trigger.
    public var workflowRunID: String?
    /// Only runs for this recipient.
    public var recipient: RecipientReference?
    /// Only runs in these states (by ``RunState/name``).
    public var states: Set<String>?
    /// Only runs with this cancellation key.
    public var cancellationKey: String?

    /// Creates a query.
    public init(
        environment: String, workflowKey: String? = nil, workflowRunID: String? = nil,
        recipient: RecipientReference? = nil, states: Set<String>? = nil, cancellationKey: String? = nil
    ) {
        self.environment = environment
        self.workflowKey = workflowKey
        self.workflowRunID = workflowRunID
        self.recipient = recipient
        self.states = states
        self.cancellationKey = cancellationKey
    }

    /// Whether a run matches.
    public func matches(_ run: RecipientRun) -> Bool {
        run.environment == environment && (workflowKey.map { $0 == run.workflowKey } ?? true)
            && (workflowRunID.map { $0 == run.workflowRunID } ?? true)
            && (recipient.map { $0 == run.recipient } ?? true) && (states.map { $0.contains(run.state.name) } ?? true)
            && (cancellationKey.map { $0 == run.cancellationKey } ?? true)
    }
}

/// An open batch: its window and its items.
public struct BatchRecord: Sendable, Hashable {
    /// The batch id.
    public var id: String
    /// The key: environment, workflow, step, recipient and batch key value.
    public var key: String
    /// When the first item opened it.
    public var openedAt: Date
    /// When it closes.
    public var closesAt: Date
    /// The items, oldest first; a cancelled run's item is removed.
    public var items: [BatchItem]
    /// How many items ever arrived (a flushed leading item included); closes the batch at the maximum.
    public var arrivals: Int

    /// Creates a batch.
    public init(id: String, key: String, openedAt: Date, closesAt: Date, items: [BatchItem] = [], arrivals: Int = 0) {
        self.id = id
        self.key = key
        self.openedAt = openedAt
        self.closesAt = closesAt
        self.items = items
        self.arrivals = arrivals
    }
}

/// One trigger in a batch.
public struct BatchItem: Sendable, Hashable {
    /// The recipient run it belongs to.
    public var runID: String
    /// Its trigger data.
    public var data: JSONObject
    /// Its actor, as a JSON user or object (`null` when none).
    public var actor: JSONValue
    /// Its actor's id, to count distinct actors.
    public var actorID: String?
    /// When it arrived.
    public var at: Date

    /// Creates an item.
    public init(runID: String, data: JSONObject, actor: JSONValue, actorID: String?, at: Date) {
        self.runID = runID
        self.data = data
        self.actor = actor
        self.actorID = actorID
        self.at = at
    }
}

/// A throttle window: when it opened, when it closes, and how many executions it has seen.
public struct ThrottleWindow: Sendable, Hashable {
    /// The key: environment, workflow, step, recipient and throttle key value.
    public var key: String
    /// When the first execution opened it.
    public var openedAt: Date
    /// When it closes.
    public var closesAt: Date
    /// Executions that passed in the window.
    public var count: Int

    /// Creates a window.
    public init(key: String, openedAt: Date, closesAt: Date, count: Int) {
        self.key = key
        self.openedAt = openedAt
        self.closesAt = closesAt
        self.count = count
    }
}
