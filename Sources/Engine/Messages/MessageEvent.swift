public import Foundation

/// One entry of a message's timeline: a status change, an engagement change, or a notable event
/// (token removed, time zone fallback), with its time and reason.
public struct MessageEvent: Sendable, Hashable {
    /// The message.
    public var messageID: String
    /// The event type, such as `message.sent` (see ``Kind``).
    public var kind: Kind
    /// The delivery status after the event, for status changes.
    public var status: DeliveryStatus?
    /// Why: the provider's answer, the retry decision, the callback's reason.
    public var reason: String?
    /// When it happened.
    public var occurredAt: Date

    /// The event types, as published to outbound status webhooks (`message.<status>` and engagement events).
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The wire name, such as `message.delivered`.
        public let rawValue: String

        /// Creates a kind from its wire name.
        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The event for entering a delivery status: `message.queued`, `message.sent`, ….
        public static func status(_ status: DeliveryStatus) -> Kind {
            Kind("message.\(status.rawValue)")
        }

        /// The event for setting an engagement status: `message.seen`, `message.read`, ….
        public static func engagement(_ status: EngagementStatus) -> Kind {
            Kind("message.\(status.rawValue)")
        }

        /// The event for clearing an engagement status, as Knock names it: `message.unseen`,
        /// `message.unread` and `message.unarchived`; `nil` for statuses that cannot be cleared
        /// (`interacted`, `link_clicked`).
        public static func engagementCleared(_ status: EngagementStatus) -> Kind? {
            switch status {
            case .seen, .read, .archived: Kind("message.un\(status.rawValue)")
            case .interacted, .linkClicked: nil
            }
        }

        /// A push token or other target was removed from the recipient's channel data.
        public static let targetRemoved = Kind("message.target_removed")
        /// Something worth knowing that changes no status (a time zone fallback, a throttled channel).
        public static let warning = Kind("message.warning")

        public var description: String { rawValue }
    }

    /// Creates an event.
    public init(messageID: String, kind: Kind, status: DeliveryStatus? = nil, reason: String? = nil, occurredAt: Date) {
        self.messageID = messageID
        self.kind = kind
        self.status = status
        self.reason = reason
        self.occurredAt = occurredAt
    }
}
