public import Providers

/// A rendered message to hand to the pipeline.
public struct EnqueueRequest: Sendable {
    /// The message id; a new time-sortable one when `nil`.
    public var id: String?
    /// The environment.
    public var environment: String
    /// The channel id.
    public var channelID: String
    /// The recipient, with contact and channel data.
    public var recipient: Recipient
    /// The rendered content; its type must be the channel's.
    public var content: OutboundMessage.Content
    /// The workflow that produced it, if any.
    public var workflow: WorkflowReference?
    /// The tenant the run was triggered for, if any.
    public var tenant: String?
    /// The run's trigger data, if any (stored for the `trigger_data` filter).
    public var data: JSONObject?
    /// The channel step's send windows (validated with ``SendWindow/parseList(_:path:)``).
    public var sendWindows: [SendWindow]
    /// A notification, or a status event for an outbound status webhook.
    public var kind: MessageRecord.Kind

    /// Creates a request.
    public init(
        id: String? = nil, environment: String, channelID: String, recipient: Recipient,
        content: OutboundMessage.Content,
        workflow: WorkflowReference? = nil, tenant: String? = nil, data: JSONObject? = nil,
        sendWindows: [SendWindow] = [], kind: MessageRecord.Kind = .notification
    ) {
        self.id = id
        self.environment = environment
        self.channelID = channelID
        self.recipient = recipient
        self.content = content
        self.workflow = workflow
        self.tenant = tenant
        self.data = data
        self.sendWindows = sendWindows
        self.kind = kind
    }
}

/// Receives the timeline events of notification messages as they are stored (for outbound status webhooks).
///
/// Implementations must not throw away events silently: they are expected to store them durably.
public protocol StatusEventPublisher: Sendable {
    /// Called after `events` of `message` were stored.
    func publish(_ events: [MessageEvent], of message: MessageRecord) async
}
