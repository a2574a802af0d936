public import Foundation

/// Subscriptions per environment: which recipients subscribe to which objects.
///
/// ``RecipientStore`` refines this protocol, because subscriptions follow their recipients: deleting a
/// user or an object deletes every subscription it is part of (as subscriber or as object), and merging
/// users moves the secondary's subscriptions to the primary.
///
/// Implementations must:
/// - apply a whole ``subscribe(_:identifying:environment:now:)`` call atomically, after validating it;
/// - list an object's subscribers in insertion order (``Subscription/sequence``, kept on update) and a
///   subscriber's subscriptions newest first, with opaque cursors (``SubscriptionCursor``);
/// - be safe to call concurrently, and never log subscription properties.
public protocol SubscriptionStore: Sendable {
    /// Upserts recipients, then creates or updates subscriptions, in one atomic step.
    ///
    /// A subscription that exists keeps its ``Subscription/insertedAt`` and ``Subscription/sequence``; its
    /// properties are replaced and ``Subscription/updatedAt`` set to `now`.
    ///
    /// - Parameters:
    ///   - changes: The subscriptions, validated with ``SubscriptionChange/validate(path:)``.
    ///   - upserts: Recipients to identify first (inline subscribers), validated.
    ///   - environment: The environment.
    ///   - now: The time written.
    /// - Returns: Each subscription as stored, in the order given.
    /// - Throws: ``EngineError/Code/invalidInput`` for an invalid change or upsert,
    ///   ``EngineError/Code/notFound`` when an object or a subscriber does not exist (after the upserts);
    ///   nothing is written then.
    func subscribe(
        _ changes: [SubscriptionChange], identifying upserts: [RecipientUpsert], environment: String, now: Date
    ) async throws -> [Subscription]

    /// Deletes subscriptions; ones that do not exist are skipped.
    ///
    /// - Returns: The subscriptions deleted, as they were, in the order given.
    func unsubscribe(_ changes: [SubscriptionChange], environment: String) async throws -> [Subscription]

    /// One page of an object's subscribers (oldest first) or of a subscriber's subscriptions (newest first).
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` for a cursor this listing did not make, both cursors, or
    ///   a page size outside 1 to ``SubscriptionLimits/maximumStorePage``.
    func subscriptions(_ query: SubscriptionQuery, page: PageRequest) async throws -> Page<Subscription>
}

/// Which subscriptions a listing returns.
public struct SubscriptionQuery: Sendable, Hashable {
    /// Whose subscriptions.
    public enum Side: Sendable, Hashable {
        /// The subscribers of this object, oldest subscription first.
        case object(RecipientReference)
        /// The subscriptions of this subscriber, newest first.
        case subscriber(RecipientReference)
    }

    /// The environment.
    public var environment: String
    /// Whose subscriptions.
    public var side: Side
    /// Only these subscribers (for ``Side/object(_:)``) or these objects (for ``Side/subscriber(_:)``).
    public var only: [RecipientReference]?

    /// Creates a query.
    public init(environment: String, side: Side, only: [RecipientReference]? = nil) {
        self.environment = environment
        self.side = side
        self.only = only
    }

    /// Whether `subscription` (of this environment) is one this query returns.
    public func matches(_ subscription: Subscription) -> Bool {
        switch side {
        case .object(let object):
            subscription.object == object && (only.map { $0.contains(subscription.recipient) } ?? true)
        case .subscriber(let subscriber):
            subscription.recipient == subscriber && (only.map { $0.contains(subscription.object) } ?? true)
        }
    }

    /// Whether the listing is newest first.
    public var isDescending: Bool {
        if case .subscriber = side { true } else { false }
    }
}

extension Page where Entry == Subscription {
    /// One page of `all` (every matching subscription, in listing order) for a page request.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` as ``SubscriptionCursor/bounds(of:)``.
    public init(subscriptions all: [Subscription], descending: Bool, page: PageRequest) throws(EngineError) {
        let bounds = try SubscriptionCursor.bounds(of: page)
        func precedes(_ a: Int64, _ b: Int64) -> Bool { descending ? a > b : a < b }
        let entries: [Subscription]
        if let before = bounds.before {
            entries = Array(all.filter { precedes($0.sequence, before) }.suffix(page.size))
        } else {
            entries = Array(
                all.filter { subscription in bounds.after.map { precedes($0, subscription.sequence) } ?? true }
                    .prefix(page.size))
        }
        guard let first = entries.first, let last = entries.last else {
            self.init(entries: [])
            return
        }
        self.init(
            entries: entries,
            after: all.contains { precedes(last.sequence, $0.sequence) }
                ? SubscriptionCursor.encode(last.sequence) : nil,
            before: all.contains { precedes($0.sequence, first.sequence) }
                ? SubscriptionCursor.encode(first.sequence) : nil)
    }
}
