public import Engine
public import Foundation
import Providers

extension SQLiteMessageStore {
    /// The statuses a message can be due in.
    private static let dueStatuses: [DeliveryStatus] = [.queued, .deliveryAttempted]

    /// One statement per due status, the status written into the SQL rather than bound.
    ///
    /// A bound status would be re-prepared whenever its value changed: the partial index
    /// `messages_prunable` (`WHERE status = 'delivered'`) makes SQLite's planner look at the value of a
    /// parameter compared with `status`, so the statement is planned for that value and expires when the
    /// next call binds the other status. The claim, count and next-due queries alternate between the two
    /// due statuses on every call.
    private static func perDueStatus(_ sql: (String) -> String) -> [String] {
        dueStatuses.map { sql("'\($0.rawValue)'") }
    }

    /// The due messages of a channel in one status, oldest due first: environment, channel id, now,
    /// limit. Reads the `messages_due` index in order, with no sort.
    static let claimQueries = perDueStatus { status in
        "SELECT next_attempt_at, id FROM messages "
            + "WHERE environment = ?1 AND channel_id = ?2 AND status = \(status) AND next_attempt_at <= ?3 "
            + "AND (lease_expires_at IS NULL OR lease_expires_at <= ?3) "
            + "ORDER BY next_attempt_at, id LIMIT ?4"
    }

    /// How many messages of a channel in one status are due after a date: environment, channel id, date.
    private static let scheduledCountQueries = perDueStatus { status in
        "SELECT COUNT(*) FROM messages INDEXED BY messages_due "
            + "WHERE environment = ?1 AND channel_id = ?2 AND status = \(status) AND next_attempt_at > ?3"
    }

    /// The earliest due time of an unleased message of a channel in one status: environment, channel id.
    private static let nextDueQueries = perDueStatus { status in
        "SELECT next_attempt_at FROM messages "
            + "WHERE environment = ?1 AND channel_id = ?2 AND status = \(status) "
            + "AND next_attempt_at IS NOT NULL AND lease_owner IS NULL "
            + "ORDER BY next_attempt_at LIMIT 1"
    }

    /// Leases up to `limit` due messages of one channel in one transaction: status `queued` or
    /// `delivery_attempted`, `nextAttemptAt` at or before `now`, and no lease or one expired by `now`;
    /// ordered by `nextAttemptAt`, then id.
    ///
    /// Each status is read by an index range in due order, so a claim reads about `limit` rows
    /// (plus the channel's leased ones) however long the backlog is.
    ///
    /// The transaction may be shared with other writes waiting at the same time (group commit). The
    /// claimed rows are decoded after it, off the store's thread; if one cannot be read, every lease of
    /// this claim is released again and the claim fails.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if the storage fails or a claimed row is unreadable.
    public nonisolated func claimDue(
        channel: ChannelKey, now: Date, limit: Int, leaseOwner: String, leaseUntil: Date
    ) async throws -> [MessageRecord] {
        guard limit > 0 else { return [] }
        let rows = try await write { store in
            try store.lease(channel: channel, now: now, limit: limit, leaseOwner: leaseOwner, leaseUntil: leaseUntil)
        }
        do {
            return try rows.map(MessageRow.record(from:))
        } catch {
            let ids = rows.map { $0.string(0) }
            _ = try? await write { store in try store.releaseLeases(ids: ids, owner: leaseOwner) }
            throw error
        }
    }

