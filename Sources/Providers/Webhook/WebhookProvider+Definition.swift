import Signing

extension WebhookProvider {
    /// The registry entry: settings and factory of the `webhook` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .webhook,
        summary: "Outbound HTTP webhooks, optionally signed (Knock style or Standard Webhooks).",
        settings: SettingsSchema([
            SettingsField(
                "url", .url(), "The endpoint; a message may override it. Production environments accept https only."),
            SettingsField("method", .string(oneOf: WebhookConfiguration.methods), "The HTTP method (default POST)."),
            SettingsField("headers", .stringMap, "Headers sent with every request."),
            SettingsField("body", .json, "The JSON body; a message may override it."),
            SettingsField(
                "signing",
                .object(
                    SettingsSchema([
                        SettingsField(
                            "scheme", .string(oneOf: ["knock", "standard_webhooks"]), required: true,
                            "knock: x-webhook-signature t=<ms>,s=<base64>; standard_webhooks: webhook-id/-timestamp/-signature."
                        ),
                        SettingsField(
                            "secret", .secret, required: true,
                            "The signing secret; for standard_webhooks a whsec_ secret."),
                        SettingsField(
                            "header", .string(oneOf: ["x-webhook-signature", "x-knock-signature"]),
                            "The knock scheme's header: x-webhook-signature (default; the webhook channel) or x-knock-signature (outbound status webhooks)."
                        ),
                    ])),
                "Request signing."),
            SettingsField("timeout_seconds", .integer(1...120), "How long to wait for a response (default 50)."),
        ]),
        make: { settings, dependencies in
            // Messages (workflow templates, API callers) may choose the URL, so requests are guarded, unless
            // the operator's base_url fixes every request's origin (a local fake).
            WebhookProvider(
                configuration: try WebhookConfiguration(settings: settings),
                transport: settings.baseURL == nil ? dependencies.guardedTransport : dependencies.transport,
                now: dependencies.now
            )
        }
    )
}

extension WebhookConfiguration {
    /// Reads validated channel settings.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` if the signing secret is not usable.
    init(settings: ChannelSettings) throws {
        var signing: Signing?
        if let object = settings.values["signing"], let secret = object["secret"]?.stringValue {
            switch object["scheme"]?.stringValue {
            case "standard_webhooks":
                do {
                    signing = .standardWebhooks(StandardWebhookSignature(secret: try StandardWebhookSecret(secret)))
                } catch {
                    throw ProviderError(
                        .misconfigured, provider: WebhookProvider.providerID,
                        message: "signing.secret is not a Standard Webhooks secret (whsec_ followed by base64)")
                }
            default:
                signing = .knock(
                    KnockWebhookSignature(secret: secret),
                    header: object["header"]?.stringValue ?? "x-webhook-signature")
            }
        }
        self.init(
            url: settings.string("url"),
            baseURL: settings.baseURL,
            method: settings.string("method") ?? "POST",
            headers: settings.stringMap("headers").map { (name: $0.0, value: $0.1) },
            body: settings.values["body"],
            signing: signing,
            timeout: .seconds(settings.int("timeout_seconds") ?? 50),
            requiresHTTPS: settings.isProduction,
            isSandbox: settings.isSandbox
        )
    }
}
