/// The kind of channel a provider delivers to (Knock's channel types).
public enum ChannelType: String, Sendable, Hashable, CaseIterable, Codable {
    case email
    case sms
    case push
    case chat
    case webhook
    case inAppFeed = "in_app_feed"
}
