/// Delivers in-app feed messages by storing them: the message store is the feed, so sending makes no
/// network call and the message is `delivered` at once.
///
/// The feed API lists a recipient's delivered in-app messages from the store; engagement (seen, read,
/// archived) is recorded on the stored message.
public struct InAppFeedProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "in_app_feed"

    public var id: ProviderID { Self.providerID }

    /// Creates a provider; it has no settings.
    public init() {}

    /// Accepts in-app feed content and reports it delivered; nothing is sent anywhere.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for content of another channel type.
    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        _ = try message.content.inAppFeed(for: id)
        return DeliveryReceipt(outcome: .delivered, detail: "stored in the in-app feed")
    }
}

extension InAppFeedProvider {
    /// The registry entry: the `in_app_feed` provider takes no settings besides the common ones.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .inAppFeed,
        summary: "In-app feeds served by this host's feed API; delivering stores the message, with no network call.",
        settings: SettingsSchema([]),
        make: { _, _ in InAppFeedProvider() }
    )
}
