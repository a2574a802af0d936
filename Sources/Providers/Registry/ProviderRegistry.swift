/// The providers this host can build, by name.
public struct ProviderRegistry: Sendable {
    private var definitions: [ProviderID: ProviderDefinition] = [:]
    private var order: [ProviderID] = []

    /// An empty registry.
    public init() {}

    /// Every provider shipped with DeliveryHost.
    public static var standard: ProviderRegistry {
        var registry = ProviderRegistry()
        registry.register(WebhookProvider.definition)
        registry.register(PostmarkProvider.definition)
        registry.register(TwilioProvider.definition)
        registry.register(SlackProvider.definition)
        registry.register(APNSProvider.definition)
        registry.register(FCMProvider.definition)
        registry.register(SESProvider.definition)
        registry.register(SMTPProvider.definition)
        registry.register(InAppFeedProvider.definition)
        registry.register(OutboxProvider.definition)
        return registry
    }

    /// Adds or replaces a definition.
    public mutating func register(_ definition: ProviderDefinition) {
        if definitions[definition.id] == nil { order.append(definition.id) }
        definitions[definition.id] = definition
    }

    /// The definition named `id`.
    public func definition(for id: ProviderID) -> ProviderDefinition? {
        definitions[id]
    }

    /// Every definition, in registration order.
    public var all: [ProviderDefinition] {
        order.compactMap { definitions[$0] }
    }

    /// Builds a provider for validated channel settings.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` if the provider is unknown or rejects the settings.
    public func makeProvider(for settings: ChannelSettings, dependencies: ProviderDependencies) throws -> any Provider {
        guard let definition = definitions[settings.provider] else {
            throw ProviderError(
                .misconfigured, provider: settings.provider,
                message:
                    "unknown provider '\(settings.provider)'; known: \(order.map(\.rawValue).joined(separator: ", "))")
        }
        return try definition.make(settings, dependencies)
    }
}