    /// Leases due messages inside the current transaction (see ``claimDue(channel:now:limit:leaseOwner:leaseUntil:)``)
    /// and returns their rows as ``MessageRow/select`` reads them.
    private func lease(
        channel: ChannelKey, now: Date, limit: Int, leaseOwner: String, leaseUntil: Date
    ) throws -> [SQLiteRowCopy] {
        var due: [(at: Int64, id: String)] = []
        for query in Self.claimQueries {
            due += try connection.query(query, channel.environment, channel.channelID, now, limit) {
                ($0.int64(0), $0.string(1))
            }
        }
        due.sort { ($0.at, $0.id) < ($1.at, $1.id) }
        let ids = due.prefix(limit).map(\.id)
        guard !ids.isEmpty else { return [] }
        // One UPDATE for the whole claim; RETURNING gives no order, so the rows are put back in due order.
        let columns = Int32(MessageRow.columns.count)
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        let list = JSONValue.array(ids.map(JSONValue.string)).encoded()
        let rows = try connection.query(MessageRow.leaseMany, leaseOwner, leaseUntil, list) {
            (order[$0.string(0)] ?? Int.max, $0.copy(columns: columns))
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Releases the leases `owner` holds on the messages `ids`, inside the current transaction.
    private func releaseLeases(ids: [String], owner: String) throws {
        for id in ids {
            try connection.execute(
                "UPDATE messages SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ?1 AND lease_owner = ?2",
                id, owner)
        }
    }

    /// Releases every lease held by `owner`, making those messages due again.
    public func releaseLeases(owner: String) throws {
        try connection.transaction {
            try connection.execute(
                "UPDATE messages INDEXED BY messages_leased SET lease_owner = NULL, lease_expires_at = NULL "
                    + "WHERE lease_owner = ?1",
                owner)
        }
    }

    /// How many messages are in each status (every status is present, 0 where none is), optionally
    /// for one channel.
    public func countByStatus(channel: ChannelKey?) throws -> [DeliveryStatus: Int] {
        let rows: [(String, Int)]
        if let channel {
            rows = try connection.query(
                "SELECT status, COUNT(*) FROM messages WHERE environment = ?1 AND channel_id = ?2 GROUP BY status",
                channel.environment, channel.channelID
            ) { ($0.string(0), $0.int(1)) }
        } else {
            rows = try connection.query("SELECT status, COUNT(*) FROM messages GROUP BY status") {
                ($0.string(0), $0.int(1))
            }
        }
        var counts = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0, 0) })
        for (text, count) in rows {
            guard let status = DeliveryStatus(rawValue: text) else {
                throw EngineError(.storageFailure, "a stored message status is unreadable: \(text)")
            }
            counts[status] = count
        }
        return counts
    }

    /// How many `queued` or `delivery_attempted` messages of the channel are due only after `date`
    /// (send windows, retry backoff): one range of the `messages_due` index per status, counted
    /// without reading rows.
    public func countScheduled(channel: ChannelKey, after date: Date) throws -> Int {
        try connection.readTransaction {
            var count = 0
            for query in Self.scheduledCountQueries {
                count +=
                    try connection.queryFirst(query, channel.environment, channel.channelID, date) { $0.int(0) }
                    ?? 0
            }
            return count
        }
    }

    /// The earliest time a message of the channel is due: its `nextAttemptAt`, or for a leased
    /// message the later of that and the lease's expiry. May be in the past (something is due now).
    public func nextDueDate(channel: ChannelKey) throws -> Date? {
        try connection.readTransaction {
            var earliest: Int64?
            for query in Self.nextDueQueries {
                let unleased = try connection.queryFirst(query, channel.environment, channel.channelID) { $0.int64(0) }
                earliest = [earliest, unleased].compactMap { $0 }.min()
            }
            let leased = try connection.queryFirst(
                "SELECT MIN(MAX(next_attempt_at, lease_expires_at)) FROM messages INDEXED BY messages_leased "
                    + "WHERE environment = ?1 AND channel_id = ?2 AND lease_owner IS NOT NULL "
                    + "AND status IN ('queued', 'delivery_attempted') AND next_attempt_at IS NOT NULL",
                channel.environment, channel.channelID
            ) { $0.isNull(0) ? nil : $0.int64(0) }
            return [earliest, leased ?? nil].compactMap { $0 }.min().map(Date.init(millisecondsSince1970:))
        }
    }

    /// Deletes the content and delivery logs of `delivered` messages last updated before `date`; the
    /// message row (status, dates, recipient, provider id) and its timeline stay. Works in batches of
    /// 500 messages per transaction so that other writers are not held up for long.
    ///
    /// A message counts as pruned once its content is gone: an index holds only the delivered
    /// messages that still have content, so each run reads only what it prunes. (A delivered
    /// message stored without content keeps its logs; none is sent without content.)
    ///
    /// - Returns: How many messages were pruned (those that still had content).
    public func pruneDelivered(environment: String?, updatedBefore date: Date) throws -> Int {
        var pruned = 0
        while true {
            let count = try connection.transaction {
                let ids = try connection.query(
                    "SELECT id FROM messages WHERE status = 'delivered' AND content IS NOT NULL AND updated_at < ?1 "
                        + "AND (?2 IS NULL OR environment = ?2) LIMIT 500",
                    date, environment
                ) { $0.string(0) }
                for id in ids {
                    try connection.execute("UPDATE messages SET content = NULL, content_type = NULL WHERE id = ?1", id)
                    try connection.execute("DELETE FROM attempt_logs WHERE message_id = ?1", id)
                }
                return ids.count
            }
            pruned += count
            if count < 500 { return pruned }
        }
    }
}
