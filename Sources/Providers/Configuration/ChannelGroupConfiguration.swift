/// A channel group from the configuration's `channel_groups` (Knock's `ChannelGroup`): one workflow step
/// that sends through several channels of one type, such as APNs and FCM for push.
///
/// ```json
/// "channel_groups": {
///   "push": {
///     "name": "Push", "channel_type": "push", "operator": "any",
///     "channel_rules": [
///       {"channel_key": "apns", "rule_type": "always"},
///       {"channel_key": "fcm", "rule_type": "if", "variable": "recipient.platform", "operator": "equal_to", "argument": "android"}
///     ]
///   }
/// }
/// ```
///
/// The structure and the channels are validated when the configuration loads; the rules' conditions are
/// parsed by the workflow engine, like channel conditions.
public struct ChannelGroupConfiguration: Sendable, Hashable {
    /// How a channel's rules combine.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// The channel is used when any of its rules holds (the default).
        case any
        /// The channel is used only when every one of its rules holds.
        case all
    }

    /// One rule for one channel of the group.
    public struct Rule: Sendable, Hashable {
        /// When the rule holds.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Always.
            case always
            /// When the condition is true.
            case `if`
            /// When the condition is false.
            case unless
        }

        /// The channel the rule is about.
        public var channelKey: String
        /// When it holds.
        public var kind: Kind
        /// The condition of an `if` or `unless` rule as written: `variable`, `operator` and `argument`.
        public var condition: JSONObject?

        /// Creates a rule.
        public init(channelKey: String, kind: Kind, condition: JSONObject? = nil) {
            self.channelKey = channelKey
            self.kind = kind
            self.condition = condition
        }
    }

    /// The group's key, which workflow steps name as `channel_group_key`.
    public var key: String
    /// Its display name.
    public var name: String
    /// The type of every channel in it.
    public var channelType: ChannelType
    /// How each channel's rules combine.
    public var `operator`: Operator
    /// The rules, in order (by `index` when given, else as written).
    public var rules: [Rule]
    /// The file it is declared in, for error messages.
    public var file: String

    /// Creates a group.
    public init(
        key: String, name: String, channelType: ChannelType, operator: Operator = .any, rules: [Rule],
        file: String = "configuration"
    ) {
        self.key = key
        self.name = name
        self.channelType = channelType
        self.operator = `operator`
        self.rules = rules
        self.file = file
    }

    /// The keys a group accepts.
    public static let keys = ["name", "channel_type", "operator", "channel_rules", "description"]
    /// The keys a rule accepts.
    public static let ruleKeys = ["channel_key", "rule_type", "variable", "operator", "argument", "index"]
    /// `channel_type` values, as Knock writes them, and the channel types they mean.
    public static let channelTypes: [String: ChannelType] = [
        "email": .email, "sms": .sms, "push": .push, "chat": .chat, "in_app_feed": .inAppFeed, "http": .webhook,
        "webhook": .webhook,
    ]
}
