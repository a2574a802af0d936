public import Foundation
public import Providers

/// A schedule (Knock's `Schedule`): a workflow triggered for one recipient at set times, a managed cron job
/// in the recipient's time zone. Recurring schedules have ``repeats``; a one-off schedule has none and runs
/// once at ``scheduledAt``.
public struct Schedule: Sendable, Hashable {
    /// The schedule's id.
    public var id: String
    /// The environment it belongs to.
    public var environment: String
    /// The workflow it triggers.
    public var workflowKey: String
    /// The recipient of every run (an object recipient runs for the object only).
    public var recipient: RecipientReference
    /// The actor of every run.
    public var actor: RecipientReference?
    /// The tenant of every run.
    public var tenant: String?
    /// The trigger data of every run (`{}` unless set).
    public var data: JSONObject
    /// When a recurring schedule fires, evaluated in the recipient's time zone; empty for a one-off.
    public var repeats: [WindowRule]
    /// The first moment of a recurring schedule, or the only one of a one-off.
    public var scheduledAt: Date?
    /// After this, nothing more runs.
    public var endingAt: Date?
    /// When it runs next, or `nil` when it never will again.
    public var nextOccurrenceAt: Date?
    /// When it last ran.
    public var lastOccurrenceAt: Date?
    /// When it was created.
    public var insertedAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a schedule; ``nextOccurrenceAt`` is computed by ``ScheduleTiming``.
    public init(
        id: String, environment: String, workflowKey: String, recipient: RecipientReference,
        actor: RecipientReference? = nil, tenant: String? = nil, data: JSONObject = JSONObject(),
        repeats: [WindowRule] = [], scheduledAt: Date? = nil, endingAt: Date? = nil, nextOccurrenceAt: Date? = nil,
        lastOccurrenceAt: Date? = nil, insertedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.environment = environment
        self.workflowKey = workflowKey
        self.recipient = recipient
        self.actor = actor
        self.tenant = tenant
        self.data = data
        self.repeats = repeats
        self.scheduledAt = scheduledAt
        self.endingAt = endingAt
        self.nextOccurrenceAt = nextOccurrenceAt
        self.lastOccurrenceAt = lastOccurrenceAt
        self.insertedAt = insertedAt
        self.updatedAt = updatedAt
    }

    /// Creation and update limit: schedules (recipients or ids) per call.
    public static let batchLimit = 100
    /// Schedules per bulk create call (`POST /v1/schedules/bulk/create`).
    public static let bulkLimit = 1000
}
