/// One step of a workflow: a channel step or a function step, with its `ref` and step conditions.
public struct WorkflowStep: Sendable {
    /// The reference, unique in the workflow (such as `email_1`); message status conditions name it.
    public var ref: String
    /// The display name.
    public var name: String?
    /// Step conditions: when false the step is skipped (branch steps have none).
    public var conditions: ConditionGroup?
    /// What the step does.
    public var kind: Kind

    /// Creates a step.
    public init(ref: String, name: String? = nil, conditions: ConditionGroup? = nil, kind: Kind) {
        self.ref = ref
        self.name = name
        self.conditions = conditions
        self.kind = kind
    }

    /// What a step does.
    public enum Kind: Sendable {
        /// Renders a template and hands the message to a channel.
        case channel(ChannelStep)
        /// Waits.
        case delay(DelayStep)
        /// Collects triggers for the same recipient into one.
        case batch(BatchStep)
        /// Chooses the first branch whose conditions hold.
        case branch(BranchStep)
        /// Halts the run over a threshold of executions in a window.
        case throttle(ThrottleStep)
        /// Makes an HTTP request and merges the response into `data`.
        case fetch(FetchStep)
        /// Triggers another workflow.
        case triggerWorkflow(TriggerWorkflowStep)
    }

    /// The step type as written in workflow files: `channel`, `delay`, `batch`, `branch`, `throttle`,
    /// `http_fetch` or `trigger_workflow`.
    public var typeName: String {
        switch kind {
        case .channel: "channel"
        case .delay: "delay"
        case .batch: "batch"
        case .branch: "branch"
        case .throttle: "throttle"
        case .fetch: "http_fetch"
        case .triggerWorkflow: "trigger_workflow"
        }
    }
}

/// A delay: a fixed interval, a dynamic period read from the run scope, or a time relative to a timestamp.
public struct DelayStep: Sendable {
    /// The fixed interval (`delay_for`); with ``untilPath``, the offset from the timestamp.
    public var interval: WindowDuration?
    /// The scope path (`data.x`, `recipient.x`, `vars.x`…) of a timestamp, duration or window rule
    /// (`delay_until_field_path`).
    public var untilPath: String?
    /// With both an interval and a path: whether to wait until the interval before or after the timestamp.
    public var relation: Relation

    /// Before or after a timestamp.
    public enum Relation: String, Sendable {
        case before, after
    }

    /// Creates a delay.
    public init(interval: WindowDuration?, untilPath: String?, relation: Relation = .after) {
        self.interval = interval
        self.untilPath = untilPath
        self.relation = relation
    }

    /// The longest delay: 365 days.
    public static let maximumSeconds = 365 * 86_400
}

/// A batch: triggers for the same recipient, workflow and batch key within a window become one.
public struct BatchStep: Sendable {
    /// The `data` path whose value splits batches further (`batch_key`).
    public var key: String?
    /// The fixed window (`batch_window`).
    public var window: WindowDuration?
    /// A scope path to a dynamic window: timestamp, duration or window rule (`batch_until_field_path`).
    public var windowPath: String?
    /// Whether each new item moves the close time to now + window (capped by ``extensionLimit``).
    public var isSliding: Bool
    /// The longest a sliding window may stay open from its opening (`batch_window_extension_limit`).
    public var extensionLimit: WindowDuration?
    /// The batch closes when this many items have arrived (2 to 1000).
    public var maximumItems: Int?
    /// How many items `activities` holds (2 to 100, default 10).
    public var renderLimit: Int
    /// Whether `activities` holds the first items (`asc`, the default) or the last (`desc`).
    public var keepsLast: Bool
    /// Whether the first item continues at once and the rest are batched (`flush_leading`).
    public var flushesLeadingItem: Bool

    /// Creates a batch step.
    public init(
        key: String? = nil, window: WindowDuration? = nil, windowPath: String? = nil, isSliding: Bool = false,
        extensionLimit: WindowDuration? = nil, maximumItems: Int? = nil, renderLimit: Int = 10,
        keepsLast: Bool = false, flushesLeadingItem: Bool = false
    ) {
        self.key = key
        self.window = window
        self.windowPath = windowPath
        self.isSliding = isSliding
        self.extensionLimit = extensionLimit
        self.maximumItems = maximumItems
        self.renderLimit = renderLimit
        self.keepsLast = keepsLast
        self.flushesLeadingItem = flushesLeadingItem
    }
}

/// A branch step: ordered branches, the last of which is the default (it has no conditions).
public struct BranchStep: Sendable {
    /// The branches, in evaluation order; the last one is the default.
    public var branches: [Branch]

    /// One branch.
    public struct Branch: Sendable {
        /// The display name.
        public var name: String?
        /// The conditions; `nil` only on the default branch.
        public var conditions: ConditionGroup?
        /// The steps run when the branch is chosen.
        public var steps: [WorkflowStep]
        /// Whether the run ends after the branch's steps.
        public var terminates: Bool

        /// Creates a branch.
        public init(name: String?, conditions: ConditionGroup?, steps: [WorkflowStep], terminates: Bool) {
            self.name = name
            self.conditions = conditions
            self.steps = steps
            self.terminates = terminates
        }
    }

    /// Creates a branch step.
    public init(branches: [Branch]) {
        self.branches = branches
    }

    /// The most branches per step, the default included.
    public static let maximumBranches = 10
    /// The deepest nesting of branch steps.
    public static let maximumDepth = 5
}

/// A throttle: at most ``limit`` executions per window for the step, recipient and optional key.
public struct ThrottleStep: Sendable {
    /// The `data` path whose value keys the throttle further (`throttle_key`).
    public var key: String?
    /// Executions allowed per window (`throttle_limit`, default 1).
    public var limit: Int
    /// The fixed window (`throttle_window`).
    public var window: WindowDuration?
    /// A scope path to a dynamic window (`throttle_window_field_path`).
    public var windowPath: String?

    /// Creates a throttle.
    public init(key: String? = nil, limit: Int = 1, window: WindowDuration? = nil, windowPath: String? = nil) {
        self.key = key
        self.limit = limit
        self.window = window
        self.windowPath = windowPath
    }

    /// The longest window: 31 days.
    public static let maximumSeconds = 31 * 86_400
}
