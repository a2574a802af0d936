extension ChannelConfiguration {
    /// A declared environment, such as `development` or `production`.
    ///
    /// ```json
    /// "environments": {"production": {"production": true, "timezone": "Europe/Paris"}}
    /// ```
    public struct Environment: Sendable, Hashable {
        /// The name: 1 to 64 characters of `a-z`, `0-9`, `-` and `_`.
        public var name: String
        /// Whether this is a production environment (`"production": true`); URLs must then be `https`.
        public var isProduction: Bool
        /// The time zone database name (default `Etc/UTC`), for recipients without one.
        public var timezone: String
        /// The configuration file that declares it.
        public var file: String
        /// Webhook channels that receive this environment's message events (outbound status webhooks).
        public var statusWebhooks: [StatusWebhook]
        /// How many days delivered messages keep their content and delivery logs; `nil` to keep them.
        public var messageRetentionDays: Int?
        /// The variables in this environment (base values with this environment's overrides), by key.
        public var variables: [String: ConfigurationVariable]
        /// Workflow statuses set here, by workflow key: `false` for inactive (`"workflows": {"key": {"active": false}}`).
        public var workflowStatuses: [String: Bool]
        /// Channel conditions by channel id (`"channel_conditions": {"postmark": {"all": [...]}}`): Knock's
        /// condition groups, checked for shape here and parsed by the workflow engine.
        public var channelConditions: [String: JSONValue]

        /// Creates an environment.
        public init(
            name: String, isProduction: Bool, timezone: String = "Etc/UTC", file: String,
            statusWebhooks: [StatusWebhook] = [], messageRetentionDays: Int? = nil,
            variables: [String: ConfigurationVariable] = [:], workflowStatuses: [String: Bool] = [:],
            channelConditions: [String: JSONValue] = [:]
        ) {
            self.name = name
            self.isProduction = isProduction
            self.timezone = timezone
            self.file = file
            self.statusWebhooks = statusWebhooks
            self.messageRetentionDays = messageRetentionDays
            self.variables = variables
            self.workflowStatuses = workflowStatuses
            self.channelConditions = channelConditions
        }
    }

    /// A webhook channel subscribed to an environment's message events.
    ///
    /// ```json
    /// "status_webhooks": [{"channel": "ops-events", "events": ["message.delivered", "message.bounced"]}]
    /// ```
    public struct StatusWebhook: Sendable, Hashable {
        /// The id of a `webhook` channel configured in the environment; it sends the events.
        public var channelID: String
        /// The event types to send; every type when `nil`.
        public var events: Set<String>?

        /// The event types a subscription may name.
        public static let eventTypes: [String] =
            ["queued", "sent", "delivered", "delivery_attempted", "undelivered", "bounced", "not_sent"]
            .map { "message.\($0)" }
            + ["seen", "unseen", "read", "unread", "interacted", "link_clicked", "archived", "unarchived"].map {
                "message.\($0)"
            }

        /// Creates a subscription.
        public init(channelID: String, events: Set<String>? = nil) {
            self.channelID = channelID
            self.events = events
        }
    }
}

extension ChannelConfiguration {
    /// Every environment's status webhooks, by environment name (environments without any are left out).
    public var statusWebhooksByEnvironment: [String: [StatusWebhook]] {
        Dictionary(
            uniqueKeysWithValues: environments.filter { !$0.statusWebhooks.isEmpty }.map {
                ($0.name, $0.statusWebhooks)
            })
    }

    /// Every environment's message retention in days, by environment name (environments that keep
    /// everything are left out).
    public var retentionDaysByEnvironment: [String: Int] {
        Dictionary(
            uniqueKeysWithValues: environments.compactMap { env in env.messageRetentionDays.map { (env.name, $0) } })
    }
}
