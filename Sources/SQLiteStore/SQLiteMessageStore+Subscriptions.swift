public import Engine
public import Foundation
import Providers

/// Subscriptions in the `subscriptions` table (schema v7), beside the recipients they link, so deleting or
/// merging a recipient changes its subscriptions in the same transaction.
extension SQLiteMessageStore: SubscriptionStore {
    /// Upserts the recipients, then the subscriptions, in one transaction (see
    /// ``SubscriptionStore/subscribe(_:identifying:environment:now:)``).
    public func subscribe(
        _ changes: [SubscriptionChange], identifying upserts: [RecipientUpsert], environment: String, now: Date
    ) throws -> [Subscription] {
        try SubscriptionChange.validate(changes, identifying: upserts)
        let identified = Set(upserts.map(\.reference))
        return try connection.transaction {
            var checked: Set<RecipientReference> = identified
            for change in changes {
                for (reference, isObject) in [(change.object, true), (change.recipient, false)]
                where !checked.contains(reference) {
                    guard try recipient(reference, environment: environment) != nil else {
                        throw SubscriptionStoreErrors.missing(reference, environment: environment, isObject: isObject)
                    }
                    checked.insert(reference)
                }
            }
            _ = try applyUpserts(upserts, environment: environment, now: now)
            return try changes.map { change in
                try connection.execute(
                    "INSERT INTO subscriptions (environment, object_id, recipient_id, properties, inserted_at, "
                        + "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (environment, object_id, "
                        + "recipient_id) DO UPDATE SET properties = excluded.properties, updated_at = excluded.updated_at",
                    environment, change.object.storageID, change.recipient.storageID,
                    JSONValue.object(change.properties).encoded(), now)
                guard let stored = try subscription(change, environment: environment) else {
                    throw EngineError(.storageFailure, "a subscription just written could not be read back")
                }
                return stored
            }
        }
    }

    /// Deletes subscriptions in one transaction; missing ones are skipped.
    public func unsubscribe(_ changes: [SubscriptionChange], environment: String) throws -> [Subscription] {
        try connection.transaction {
            try changes.compactMap { change in
                guard let stored = try subscription(change, environment: environment) else { return nil }
                try connection.execute("DELETE FROM subscriptions WHERE seq = ?1", stored.sequence)
                return stored
            }
        }
    }

    /// One page of an object's subscribers (oldest first) or a subscriber's subscriptions (newest first),
    /// read in one transaction.
    public func subscriptions(_ query: SubscriptionQuery, page: PageRequest) throws -> Page<Subscription> {
        let bounds = try SubscriptionCursor.bounds(of: page)
        let (column, filterColumn, reference) =
            switch query.side {
            case .object(let object): ("object_id", "recipient_id", object)
            case .subscriber(let subscriber): ("recipient_id", "object_id", subscriber)
            }
        let filter = query.only.map { JSONValue.array($0.map { .string($0.storageID) }).encoded() }
        let matching =
            "FROM subscriptions WHERE environment = ?1 AND \(column) = ?2 "
            + "AND (?3 IS NULL OR \(filterColumn) IN (SELECT value FROM json_each(?3)))"
        // "Forward" is the listing's order: ascending sequences for an object, descending for a subscriber.
        let (forward, backward, later, earlier) =
            query.isDescending ? ("DESC", "ASC", "<", ">") : ("ASC", "DESC", ">", "<")
        return try connection.readTransaction {
            let entries: [Subscription]
            if let before = bounds.before {
                entries = try connection.query(
                    Self.selectSubscription + " \(matching) AND seq \(earlier) ?4 ORDER BY seq \(backward) LIMIT ?5",
                    query.environment, reference.storageID, filter, before, page.size, read: Self.subscription(from:)
                ).reversed()
            } else {
                entries = try connection.query(
                    Self.selectSubscription
                        + " \(matching) AND (?4 IS NULL OR seq \(later) ?4) ORDER BY seq \(forward) LIMIT ?5",
                    query.environment, reference.storageID, filter, bounds.after, page.size,
                    read: Self.subscription(from:))
            }
            guard let first = entries.first?.sequence, let last = entries.last?.sequence else {
                return Page(entries: [])
            }
            func exists(_ comparison: String, _ sequence: Int64) throws -> Bool {
                try connection.queryFirst(
                    "SELECT EXISTS (SELECT 1 \(matching) AND seq \(comparison) ?4)", query.environment,
                    reference.storageID, filter, sequence
                ) { $0.bool(0) } ?? false
            }
            return Page(
                entries: entries,
                after: try exists(later, last) ? SubscriptionCursor.encode(last) : nil,
                before: try exists(earlier, first) ? SubscriptionCursor.encode(first) : nil)
        }
    }

    // MARK: - Rows

    private static let selectSubscription =
        "SELECT seq, object_id, recipient_id, properties, inserted_at, updated_at"

    private func subscription(_ change: SubscriptionChange, environment: String) throws -> Subscription? {
        try connection.queryFirst(
            Self.selectSubscription
                + " FROM subscriptions WHERE environment = ?1 AND object_id = ?2 AND recipient_id = ?3",
            environment, change.object.storageID, change.recipient.storageID, read: Self.subscription(from:))
    }

    private static func subscription(from row: SQLiteRow) throws -> Subscription {
        guard case .object(let properties)? = try? JSONValue.parse(row.string(3)) else {
            throw EngineError(.storageFailure, "the stored properties of a subscription are unreadable")
        }
        return Subscription(
            object: RecipientReference(storageID: row.string(1)),
            recipient: RecipientReference(storageID: row.string(2)),
            properties: properties, insertedAt: row.date(4), updatedAt: row.date(5), sequence: row.int64(0))
    }
}
