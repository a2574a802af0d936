public import Foundation

/// Durable storage of messages, their timelines and delivery logs.
///
/// Implementations must make every method atomic (a message and its events change together or not at
/// all), must survive a crash at any point without losing or corrupting a message, and must be safe
/// to call from many tasks at once. The first implementation is SQLite (`SQLiteStore`).
///
/// Work is claimed with a lease: ``claimDue(channel:now:limit:leaseOwner:leaseUntil:)`` hands out
/// due messages and marks them leased; the holder either stores the outcome with ``record(_:)``
/// (which releases the lease) or lets the lease expire, after which the message is due again.
public protocol MessageStore: Sendable {
    /// Stores a new message with its first timeline event(s).
    ///
    /// - Throws: ``EngineError/Code/conflict`` if a message with the same id exists.
    func insert(_ message: MessageRecord, events: [MessageEvent]) async throws

    /// Stores a new message with its first timeline event(s), already leased to `leaseOwner` until
    /// `leaseUntil`, as if ``claimDue(channel:now:limit:leaseOwner:leaseUntil:)`` had claimed it in the
    /// same transaction.
    ///
    /// The pipeline uses it for a message it starts at once: the holder stores the outcome with
    /// ``record(_:)-(MessageChange)``, or the lease expires (a crash) and the message is claimed again.
    ///
    /// - Throws: ``EngineError/Code/conflict`` if a message with the same id exists.
    func insert(_ message: MessageRecord, events: [MessageEvent], leaseOwner: String, leaseUntil: Date) async throws

    /// The message with that id, or `nil`.
    func message(id: String) async throws -> MessageRecord?

    /// The message a provider knows by `providerMessageID` on a channel in an environment, or `nil`.
    func message(providerMessageID: String, channelID: String, environment: String) async throws -> MessageRecord?

    /// Leases up to `limit` due messages of one channel: status `queued` or `delivery_attempted`,
    /// `nextAttemptAt` at or before `now`, and no unexpired lease. Oldest due first.
    ///
    /// - Returns: The leased messages, as stored.
    func claimDue(
        channel: ChannelKey, now: Date, limit: Int, leaseOwner: String, leaseUntil: Date
    ) async throws -> [MessageRecord]

    /// Stores a change atomically: the updated message, new timeline events, an attempt log, and the
    /// release of the lease (if any).
    ///
    /// - Throws: ``EngineError/Code/notFound`` if the message does not exist, or
    ///   ``EngineError/Code/conflict`` if `change.expectedStatus` is set and the stored status differs
    ///   (someone else changed it first); nothing is written then.
    ///
    /// The stored engagement is kept: engagement changes only through ``recordEngagement(_:)``, so an
    /// attempt storing its outcome never undoes a concurrent `seen` or `read`.
    func record(_ change: MessageChange) async throws

    /// Stores many changes, each as ``record(_:)-(MessageChange)`` would and each on its own: a change
    /// that fails (its message does not exist, its expected status no longer matches, it is invalid)
    /// writes nothing and is reported in its result, and the others are stored.
    ///
    /// A store should write the batch in one transaction (one disk sync), which is what makes it
    /// cheaper than one ``record(_:)-(MessageChange)`` per change.
    ///
    /// - Parameter changes: The changes, applied in order.
    /// - Returns: One result per change, in order: success, or that change's
    ///   ``EngineError/Code/notFound``, ``EngineError/Code/conflict`` or ``EngineError/Code/invalidInput``.
    /// - Throws: ``EngineError/Code/storageFailure`` (or ``EngineError/Code/unavailable``) if the storage
    ///   fails; nothing is written then.
    func record(_ changes: [MessageChange]) async throws -> [Result<Void, EngineError>]

    /// Stores engagement changes to several messages atomically: for each change, the message's
    /// ``MessageRecord/engagement`` and ``MessageRecord/updatedAt`` (nothing else of it) and its events.
    ///
    /// - Throws: ``EngineError/Code/notFound`` naming the messages that do not exist, or
    ///   ``EngineError/Code/conflict`` if a change's `expectedEngagement` is set and differs from the
    ///   stored engagement; nothing is written then.
    func recordEngagement(_ changes: [MessageChange]) async throws

    /// One page of the notification messages matching `query`, newest first (by creation time, then id).
    ///
    /// Cursors are ``MessageCursor``s: a page's cursors stay valid while messages are added.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` for a bad page request (size, cursors).
    func listMessages(_ query: MessageQuery, page: PageRequest) async throws -> Page<MessageRecord>

