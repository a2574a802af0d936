/// A rendered message, ready for one provider to send to one recipient.
public struct OutboundMessage: Sendable, Hashable {
    /// Our message id (unique, time-sortable); providers pass it along (tags, metadata) for callbacks.
    public var id: String
    /// The channel id it is sent through.
    public var channelID: String
    /// The recipient.
    public var recipient: Recipient
    /// The rendered content.
    public var content: Content
    /// The workflow key, if a workflow produced it (used as a tag by email providers).
    public var workflowKey: String?

    /// The rendered content, one case per channel type.
    public enum Content: Sendable, Hashable {
        case email(EmailContent)
        case sms(SMSContent)
        case push(PushContent)
        case chat(ChatContent)
        case webhook(WebhookContent)
        case inAppFeed(InAppFeedContent)

        /// The channel type this content is for.
        public var channelType: ChannelType {
            switch self {
            case .email: .email
            case .sms: .sms
            case .push: .push
            case .chat: .chat
            case .webhook: .webhook
            case .inAppFeed: .inAppFeed
            }
        }
    }

    /// Creates a message.
    public init(id: String, channelID: String, recipient: Recipient, content: Content, workflowKey: String? = nil) {
        self.id = id
        self.channelID = channelID
        self.recipient = recipient
        self.content = content
        self.workflowKey = workflowKey
    }
}
