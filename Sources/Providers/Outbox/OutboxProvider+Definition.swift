extension OutboxProvider {
    /// The registry entry: settings and factory of the `outbox` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .webhook,
        summary: "A local outbox that records what would be sent, one JSON line per message, for any channel type.",
        channelTypeSetting: "channel_type",
        settings: SettingsSchema([
            SettingsField(
                "channel_type", .string(oneOf: ChannelType.allCases.map(\.rawValue)), required: true,
                "The channel type the outbox stands in for; the same in every environment of the channel."),
            SettingsField(
                "directory", .string(),
                "The directory `<channel-id>.jsonl` is written to; a relative path is under the data directory (default `outbox`)."
            ),
        ]),
        make: { settings, dependencies in
            OutboxProvider(
                configuration: OutboxConfiguration(settings: settings, dataDirectory: dependencies.dataDirectory))
        }
    )
}
