public import Providers

/// Whether a recipient's preferences allow a message, and why.
public struct PreferenceDecision: Sendable, Hashable {
    /// Whether the message may be sent.
    public var allowed: Bool
    /// A readable reason: `no preference opts out`, or `opted out by <preference>` (see ``optedOutBy``).
    public var reason: String
    /// The first preference that opted out, as a path in the set: `workflows.new-comment`,
    /// `categories.marketing.channel_types.email`, `channels.<id>`, `channel_types.sms.conditions`,
    /// `commercial_subscribed`; `nil` when allowed.
    public var optedOutBy: String?
    /// Every applicable preference, in the order checked.
    public var checks: [PreferenceCheck]

    /// Creates a decision from its checks.
    public init(checks: [PreferenceCheck]) {
        self.checks = checks
        let failed = checks.first { !$0.allowed }
        self.allowed = failed == nil
        self.optedOutBy = failed?.preference
        self.reason = failed.map { "opted out by \($0.preference)" } ?? "no preference opts out"
    }

    /// The step-log form: `allowed`, `reason`, `opted_out_by` and `preferences` (each check).
    public var json: JSONValue {
        [
            "allowed": .bool(allowed), "reason": .string(reason),
            "opted_out_by": optedOutBy.map(JSONValue.string) ?? .null,
            "preferences": .array(checks.map(\.json)),
        ]
    }
}

/// One applicable preference and its verdict.
public struct PreferenceCheck: Sendable, Hashable {
    /// The preference's path in the set, e.g. `workflows.new-comment.channel_types.email`.
    public var preference: String
    /// Whether it allows the message.
    public var allowed: Bool
    /// The condition evaluation, for preferences with conditions.
    public var conditions: ConditionEvaluation?

    /// Creates a check.
    public init(preference: String, allowed: Bool, conditions: ConditionEvaluation? = nil) {
        self.preference = preference
        self.allowed = allowed
        self.conditions = conditions
    }

    /// `{"preference": ..., "allowed": ..., "conditions": <evaluation>}` (conditions only when present).
    public var json: JSONValue {
        var object: JSONObject = ["preference": .string(preference), "allowed": .bool(allowed)]
        if let conditions { object["conditions"] = conditions.json }
        return .object(object)
    }
}
