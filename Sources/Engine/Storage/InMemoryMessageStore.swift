public import Foundation
public import Providers

/// A ``MessageStore`` and ``ChannelDataStore`` in memory: for tests and throwaway runs, not durable.
public actor InMemoryMessageStore: MessageStore, ChannelDataStore {
    private struct Row {
        var message: MessageRecord
        var leaseOwner: String?
        var leaseUntil: Date?
    }

    private var rows: [String: Row] = [:]
    private var timeline: [String: [MessageEvent]] = [:]
    private var logs: [String: [DeliveryAttemptLog]] = [:]
    private var channelDataByKey: [String: JSONValue] = [:]

    /// An empty store.
    public init() {}

    public func insert(_ message: MessageRecord, events: [MessageEvent]) throws {
        guard rows[message.id] == nil else { throw EngineError(.conflict, "message \(message.id) exists already") }
        rows[message.id] = Row(message: message)
        timeline[message.id] = events
    }

    public func insert(_ message: MessageRecord, events: [MessageEvent], leaseOwner: String, leaseUntil: Date) throws {
        try insert(message, events: events)
        rows[message.id]?.leaseOwner = leaseOwner
        rows[message.id]?.leaseUntil = leaseUntil
    }

    public func message(id: String) -> MessageRecord? {
        rows[id]?.message
    }

    public func message(providerMessageID: String, channelID: String, environment: String) -> MessageRecord? {
        rows.values.first {
            $0.message.providerMessageID == providerMessageID && $0.message.channelID == channelID
                && $0.message.environment == environment
        }?.message
    }

    public func claimDue(channel: ChannelKey, now: Date, limit: Int, leaseOwner: String, leaseUntil: Date)
        -> [MessageRecord]
    {
        let due = rows.values.filter { row in
            row.message.environment == channel.environment && row.message.channelID == channel.channelID
                && [.queued, .deliveryAttempted].contains(row.message.status)
                && (row.message.nextAttemptAt.map { $0 <= now } ?? false)
                && (row.leaseUntil.map { $0 <= now } ?? true)
        }
        .sorted { ($0.message.nextAttemptAt!, $0.message.id) < ($1.message.nextAttemptAt!, $1.message.id) }
        .prefix(max(0, limit))
        for row in due {
            rows[row.message.id]?.leaseOwner = leaseOwner
            rows[row.message.id]?.leaseUntil = leaseUntil
        }
        return due.map(\.message)
    }

    public func record(_ change: MessageChange) throws {
        guard let row = rows[change.message.id] else { throw EngineError(.notFound, "no message \(change.message.id)") }
        if let expected = change.expectedStatus, row.message.status != expected {
            throw EngineError(
                .conflict, "message \(change.message.id) is \(row.message.status.rawValue), not \(expected.rawValue)")
        }
        var updated = Row(message: change.message, leaseOwner: row.leaseOwner, leaseUntil: row.leaseUntil)
        updated.message.engagement = row.message.engagement
        if let owner = change.releasingLeaseOf, row.leaseOwner == owner {
            updated.leaseOwner = nil
            updated.leaseUntil = nil
        }
        rows[change.message.id] = updated
        timeline[change.message.id, default: []] += change.events
        if let log = change.attemptLog { logs[change.message.id, default: []].append(log) }
    }

    public func record(_ changes: [MessageChange]) -> [Result<Void, EngineError>] {
        changes.map { change in
            do {
                try record(change)
                return .success(())
            } catch let error as EngineError {
                return .failure(error)
            } catch {
                return .failure(EngineError(.storageFailure, "\(error)"))
            }
        }
    }

    public func recordEngagement(_ changes: [MessageChange]) throws {
        let missing = changes.map(\.message.id).filter { rows[$0] == nil }
        guard missing.isEmpty else {
            throw EngineError(.notFound, "no messages \(missing.joined(separator: ", "))")
        }
        for change in changes {
            if let expected = change.expectedEngagement, rows[change.message.id]?.message.engagement != expected {
                throw EngineError(.conflict, "the engagement of message \(change.message.id) changed meanwhile")
            }
        }
        for change in changes {
            rows[change.message.id]?.message.engagement = change.message.engagement
            rows[change.message.id]?.message.updatedAt = change.message.updatedAt
            timeline[change.message.id, default: []] += change.events
        }
    }

    public func listMessages(_ query: MessageQuery, page: PageRequest) throws -> Page<MessageRecord> {
        try Page(messages: listing(query), request: page)
    }

    public func feedCounts(_ query: MessageQuery) -> (total: Int, unseen: Int, unread: Int) {
        var badge = query
        badge.engagement = [.unarchived]
        let unarchived = rows.values.map(\.message).filter(badge.matches)
        return (
            rows.values.count { query.matches($0.message) }, unarchived.count { $0.engagement.seenAt == nil },
            unarchived.count { $0.engagement.readAt == nil }
        )
    }

    /// Every message matching `query`, newest first.
    private func listing(_ query: MessageQuery) -> [MessageRecord] {
        rows.values.map(\.message).filter(query.matches).sorted { MessageCursor($1) < MessageCursor($0) }
    }

    public func events(messageID: String) -> [MessageEvent] {
        timeline[messageID] ?? []
    }

    public func attemptLogs(messageID: String) -> [DeliveryAttemptLog] {
        logs[messageID] ?? []
    }

    public func releaseLeases(owner: String) {
        for (id, row) in rows where row.leaseOwner == owner {
            rows[id]?.leaseOwner = nil
            rows[id]?.leaseUntil = nil
        }
    }

    public func countByStatus(channel: ChannelKey?) -> [DeliveryStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0, 0) })
        for row in rows.values
        where channel.map({ $0.environment == row.message.environment && $0.channelID == row.message.channelID })
            ?? true
        {
            counts[row.message.status, default: 0] += 1
        }
        return counts
    }

    public func countScheduled(channel: ChannelKey, after date: Date) -> Int {
        rows.values.count { row in
            row.message.environment == channel.environment && row.message.channelID == channel.channelID
                && [.queued, .deliveryAttempted].contains(row.message.status)
                && (row.message.nextAttemptAt.map { $0 > date } ?? false)
        }
    }

    public func nextDueDate(channel: ChannelKey) -> Date? {
        rows.values.compactMap { row -> Date? in
            guard row.message.environment == channel.environment, row.message.channelID == channel.channelID,
                [.queued, .deliveryAttempted].contains(row.message.status), let due = row.message.nextAttemptAt
            else { return nil }
            return max(due, row.leaseUntil ?? due)
        }.min()
    }

    public func pruneDelivered(environment: String?, updatedBefore date: Date) -> Int {
        var pruned = 0
        for (id, row) in rows
        where row.message.status == .delivered && row.message.updatedAt < date && row.message.content != nil
            && (environment.map { $0 == row.message.environment } ?? true)
        {
            rows[id]?.message.content = nil
            logs[id] = nil
            pruned += 1
        }
        return pruned
    }

    public func reassignMessages(from: String, to: String, environment: String, createdSince: Date) -> Int {
        var moved = 0
        for (id, row) in rows
        where row.message.kind == .notification && row.message.environment == environment
            && row.message.recipient.id == from && row.message.createdAt >= createdSince
        {
            rows[id]?.message.recipient.id = to
            moved += 1
        }
        return moved
    }

    // MARK: - Channel data

    private func key(_ recipientID: String, _ channelID: String, _ environment: String) -> String {
        "\(environment)\u{0}\(recipientID)\u{0}\(channelID)"
    }

    public func channelData(recipientID: String, channelID: String, environment: String) -> JSONValue? {
        channelDataByKey[key(recipientID, channelID, environment)]
    }

    public func setChannelData(_ data: JSONValue, recipientID: String, channelID: String, environment: String) {
        channelDataByKey[key(recipientID, channelID, environment)] = data
    }

    public func removeTokens(_ tokens: [String], recipientID: String, channelID: String, environment: String)
        -> [String]
    {
        let key = key(recipientID, channelID, environment)
        guard case .object(var object) = channelDataByKey[key], let current = object["tokens"]?.arrayValue else {
            return []
        }
        let removed = current.compactMap(\.stringValue).filter(tokens.contains)
        object["tokens"] = .array(current.filter { !tokens.contains($0.stringValue ?? "") })
        channelDataByKey[key] = .object(object)
        return removed
    }
}
