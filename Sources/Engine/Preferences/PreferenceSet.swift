public import Providers

/// A recipient's preference set (Knock's `PreferenceSet`): which channel types, channels, workflows and
/// categories the recipient opted out of, possibly under conditions.
///
/// ```json
/// {"channel_types": {"email": true, "sms": {"conditions": [...]}},
///  "workflows": {"new-comment": {"channel_types": {"email": false}}},
///  "categories": {"marketing": false}}
/// ```
///
/// Every applicable preference must allow a message; an unset preference allows (see
/// ``decision(workflowKey:categories:channelType:channelID:scope:commercial:)``).
public struct PreferenceSet: Sendable, Hashable {
    /// The set's id; a recipient's main set is `"default"`.
    public var id: String
    /// Channel type name (`email`, `sms`, `push`, `chat`, `http`, `in_app_feed`) → setting.
    public var channelTypes: [String: PreferenceSetting]
    /// Channel id → setting; takes precedence over the channel's type.
    public var channels: [String: PreferenceSetting]
    /// Workflow key → preference.
    public var workflows: [String: WorkflowPreference]
    /// Workflow category (case-sensitive) → preference.
    public var categories: [String: WorkflowPreference]
    /// Whether commercial workflows may notify the recipient; `nil` when unset.
    public var commercialSubscribed: PreferenceSetting?

    /// Creates a set; everything unset by default.
    public init(
        id: String = "default", channelTypes: [String: PreferenceSetting] = [:],
        channels: [String: PreferenceSetting] = [:], workflows: [String: WorkflowPreference] = [:],
        categories: [String: WorkflowPreference] = [:], commercialSubscribed: PreferenceSetting? = nil
    ) {
        self.id = id
        self.channelTypes = channelTypes
        self.channels = channels
        self.workflows = workflows
        self.categories = categories
        self.commercialSubscribed = commercialSubscribed
    }

    /// The preference key used for a channel type: Knock calls webhook channels `http`.
    public static func key(for channelType: ChannelType) -> String {
        channelType == .webhook ? "http" : channelType.rawValue
    }
}

/// One preference: on, off, or on while its conditions hold.
public enum PreferenceSetting: Sendable, Hashable {
    /// Explicitly allowed (`true`) or opted out (`false`).
    case enabled(Bool)
    /// Allowed only while the conditions pass (`{"conditions": [...]}`; all must hold).
    case conditions(ConditionGroup)
}

/// A workflow's or category's preference: on/off, or finer settings.
public enum WorkflowPreference: Sendable, Hashable {
    /// Explicitly allowed (`true`) or opted out (`false`).
    case enabled(Bool)
    /// Per-channel settings and conditions for the workflow or category.
    case settings(WorkflowPreferenceSettings)
}

/// The object form of a workflow or category preference.
public struct WorkflowPreferenceSettings: Sendable, Hashable {
    /// Channel type name → setting, for this workflow or category only.
    public var channelTypes: [String: PreferenceSetting]
    /// Channel id → setting, for this workflow or category only; takes precedence over `channelTypes`.
    public var channels: [String: PreferenceSetting]
    /// Conditions that must hold for the workflow or category to notify; `nil` when none.
    public var conditions: ConditionGroup?

    /// Creates settings.
    public init(
        channelTypes: [String: PreferenceSetting] = [:], channels: [String: PreferenceSetting] = [:],
        conditions: ConditionGroup? = nil
    ) {
        self.channelTypes = channelTypes
        self.channels = channels
        self.conditions = conditions
    }
}
