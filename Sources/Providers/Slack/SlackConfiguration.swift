/// The settings of a `slack` channel in one environment.
public struct SlackConfiguration: Sendable {
    /// The bot token (`xoxb-…`) for `chat.postMessage`, used where a connection brings no token of its own.
    public var botToken: String?
    /// The Slack channel to post to when neither the message nor the recipient names one.
    public var defaultChannel: String?
    /// Replaces `https://slack.com` for the Web API and the origin of incoming-webhook URLs (local fakes).
    public var baseURL: String?
    /// In sandbox mode targets are resolved and requests built, but nothing is sent (Slack has no test mode).
    public var isSandbox: Bool

    /// Slack's Web API origin.
    public static let defaultBaseURL = "https://slack.com"
    /// The hosts incoming-webhook URLs may point at (Slack and GovSlack); anything else is refused.
    public static let incomingWebhookHosts: Set<String> = ["hooks.slack.com", "hooks.slack-gov.com"]

    /// Creates a configuration.
    public init(botToken: String? = nil, defaultChannel: String? = nil, baseURL: String? = nil, isSandbox: Bool = false)
    {
        self.botToken = botToken
        self.defaultChannel = defaultChannel
        self.baseURL = baseURL
        self.isSandbox = isSandbox
    }
}

// MARK: - Redaction

extension SlackConfiguration: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "SlackConfiguration(botToken: \(botToken == nil ? "none" : "<redacted>"), sandbox: \(isSandbox))"
    }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
