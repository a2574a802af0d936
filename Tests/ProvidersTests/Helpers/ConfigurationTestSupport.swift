import Foundation
import Providers
import Testing

/// A provider that never sends; configuration tests only need definitions.
struct InertProvider: Provider {
    var id: ProviderID

    func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        throw ProviderError(.internalFailure, provider: id, message: "InertProvider does not send")
    }
}

enum ConfigurationTestSupport {
    /// A definition with an inert factory.
    static func definition(
        _ id: ProviderID, _ channelType: ChannelType, _ summary: String, _ settings: SettingsSchema
    ) -> ProviderDefinition {
        ProviderDefinition(id: id, channelType: channelType, summary: summary, settings: settings) { _, _ in
            InertProvider(id: id)
        }
    }

    /// The webhook provider's settings, as the real adapter declares them (same names and kinds).
    static let webhook = definition(
        "webhook", .webhook, "Sends each message as an HTTP request to your endpoint.",
        SettingsSchema([
            SettingsField("url", .url(), required: true, "The endpoint messages are sent to."),
            SettingsField(
                "method", .string(oneOf: ["GET", "POST", "PUT", "PATCH", "DELETE"]), "The HTTP method (default POST)."),
            SettingsField("headers", .stringMap, "Extra request headers."),
            SettingsField("body", .json, "A request body template (default: the message as JSON)."),
            SettingsField(
                "signing",
                .object(
                    SettingsSchema([
                        SettingsField(
                            "scheme", .string(oneOf: ["knock", "standard_webhooks"]),
                            "The signature scheme (default knock)."),
                        SettingsField("secret", .secret, required: true, "The signing secret."),
                    ])),
                "Signs each request so the endpoint can verify it came from this host."),
        ]))

    /// An email provider exercising every other kind of setting.
    static let postmark = definition(
        "postmark", .email, "Sends email through Postmark.",
        SettingsSchema([
            SettingsField("server_token", .secret, required: true, "The server API token."),
            SettingsField("from", .string(), required: true, "The sender address."),
            SettingsField("message_stream", .string(oneOf: ["outbound", "broadcast"]), "The message stream."),
            SettingsField("track_opens", .boolean, "Whether to track opens."),
            SettingsField("timeout_seconds", .integer(1...120), "The request timeout."),
            SettingsField("tags", .array(.string()), "Tags added to every message."),
            SettingsField("metadata", .stringMap, "Metadata added to every message."),
            SettingsField("template_model", .json, "Extra template data."),
            SettingsField("status_callback", .url(httpsInProduction: false), "Where Postmark posts delivery events."),
            SettingsField(
                "tracking",
                .object(
                    SettingsSchema([
                        SettingsField("opens", .boolean, "Track opens."),
                        SettingsField("links", .string(oneOf: ["None", "HtmlOnly", "HtmlAndText"]), "Track links."),
                    ])),
                "Tracking options."),
        ]))

    /// An SMS provider with a `requireOneOf` group (two ways to authenticate).
    static let twilio = definition(
        "twilio", .sms, "Sends SMS through Twilio.",
        SettingsSchema(
            [
                SettingsField("account_sid", .string(), required: true, "The account SID."),
                SettingsField("auth_token", .secret, "The auth token."),
                SettingsField("api_key_secret", .secret, "An API key secret."),
                SettingsField("from", .string(), required: true, "The sender number."),
            ],
            requireOneOf: [["auth_token", "api_key_secret"]]))

    /// The registry the configuration tests use.
    static let registry: ProviderRegistry = {
        var registry = ProviderRegistry()
        registry.register(webhook)
        registry.register(postmark)
        registry.register(twilio)
        return registry
    }()

    /// The package's root directory.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Loads in-memory files, with `root` as the root file.
    static func load(
        _ files: [String: String], root: String = "delivery-host.json", environment: [String: String] = [:]
    ) throws -> ChannelConfiguration {
        try ChannelConfiguration.load(
            from: root, registry: registry, environmentVariables: environment, fileReader: .inMemory(files))
    }

    /// The issues loading in-memory files produces (failing the test if it loads).
    static func issues(
        _ files: [String: String], root: String = "delivery-host.json", environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [ConfigurationIssue] {
        do {
            _ = try load(files, root: root, environment: environment)
            Issue.record("the configuration loaded", sourceLocation: sourceLocation)
            return []
        } catch let error as ConfigurationError {
            return error.issues
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// A root file with two environments and one channel `mail` whose production settings are `settings`.
    static func root(provider: String = "postmark", settings: String) -> String {
        """
        {
          "environments": {"development": {"production": false}, "production": {"production": true}},
          "channels": {"mail": {"provider": "\(provider)", "environments": {"production": \(settings)}}}
        }
        """
    }

    /// The issue descriptions for ``root(provider:settings:)``.
    static func settingsIssues(
        provider: String = "postmark", _ settings: String, environment: [String: String] = ["TOKEN": "t0k3n"],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String] {
        issues(
            ["delivery-host.json": root(provider: provider, settings: settings)], environment: environment,
            sourceLocation: sourceLocation
        ).map(\.description)
    }
}
