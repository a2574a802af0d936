/// A rendered SMS.
public struct SMSContent: Sendable, Hashable {
    /// The destination in E.164; the recipient's phone number when `nil`.
    public var to: String?
    /// The message text.
    public var text: String

    /// Creates an SMS.
    public init(to: String? = nil, text: String) {
        self.to = to
        self.text = text
    }
}

/// A rendered push notification.
public struct PushContent: Sendable, Hashable {
    /// The alert title.
    public var title: String?
    /// The alert body.
    public var body: String?
    /// The app icon badge count.
    public var badge: Int?
    /// The sound to play.
    public var sound: String?
    /// Custom data delivered with the notification.
    public var data: JSONObject
    /// Notifications with the same collapse id replace each other.
    public var collapseID: String?
    /// Delivery priority.
    public var priority: Priority
    /// How long the push service may keep trying, in seconds.
    public var timeToLive: Int?
    /// A background (content-available) notification with no alert.
    public var silent: Bool

    /// Delivery priority.
    public enum Priority: String, Sendable, Hashable, Codable {
        case high, normal
    }

    /// Creates a push notification.
    public init(
        title: String? = nil,
        body: String? = nil,
        badge: Int? = nil,
        sound: String? = nil,
        data: JSONObject = JSONObject(),
        collapseID: String? = nil,
        priority: Priority = .high,
        timeToLive: Int? = nil,
        silent: Bool = false
    ) {
        self.title = title
        self.body = body
        self.badge = badge
        self.sound = sound
        self.data = data
        self.collapseID = collapseID
        self.priority = priority
        self.timeToLive = timeToLive
        self.silent = silent
    }
}

/// A rendered chat message.
public struct ChatContent: Sendable, Hashable {
    /// The message text (also the fallback for rich layouts).
    public var text: String
    /// Rich layout (Slack Block Kit blocks), if any.
    public var blocks: JSONValue?
    /// The channel to post to; otherwise taken from the recipient's channel data.
    public var channel: String?
    /// An incoming-webhook URL to post to; otherwise taken from the recipient's channel data.
    public var webhookURL: String?

    /// Creates a chat message.
    public init(text: String, blocks: JSONValue? = nil, channel: String? = nil, webhookURL: String? = nil) {
        self.text = text
        self.blocks = blocks
        self.channel = channel
        self.webhookURL = webhookURL
    }
}

/// A rendered outbound webhook request.
public struct WebhookContent: Sendable, Hashable {
    /// The method; the channel's when `nil`.
    public var method: String?
    /// The URL; the channel's when `nil`.
    public var url: String?
    /// Headers, added to (and overriding) the channel's.
    public var headers: [String: String]
    /// The JSON body; the channel's when `nil`.
    public var body: JSONValue?

    /// Creates a webhook request.
    public init(method: String? = nil, url: String? = nil, headers: [String: String] = [:], body: JSONValue? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
