public import Foundation
public import Providers

/// One recipient's run of a workflow: where it is, what it has done, and the scope it carries.
///
/// A trigger creates one recipient run per recipient, all sharing one ``workflowRunID``. Runs are stored
/// after every step (see ``WorkflowRunStore``), so a run waiting in a delay, a batch or a fetch retry
/// survives a restart.
public struct RecipientRun: Sendable, Hashable {
    /// The recipient run id (a UUID).
    public var id: String
    /// The workflow run id shared by every recipient of the trigger.
    public var workflowRunID: String
    /// The workflow key.
    public var workflowKey: String
    /// The workflow version the run is pinned to (see ``WorkflowDefinition/version``).
    public var version: String
    /// The environment.
    public var environment: String
    /// The recipient.
    public var recipient: RecipientReference
    /// The properties of the subscription the run came from (the scope's `recipient.subscription`), or
    /// `nil` for a run of a recipient listed in the trigger.
    public var subscription: JSONObject?
    /// The actor, if any.
    public var actor: RecipientReference?
    /// The tenant id, if any.
    public var tenant: String?
    /// The run's `data`: the trigger data, after fetch merges and batch combination.
    public var data: JSONObject
    /// The cancellation key given at trigger time.
    public var cancellationKey: String?
    /// Where the run stands.
    public var state: RunState
    /// The next step to run (or the one it waits in).
    public var position: StepPosition
    /// What each step did, oldest first.
    public var stepLog: [StepLogEntry]
    /// The batch variables, once a batch step closed for this run.
    public var batch: BatchVariables?
    /// The messages each channel step produced, by step ref; an empty list when the step was skipped.
    public var messages: [String: [String]]
    /// Attempts made so far by the fetch step the run is in.
    public var fetchAttempts: Int
    /// Whether delay steps are skipped (the trigger's `settings.skip_delay`).
    public var skipsDelays: Bool
    /// When the run was created.
    public var createdAt: Date
    /// When the run last changed.
    public var updatedAt: Date

    /// Creates a run in state ``RunState/pending`` at the first step.
    public init(
        id: String, workflowRunID: String, workflowKey: String, version: String, environment: String,
        recipient: RecipientReference, actor: RecipientReference? = nil, tenant: String? = nil,
        data: JSONObject = JSONObject(), cancellationKey: String? = nil, skipsDelays: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.workflowRunID = workflowRunID
        self.workflowKey = workflowKey
        self.version = version
        self.environment = environment
        self.recipient = recipient
        self.subscription = nil
        self.actor = actor
        self.tenant = tenant
        self.data = data
        self.cancellationKey = cancellationKey
        self.state = .pending
        self.position = .start
        self.stepLog = []
        self.batch = nil
        self.messages = [:]
        self.fetchAttempts = 0
        self.skipsDelays = skipsDelays
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// When the run is next due: now for ``RunState/pending``, the wait's end for ``RunState/waiting(until:)``,
    /// never otherwise (a batched run is moved on by its batch).
    public var dueAt: Date? {
        switch state {
        case .pending: createdAt
        case .waiting(let until): until
        default: nil
        }
    }
}

/// Where a recipient run stands.
public enum RunState: Sendable, Hashable {
    /// Ready to run its next step.
    case pending
    /// Waiting in a delay or before a fetch retry until a time.
    case waiting(until: Date)
    /// Its trigger is an item of an open batch (the batch id).
    case batched(batchID: String)
    /// Every step ran.
    case completed
    /// Stopped on purpose: trigger conditions, a throttle, a terminating branch, the workflow deactivated.
    case halted(reason: String)
    /// Stopped by a failure: a fetch that failed, invalid trigger-workflow data.
    case failed(reason: String)
    /// Cancelled with its cancellation key.
    case cancelled

    /// The state's name: `pending`, `waiting`, `batched`, `completed`, `halted`, `failed` or `cancelled`.
    public var name: String {
        switch self {
        case .pending: "pending"
        case .waiting: "waiting"
        case .batched: "batched"
        case .completed: "completed"
        case .halted: "halted"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    /// Whether the run can still do something (and can be cancelled).
    public var isActive: Bool {
        switch self {
        case .pending, .waiting, .batched: true
        default: false
        }
    }
}

/// The batch variables a run carries past a batch step.
public struct BatchVariables: Sendable, Hashable {
    /// How many items the batch accumulated.
    public var totalActivities: Int
    /// How many distinct actors they had.
    public var totalActors: Int
    /// The rendered items (first or last N, oldest first): each is its trigger data plus `actor` and `recipient`.
    public var activities: [JSONValue]
    /// The distinct actors of the rendered items, as user objects.
    public var actors: [JSONValue]

    /// Creates batch variables.
    public init(totalActivities: Int, totalActors: Int, activities: [JSONValue], actors: [JSONValue]) {
        self.totalActivities = totalActivities
        self.totalActors = totalActors
        self.activities = activities
        self.actors = actors
    }
}

/// One entry of a run's step log.
public struct StepLogEntry: Sendable, Hashable {
    /// When it happened.
    public var at: Date
    /// The step's ref (`trigger` for trigger conditions, `run` for run-level events).
    public var stepRef: String
    /// The step's type.
    public var stepType: String
    /// What happened: `executed`, `skipped`, `waiting`, `batched`, `halted`, `failed`, `cancelled`, `retrying`.
    public var outcome: String
    /// Why, in words, such as `skipped because the recipient has no email`.
    public var reason: String?
    /// Details: condition evaluations, fetch exchanges, message ids, resolved windows.
    public var details: JSONObject

    /// Creates an entry.
    public init(
        at: Date, stepRef: String, stepType: String, outcome: String, reason: String? = nil,
        details: JSONObject = JSONObject()
    ) {
        self.at = at
        self.stepRef = stepRef
        self.stepType = stepType
        self.outcome = outcome
        self.reason = reason
        self.details = details
    }
}
