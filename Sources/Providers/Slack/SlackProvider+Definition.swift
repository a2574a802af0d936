extension SlackProvider {
    /// The registry entry: settings and factory of the `slack` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .chat,
        summary: "Slack messages through chat.postMessage or incoming webhooks, to every connection of a recipient.",
        settings: SettingsSchema([
            SettingsField(
                "bot_token", .secret,
                "The bot token (xoxb-…) for chat.postMessage, where a connection brings no access_token of its own."),
            SettingsField(
                "default_channel", .string(),
                "The channel id to post to when neither the message nor the recipient's channel data names one."),
        ]),
        make: { settings, dependencies in
            SlackProvider(
                configuration: SlackConfiguration(
                    botToken: settings.string("bot_token"), defaultChannel: settings.string("default_channel"),
                    baseURL: settings.baseURL, isSandbox: settings.isSandbox),
                transport: dependencies.transport,
                // Incoming-webhook URLs come from messages and channel data; base_url fixes their origin.
                webhookTransport: settings.baseURL == nil ? dependencies.guardedTransport : dependencies.transport,
                now: dependencies.now
            )
        }
    )
}
