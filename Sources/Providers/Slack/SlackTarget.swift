import Foundation

/// One place a Slack message goes: a conversation through `chat.postMessage`, or an incoming webhook.
///
/// Targets come, in this order of precedence, from the message (`channel` or `webhook_url`), from the
/// recipient's channel data for the channel id (Knock's shape, every connection), or from the channel's
/// `default_channel`:
///
/// ```json
/// {"connections": [{"channel_id": "C123", "access_token": "xoxb-…"},
///                  {"user_id": "U456"},
///                  {"incoming_webhook": {"url": "https://hooks.slack.com/services/T…/B…/…"}}],
///  "token": {"access_token": "xoxb-…"}}
/// ```
///
/// A connection's `access_token` wins over the channel data's `token.access_token`, which wins over the
/// channel's `bot_token`.
struct SlackTarget: Sendable, Hashable {
    /// Where the message goes.
    enum Kind: Sendable, Hashable {
        /// A channel, DM or user id, posted with a token (`nil` when none is configured).
        case conversation(id: String, token: String?)
        /// An incoming-webhook URL (itself a secret).
        case incomingWebhook(url: String)
        /// A connection that could not be read; reported as a failed target.
        case unreadable(reason: String)
    }

    /// Where the message goes.
    var kind: Kind
    /// How receipts and errors name the target; never a token or a full webhook URL.
    var label: String

    /// Every target for a message.
    ///
    /// - Throws: ``ProviderError/Code/invalidRecipient`` when there is none.
    static func targets(
        for message: OutboundMessage, content: ChatContent, configuration: SlackConfiguration
    ) throws -> [SlackTarget] {
        let data = message.recipient.channelData[message.channelID]
        let sharedToken = data?["token"]?["access_token"]?.stringValue ?? configuration.botToken
        if let url = content.webhookURL { return [webhook(url)] }
        if let channel = content.channel { return [conversation(channel, token: sharedToken)] }
        if let connections = data?["connections"]?.arrayValue, !connections.isEmpty {
            return connections.enumerated().map { index, connection in
                if let hook = connection["incoming_webhook"], let url = hook["url"]?.stringValue ?? hook.stringValue {
                    return webhook(url)
                }
                if let id = connection["channel_id"]?.stringValue ?? connection["user_id"]?.stringValue {
                    return conversation(id, token: connection["access_token"]?.stringValue ?? sharedToken)
                }
                return SlackTarget(
                    kind: .unreadable(reason: "neither channel_id, user_id nor incoming_webhook.url"),
                    label: "connections[\(index)]")
            }
        }
        if let channel = configuration.defaultChannel { return [conversation(channel, token: sharedToken)] }
        throw ProviderError(
            .invalidRecipient, provider: SlackProvider.providerID,
            message: "no Slack target: the message names no channel, recipient '\(message.recipient.id)' has no "
                + "connections for channel '\(message.channelID)', and the channel has no default_channel")
    }

    private static func conversation(_ id: String, token: String?) -> SlackTarget {
        SlackTarget(kind: .conversation(id: id, token: token), label: "channel:\(id)")
    }

    private static func webhook(_ url: String) -> SlackTarget {
        SlackTarget(kind: .incomingWebhook(url: url), label: "incoming_webhook:\(redacted(url))")
    }

    /// The webhook URL without its secret last path segment: `hooks.slack.com/services/T1/B2/<redacted>`.
    static func redacted(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "<redacted>" }
        var segments = components.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.count > 1 { segments[segments.count - 1] = "<redacted>" }
        return host + segments.joined(separator: "/")
    }
}
