extension FCMProvider {
    /// The registry entry: settings and factory of the `fcm` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .push,
        summary: "Firebase Cloud Messaging HTTP v1 API with a service account (OAuth 2.0).",
        settings: SettingsSchema([
            SettingsField(
                "service_account", .secret, required: true,
                "The whole service-account key file (JSON), usually {\"$file\": \"firebase-service-account.json\"}."),
            SettingsField(
                "project_id", .string(), "The Firebase project id (default: the service account's project_id)."),
            SettingsField(
                "token_url", .url(),
                "Replaces the OAuth token endpoint (default: the service account's token_uri); for local fakes."),
        ]),
        make: { settings, dependencies in
            try FCMProvider(
                configuration: try FCMConfiguration(settings: settings),
                transport: dependencies.transport,
                now: dependencies.now
            )
        }
    )
}

extension FCMConfiguration {
    /// Reads validated channel settings; `sandbox: true` sends with `validate_only: true`.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` if the service account file is not usable.
    init(settings: ChannelSettings) throws {
        self.init(
            serviceAccount: try FCMServiceAccount(json: settings.string("service_account") ?? ""),
            projectID: settings.string("project_id"),
            baseURL: settings.baseURL,
            tokenURL: settings.string("token_url"),
            validateOnly: settings.isSandbox
        )
    }
}
