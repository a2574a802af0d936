import Signing

extension APNSProvider {
    /// The registry entry: settings and factory of the `apns` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .push,
        summary: "Apple Push Notification service over HTTP/2 with token (.p8 key) authentication.",
        settings: SettingsSchema([
            SettingsField("team_id", .string(), required: true, "The 10-character Team ID (the provider token's iss)."),
            SettingsField(
                "key_id", .string(), required: true,
                "The 10-character Key ID of the .p8 key (the provider token's kid)."
            ),
            SettingsField(
                "signing_key", .secret, required: true,
                "The .p8 key's PEM text, usually {\"$file\": \"AuthKey_KEYID.p8\"}."),
            SettingsField("bundle_id", .string(), required: true, "The app's bundle id, sent as apns-topic."),
            SettingsField(
                "mutable_content", .boolean,
                "Sets mutable-content: 1 on alerts for the app's notification service extension (default false)."),
        ]),
        make: { settings, dependencies in
            try APNSProvider(
                configuration: try APNSConfiguration(settings: settings),
                transport: dependencies.transport,
                now: dependencies.now
            )
        }
    )
}

extension APNSConfiguration {
    /// Reads validated channel settings; `sandbox: true` selects Apple's development environment.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` if the signing key is not a readable private key.
    init(settings: ChannelSettings) throws {
        let key: PrivateKey
        do {
            key = try PrivateKey(pem: settings.string("signing_key") ?? "")
        } catch {
            throw ProviderError(
                .misconfigured, provider: APNSProvider.providerID,
                message: "signing_key is not a readable private key; give the .p8 file's PEM text (BEGIN PRIVATE KEY)")
        }
        self.init(
            teamID: settings.string("team_id") ?? "",
            keyID: settings.string("key_id") ?? "",
            signingKey: key,
            bundleID: settings.string("bundle_id") ?? "",
            isSandbox: settings.isSandbox,
            baseURL: settings.baseURL,
            mutableContent: settings.bool("mutable_content") ?? false
        )
    }
}
