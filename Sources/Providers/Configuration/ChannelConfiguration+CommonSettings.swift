extension ChannelConfiguration {
    /// The settings every channel accepts in each environment, besides its provider's own.
    ///
    /// They are validated like provider settings, then taken out of ``ChannelSettings/values`` into
    /// ``ChannelSettings/baseURL``, ``ChannelSettings/isSandbox``, ``ChannelSettings/rateLimit``,
    /// ``ChannelSettings/isEnabled``, ``ChannelSettings/concurrency``, ``ChannelSettings/retry`` and
    /// ``ChannelSettings/removesDeadTokens`` and ``ChannelSettings/deliveryLog``. Provider schemas must not declare fields with these names.
    public static let commonSettings = SettingsSchema([
        SettingsField(
            "base_url", .url(httpsInProduction: true),
            "Overrides the provider's API base URL (a sandbox, a local fake); must be https in production."),
        SettingsField(
            "sandbox", .boolean,
            "Uses the provider's test mode, or does not send at all where it has none (default false)."),
        SettingsField(
            "rate_limit",
            .object(
                SettingsSchema([
                    SettingsField("max", .integer(1...Int.max), required: true, "How many messages per period."),
                    SettingsField(
                        "per", .string(oneOf: RateLimit.Period.all.map(\.description)), required: true,
                        "The period: second, minute, hour or day."),
                    SettingsField(
                        "burst", .integer(1...1_000_000),
                        "How many may go at once after a quiet spell (default: the rate per second, at least 1)."),
                ])),
            "How many messages the channel may send per period in this environment."),
        SettingsField(
            "enabled", .boolean,
            "Whether the channel sends in this environment (default true); false keeps its settings but stops sends."),
        SettingsField(
            "concurrency", .integer(1...1000),
            "The most delivery attempts in flight at once on this channel (default 16)."),
        SettingsField(
            "retry",
            .object(
                SettingsSchema([
                    SettingsField(
                        "max_attempts", .integer(1...50), "The most attempts, the first included (default 8)."),
                    SettingsField(
                        "initial_delay_seconds", .integer(1...3600), "The delay before the second attempt (default 20)."
                    ),
                    SettingsField(
                        "max_delay_seconds", .integer(1...86_400), "The longest delay between attempts (default 600)."),
                ])),
            "Overrides the retry policy (default: 8 attempts over about 30 minutes, exponential backoff with jitter)."),
        SettingsField(
            "remove_dead_tokens", .boolean,
            "Whether push tokens the provider reports as dead are removed from the recipient's channel data (default true)."
        ),
        SettingsField(
            "delivery_log", .string(oneOf: DeliveryLogDetail.allCases.map(\.rawValue)),
            "What a delivered attempt's delivery log keeps: full (default) keeps the request and response as sent and "
                + "received, redacted; summary keeps the request line, headers, status and body sizes but not the bodies. "
                + "Failed attempts always keep everything, redacted."
        ),
    ])

    /// The names of ``commonSettings``.
    static var commonSettingNames: Set<String> { Set(commonSettings.fields.map(\.name)) }

    /// Everything a channel of `definition`'s provider accepts in one environment: the common settings, then
    /// the provider's (any provider field named like a common setting is ignored).
    static func environmentSettings(for definition: ProviderDefinition) -> SettingsSchema {
        SettingsSchema(
            commonSettings.fields + definition.settings.fields.filter { !commonSettingNames.contains($0.name) },
            requireOneOf: commonSettings.requireOneOf + definition.settings.requireOneOf)
    }
}
