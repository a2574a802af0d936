extension PostmarkProvider {
    /// The registry entry: settings and factory of the `postmark` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .email,
        summary: "Email through Postmark's /email API; Delivery and Bounce webhooks with HTTP Basic credentials.",
        settings: SettingsSchema([
            SettingsField(
                "server_token", .secret, required: true,
                "The server API token (X-Postmark-Server-Token). In sandbox mode POSTMARK_API_TEST is sent instead."),
            SettingsField("from", .string(), "The default sender, such as \"Acme <hello@acme.example>\"."),
            SettingsField("message_stream", .string(), "The message stream (default outbound)."),
            SettingsField("track_opens", .boolean, "Track opens (default: the server's setting)."),
            SettingsField(
                "track_links", .string(oneOf: PostmarkConfiguration.trackLinksModes),
                "Track links (default: the server's setting)."),
            SettingsField(
                "webhook_username", .string(),
                "The user name Postmark's webhooks must present (embed it in the webhook URL)."),
            SettingsField(
                "webhook_password", .secret,
                "The password Postmark's webhooks must present; without both, callbacks are refused."),
        ]),
        make: { settings, dependencies in
            PostmarkProvider(
                configuration: try PostmarkConfiguration(settings: settings),
                transport: dependencies.transport,
                now: dependencies.now
            )
        }
    )
}

extension PostmarkConfiguration {
    /// Reads validated channel settings.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` if only one of `webhook_username` and
    ///   `webhook_password` is set, or the user name contains `:`.
    init(settings: ChannelSettings) throws {
        var credentials: WebhookCredentials?
        switch (settings.string("webhook_username"), settings.string("webhook_password")) {
        case (let username?, _) where username.contains(":"):
            throw ProviderError(
                .misconfigured, provider: PostmarkProvider.providerID,
                message: "webhook_username must not contain ':' (HTTP Basic separates user and password with it)")
        case (let username?, let password?):
            credentials = WebhookCredentials(username: username, password: password)
        case (nil, nil):
            credentials = nil
        default:
            throw ProviderError(
                .misconfigured, provider: PostmarkProvider.providerID,
                message: "set both webhook_username and webhook_password, or neither")
        }
        self.init(
            serverToken: settings.string("server_token") ?? "",
            from: settings.string("from"),
            messageStream: settings.string("message_stream") ?? "outbound",
            trackOpens: settings.bool("track_opens"),
            trackLinks: settings.string("track_links"),
            webhookCredentials: credentials,
            baseURL: settings.baseURL,
            isSandbox: settings.isSandbox
        )
    }
}
