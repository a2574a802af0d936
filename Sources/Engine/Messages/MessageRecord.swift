public import Foundation
public import Providers

/// A message as stored: what to send, to whom, through which channel, and where it stands.
public struct MessageRecord: Sendable, Hashable {
    /// The message id: unique and time-sortable (see ``MessageID``); also the idempotency key
    /// providers pass on, so retries reuse it.
    public var id: String
    /// The environment, such as `production`.
    public var environment: String
    /// The channel id.
    public var channelID: String
    /// The channel's provider.
    public var provider: ProviderID
    /// The channel's type.
    public var channelType: ChannelType
    /// A notification for a recipient, or the delivery of a status event to an outbound status webhook.
    public var kind: Kind
    /// The workflow key, run and recipient run that produced it, when a workflow did.
    public var workflow: WorkflowReference?
    /// The tenant the producing run was triggered for, if any (the `tenant` filter of listings).
    public var tenant: String?
    /// The trigger data of the producing run, if any (the `trigger_data` filter of listings, the feed
    /// item's `data`).
    public var data: JSONObject?
    /// The recipient, with contact data and channel data as of enqueueing.
    public var recipient: Recipient
    /// The rendered content; `nil` once pruned by retention.
    public var content: OutboundMessage.Content?
    /// The send windows of the channel step, evaluated in the recipient's time zone.
    public var sendWindows: [SendWindow]
    /// The delivery status.
    public var status: DeliveryStatus
    /// The engagement statuses with their times.
    public var engagement: Engagement
    /// The provider's id for the message, from the receipt; matches status callbacks.
    public var providerMessageID: String?
    /// How many attempts have been made, ever; attempt logs are numbered by it.
    public var attemptCount: Int
    /// How many of those were made before the current round: a manual retry starts a new round, and the
    /// retry policy counts only the attempts of the current one.
    public var retryRoundStart: Int
    /// When the next attempt is due; `nil` when none is (final statuses, or waiting for a callback).
    public var nextAttemptAt: Date?
    /// Whether the one immediate re-authentication retry has been used.
    public var reauthenticationRetried: Bool
    /// When it was enqueued.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a record.
    public init(
        id: String, environment: String, channelID: String, provider: ProviderID, channelType: ChannelType,
        kind: Kind = .notification, workflow: WorkflowReference? = nil, tenant: String? = nil, data: JSONObject? = nil,
        recipient: Recipient,
        content: OutboundMessage.Content?,
        sendWindows: [SendWindow] = [], status: DeliveryStatus = .queued, engagement: Engagement = Engagement(),
        providerMessageID: String? = nil, attemptCount: Int = 0, retryRoundStart: Int = 0, nextAttemptAt: Date?,
        reauthenticationRetried: Bool = false,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.environment = environment
        self.channelID = channelID
        self.provider = provider
        self.channelType = channelType
        self.kind = kind
        self.workflow = workflow
        self.tenant = tenant
        self.data = data
        self.recipient = recipient
        self.content = content
        self.sendWindows = sendWindows
        self.status = status
        self.engagement = engagement
        self.providerMessageID = providerMessageID
        self.attemptCount = attemptCount
        self.retryRoundStart = retryRoundStart
        self.nextAttemptAt = nextAttemptAt
        self.reauthenticationRetried = reauthenticationRetried
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension MessageRecord {
    /// What a stored message is for.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A notification to a recipient: listed by the API, publishes status events.
        case notification
        /// A status event delivered to an outbound status webhook endpoint: retried like messages,
        /// with its own delivery log, but publishes no events of its own.
        case statusEvent = "status_event"
    }
}

/// Where a message came from in the workflow engine.
public struct WorkflowReference: Sendable, Hashable, Codable {
    /// The workflow key.
    public var key: String
    /// The workflow run id (one per trigger).
    public var runID: String?
    /// The recipient run id (one per recipient of a trigger).
    public var recipientRunID: String?
    /// The step's ref within the workflow.
    public var stepRef: String?

    /// Creates a reference.
    public init(key: String, runID: String? = nil, recipientRunID: String? = nil, stepRef: String? = nil) {
        self.key = key
        self.runID = runID
        self.recipientRunID = recipientRunID
        self.stepRef = stepRef
    }
}