    /// Feed badge counts: `total` counts the messages matching `query`; `unseen` and `unread` count the
    /// unarchived, unseen (unread) messages matching `query` without its engagement filters, so the
    /// badge is the same on every tab of a feed.
    func feedCounts(_ query: MessageQuery) async throws -> (total: Int, unseen: Int, unread: Int)

    /// The timeline of a message, oldest first.
    func events(messageID: String) async throws -> [MessageEvent]

    /// The delivery logs of a message, by attempt.
    func attemptLogs(messageID: String) async throws -> [DeliveryAttemptLog]

    /// Releases every lease held by `owner` (graceful shutdown), making those messages due again.
    func releaseLeases(owner: String) async throws

    /// How many messages are in each status (every status, 0 where none), optionally for one channel.
    func countByStatus(channel: ChannelKey?) async throws -> [DeliveryStatus: Int]

    /// How many messages of the channel wait for a time after `date`: `queued` or `delivery_attempted`
    /// with ``MessageRecord/nextAttemptAt`` later than `date` (outside a send window, or backing off
    /// before a retry). Must be cheap: metrics read it at every scrape.
    func countScheduled(channel: ChannelKey, after date: Date) async throws -> Int

    /// The next time any message of the channel falls due (for the dispatcher to sleep until), or `nil`.
    func nextDueDate(channel: ChannelKey) async throws -> Date?

    /// Deletes the content and delivery logs of `delivered` messages last updated before `date`, in one
    /// environment or all (the message, its status and timeline stay). Messages in any other status are
    /// never pruned.
    ///
    /// - Returns: How many messages were pruned.
    func pruneDelivered(environment: String?, updatedBefore date: Date) async throws -> Int

    /// Re-owns a recipient's notification messages created at or after `createdSince` to another recipient
    /// (a user merge moves the secondary's recent history to the primary): their recipient id changes,
    /// nothing else. Older messages and status-event messages are left alone.
    ///
    /// - Parameters:
    ///   - from: The stored recipient id that owns the messages now.
    ///   - to: The stored recipient id that owns them afterwards.
    ///   - environment: The environment.
    ///   - createdSince: The oldest creation time moved.
    /// - Returns: How many messages moved.
    func reassignMessages(from: String, to: String, environment: String, createdSince: Date) async throws -> Int
}

/// A channel in an environment: the unit of rate limits and fair scheduling.
public struct ChannelKey: Sendable, Hashable, CustomStringConvertible {
    /// The environment.
    public var environment: String
    /// The channel id.
    public var channelID: String

    /// Creates a key.
    public init(environment: String, channelID: String) {
        self.environment = environment
        self.channelID = channelID
    }

    public var description: String { "\(environment)/\(channelID)" }
}

/// One atomic change to a stored message.
public struct MessageChange: Sendable, Hashable {
    /// The message as it is to be stored.
    public var message: MessageRecord
    /// The status the stored message must still have, for optimistic concurrency; `nil` to skip the check.
    public var expectedStatus: DeliveryStatus?
    /// The engagement the stored message must still have (for ``MessageStore/recordEngagement(_:)``),
    /// for optimistic concurrency; `nil` to skip the check.
    public var expectedEngagement: Engagement?
    /// Timeline events to append.
    public var events: [MessageEvent]
    /// The attempt's delivery log, if an attempt was made.
    public var attemptLog: DeliveryAttemptLog?
    /// The lease holder whose lease to release, if any.
    public var releasingLeaseOf: String?
    /// The message as the caller read it before making this change (as claimed, say), or `nil`.
    ///
    /// With it, a store may write only the fields in which ``message`` differs from it: a field equal
    /// in both keeps its stored value. A delivery attempt changes only the delivery state (status,
    /// attempt count, next attempt, provider message id), so its recipient, content and send windows
    /// need not be encoded and written again.
    public var original: MessageRecord?

    /// Creates a change.
    public init(
        message: MessageRecord, expectedStatus: DeliveryStatus? = nil, expectedEngagement: Engagement? = nil,
        events: [MessageEvent] = [], attemptLog: DeliveryAttemptLog? = nil, releasingLeaseOf: String? = nil,
        original: MessageRecord? = nil
    ) {
        self.message = message
        self.expectedStatus = expectedStatus
        self.expectedEngagement = expectedEngagement
        self.events = events
        self.attemptLog = attemptLog
        self.releasingLeaseOf = releasingLeaseOf
        self.original = original
    }
}
