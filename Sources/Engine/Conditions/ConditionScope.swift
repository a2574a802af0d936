public import Foundation
public import Providers

/// The data a condition is evaluated against: the run's values and the statuses of earlier steps' messages.
public struct ConditionScope: Sendable {
    /// Top-level values by prefix: `recipient`, `actor`, `data`, `tenant`, `vars`, `workflow`, `run`.
    public var values: JSONObject
    /// Step ref → what that step produced, for `refs.<ref>.delivery_status` / `engagement_status`.
    public var refs: [String: StepMessageStatus]
    /// The current time, for `is_timestamp_before_now` and `is_timestamp_on_or_after_now`.
    ///
    /// The engine passes its ``EngineClock``'s time. When `nil`, those two operators evaluate to false.
    public var now: Date?
    /// The audiences the recipient belongs to, for `is_audience_member` / `is_not_audience_member`.
    ///
    /// The engine fills it from ``AudienceStore/audienceKeys(userID:tenant:environment:)`` with the run's tenant,
    /// so it holds only memberships added with that tenant (or without one when the run has none).
    public var audiences: Set<String>

    /// Creates a scope.
    public init(
        values: JSONObject, refs: [String: StepMessageStatus] = [:], now: Date? = nil, audiences: Set<String> = []
    ) {
        self.values = values
        self.refs = refs
        self.now = now
        self.audiences = audiences
    }
}

/// What a step did, as message status conditions see it.
public enum StepMessageStatus: Sendable, Hashable {
    /// The step was skipped and produced no message (Knock's `$message.skipped`).
    case skipped
    /// The messages the step produced, one snapshot each (several for a channel group).
    case messages([MessageStatusSnapshot])
}

/// A message's delivery and engagement statuses at the moment a condition is evaluated.
public struct MessageStatusSnapshot: Sendable, Hashable {
    /// The delivery status.
    public var delivery: DeliveryStatus
    /// The engagement statuses currently set.
    public var engagement: Set<EngagementStatus>

    /// Creates a snapshot.
    public init(delivery: DeliveryStatus, engagement: Set<EngagementStatus> = []) {
        self.delivery = delivery
        self.engagement = engagement
    }

    /// The highest rank among the delivery status and every engagement status (see ``MessageStatusRank``).
    public var highestRank: Int {
        engagement.map(MessageStatusRank.rank(of:)).reduce(MessageStatusRank.rank(of: delivery), max)
    }
}
