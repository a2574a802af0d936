import Foundation
import Providers
public import Transport

/// Runs workflows: triggers create one recipient run per recipient; the engine moves each run through its
/// steps, storing it after every step, and wakes runs waiting in delays, batches and fetch retries at their
/// due time on its injected clock.
///
/// ```swift
/// let engine = WorkflowEngine(catalog: catalog, environments: environments, recipients: recipientStore,
///                             messages: messageStore, delivery: pipeline, store: runStore, clock: clock)
/// let result = try await engine.trigger(request, workflowKey: "comment-created", environment: "production")
/// try await engine.run()          // until cancelled; tests call runUntilIdle() instead
/// ```
public actor WorkflowEngine {
    /// The catalog and the environments' settings, shared with ``intake``.
    let settings: WorkflowSettings
    /// Where triggers are accepted, apart from this actor.
    let intake: TriggerIntake
    let recipients: any RecipientStore
    let messages: any MessageStore
    let delivery: any WorkflowDelivery
    let store: any WorkflowRunStore
    let clock: any EngineClock
    let transport: any HTTPTransport
    let makeID: @Sendable () -> String
    /// How long a fetch step's request may take (15 seconds; shorter in tests).
    let fetchTimeout: Duration
    /// Parsed definitions of pinned versions, by `key@version`.
    var definitions: [String: WorkflowDefinition] = [:]
    let wakeUp: WakeSignal

    /// Creates an engine.
    ///
    /// - Parameters:
    ///   - catalog: The workflows.
    ///   - environments: Each environment's time zone, variables, statuses, channels and channel conditions.
    ///   - recipients: Users, objects, tenants, channel data, preferences and subscriptions (object recipients
    ///     fan out to their subscribers when triggered).
    ///   - messages: Where messages are stored (read for message status conditions).
    ///   - delivery: Where rendered messages go (the ``DeliveryPipeline``).
    ///   - store: Where runs live.
    ///   - triggers: Where triggers are stored, all of a trigger's rows at once; by default a
    ///     ``SeparateTriggerStore`` over `store` and `recipients`. A host whose run and recipient stores are one
    ///     database passes that database's atomic conformance.
    ///   - clock: The source of time.
    ///   - transport: The HTTP client fetch steps use.
    ///   - fetchTimeout: How long a fetch request may take before it counts as a timeout.
    ///   - makeID: New workflow run and recipient run ids; by default lower-case time-ordered UUIDs (version
    ///     7) from `clock`, which keep the run store's id index growing at its end.
    public init(
        catalog: WorkflowCatalog, environments: [String: WorkflowEnvironment], recipients: any RecipientStore,
        messages: any MessageStore, delivery: any WorkflowDelivery, store: any WorkflowRunStore,
        triggers: (any TriggerStore)? = nil, clock: any EngineClock, transport: any HTTPTransport,
        fetchTimeout: Duration = .seconds(FetchStep.timeoutSeconds),
        makeID: (@Sendable () -> String)? = nil
    ) {
        self.fetchTimeout = fetchTimeout
        let settings = WorkflowSettings(catalog: catalog, environments: environments)
        let makeID = makeID ?? { [clock] in RandomText.timeOrderedUUID(at: clock.now()) }
        let wakeUp = WakeSignal()
        self.settings = settings
        self.wakeUp = wakeUp
        intake = TriggerIntake(
            settings: settings, store: triggers ?? SeparateTriggerStore(runs: store, recipients: recipients),
            subscriptions: recipients, clock: clock, makeID: makeID, onStored: { wakeUp.signal() })
        self.recipients = recipients
        self.messages = messages
        self.delivery = delivery
        self.store = store
        self.clock = clock
        self.transport = transport
        self.makeID = makeID
    }

    // MARK: - Administration

    /// Replaces the catalog (a reload): new triggers use the new versions; runs in flight keep theirs, and
    /// runs of workflows no longer in the catalog (archived) end when they next resume.
    public func replaceCatalog(_ catalog: WorkflowCatalog) {
        settings.catalog = catalog
    }

    /// Sets a workflow's status in one environment. Deactivating ends its in-progress runs there at once.
    ///
    /// - Returns: How many runs were ended.
    @discardableResult
    public func setActive(_ active: Bool, workflowKey: String, environment: String) async throws -> Int {
        settings.setActive(active, workflowKey: workflowKey, environment: environment)
        guard !active else { return 0 }
        var ended = 0
        var page = PageRequest(size: PageRequest.maximumSize)
        let query = RecipientRunQuery(
            environment: environment, workflowKey: workflowKey, states: ["pending", "waiting", "batched"])
        while true {
            let result = try await store.runs(query, page: page)
            for var run in result.entries {
                try await removeFromBatch(run)
                finish(
                    &run, .halted(reason: "workflow inactive"), ref: "run", type: "run", outcome: "halted",
                    reason: "halted because the workflow was set inactive in environment '\(environment)'")
                try await store.update(run)
                ended += 1
            }
            guard let after = result.after else { break }
            page.after = after
        }
        return ended
    }

    // MARK: - Queries

    /// Recipient runs matching a query, newest first.
    public func recipientRuns(_ query: RecipientRunQuery, page: PageRequest = PageRequest()) async throws -> Page<
        RecipientRun
    > {
        try await store.runs(query, page: page)
    }

    /// A recipient run with its step log, or `nil` (also when it is in another environment).
    public func recipientRun(id: String, environment: String) async throws -> RecipientRun? {
        guard let run = try await store.run(id: id), run.environment == environment else { return nil }
        return run
    }

    // MARK: - Helpers

    /// The workflows (read from the shared settings on every use).
    nonisolated var catalog: WorkflowCatalog { settings.catalog }

    /// Each environment's settings (read from the shared settings on every use).
    nonisolated var environments: [String: WorkflowEnvironment] { settings.environments }

    /// Ends a run with a final state and a log entry.
    func finish(
        _ run: inout RecipientRun, _ state: RunState, ref: String, type: String, outcome: String, reason: String
    ) {
        let now = clock.now()
        run.state = state
        run.stepLog.append(StepLogEntry(at: now, stepRef: ref, stepType: type, outcome: outcome, reason: reason))
        run.updatedAt = now
    }

    /// The definition a run is pinned to.
    func definition(for run: RecipientRun) async throws -> WorkflowDefinition {
        let cacheKey = "\(run.workflowKey)@\(run.version)"
        if let cached = definitions[cacheKey] { return cached }
        if let current = catalog.workflow(run.workflowKey), current.version == run.version {
            definitions[cacheKey] = current
            return current
        }
        guard let snapshot = try await store.version(workflowKey: run.workflowKey, version: run.version) else {
            throw EngineError(.notFound, "workflow '\(run.workflowKey)' version \(run.version) is not stored")
        }
        var parsed = try WorkflowCatalog.parse(snapshot, file: "stored:\(cacheKey)", key: run.workflowKey)
        parsed.version = run.version
        definitions[cacheKey] = parsed
        return parsed
    }
}

/// Where the engine hands rendered messages: the ``DeliveryPipeline`` in a host.
///
/// Implementations must store the message durably before returning, and must reject a second message
/// with the same id (``EngineError/Code/conflict``), which makes a re-run channel step idempotent.
public protocol WorkflowDelivery: Sendable {
    /// Stores a message for delivery.
    func enqueue(_ request: EnqueueRequest) async throws -> MessageRecord
}

extension DeliveryPipeline: WorkflowDelivery {}

/// What a trigger returns.
public struct TriggerResult: Sendable, Hashable {
    /// The workflow run id shared by the trigger's recipient runs.
    public var workflowRunID: String
    /// The recipient runs created, in recipient order, then the runs of subscribers reached through object
    /// subscriptions in fan-out order (empty for a repeated idempotency key).
    public var recipientRunIDs: [String]

    /// Creates a result.
    public init(workflowRunID: String, recipientRunIDs: [String]) {
        self.workflowRunID = workflowRunID
        self.recipientRunIDs = recipientRunIDs
    }
}
