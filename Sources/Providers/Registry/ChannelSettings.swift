/// A channel's validated settings in one environment, with secrets resolved.
public struct ChannelSettings: Sendable, Hashable {
    /// The channel's stable id, the same in every environment.
    public var channelID: String
    /// The provider's name.
    public var provider: ProviderID
    /// The environment, such as `production`.
    public var environment: String
    /// Whether the environment is a production one (stricter URL rules).
    public var isProduction: Bool
    /// Overrides the provider's API base URL (sandboxes, local fakes, fixtures).
    public var baseURL: String?
    /// In sandbox mode the provider uses its test mode, or does not send at all where it has none.
    public var isSandbox: Bool
    /// How many messages the channel may send per period in this environment; `nil` for no limit.
    public var rateLimit: RateLimit?
    /// Whether the channel sends in this environment; a disabled channel keeps its settings but sends nothing.
    public var isEnabled: Bool
    /// The most delivery attempts in flight at once on this channel; `nil` for the default (16).
    public var concurrency: Int?
    /// Overrides of the retry policy; `nil` for the default.
    public var retry: RetrySettings?
    /// Whether push tokens reported dead are removed from the recipient's channel data.
    public var removesDeadTokens: Bool
    /// How much of a delivered attempt's HTTP exchanges its delivery log keeps (failed attempts keep all).
    public var deliveryLog: DeliveryLogDetail
    /// The provider-specific settings, validated against its ``SettingsSchema``, secrets resolved.
    public var values: JSONObject
    /// Every resolved secret value, so that logs, errors and fixtures can redact them.
    public var secrets: [String]

    /// Creates settings.
    public init(
        channelID: String,
        provider: ProviderID,
        environment: String,
        isProduction: Bool = false,
        baseURL: String? = nil,
        isSandbox: Bool = false,
        rateLimit: RateLimit? = nil,
        concurrency: Int? = nil,
        retry: RetrySettings? = nil,
        removesDeadTokens: Bool = true,
        isEnabled: Bool = true,
        deliveryLog: DeliveryLogDetail = .default,
        values: JSONObject = JSONObject(),
        secrets: [String] = []
    ) {
        self.channelID = channelID
        self.provider = provider
        self.environment = environment
        self.isProduction = isProduction
        self.baseURL = baseURL
        self.isSandbox = isSandbox
        self.rateLimit = rateLimit
        self.isEnabled = isEnabled
        self.concurrency = concurrency
        self.retry = retry
        self.removesDeadTokens = removesDeadTokens
        self.deliveryLog = deliveryLog
        self.values = values
        self.secrets = secrets
    }

    /// A string setting.
    public func string(_ name: String) -> String? { values[name]?.stringValue }

    /// An integer setting.
    public func int(_ name: String) -> Int? { values[name]?.intValue }

    /// A Boolean setting.
    public func bool(_ name: String) -> Bool? { values[name]?.boolValue }

    /// A string-map setting.
    public func stringMap(_ name: String) -> [(String, String)] {
        values[name]?.objectValue?.members.compactMap { member in member.value.stringValue.map { (member.key, $0) } }
            ?? []
    }
}
