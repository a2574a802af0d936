import Engine
import Foundation
import Providers
import Synchronization

/// An ``InMemoryMessageStore`` that records how messages reach it: which were claimed, which were
/// inserted leased, and the sizes of the outcome batches.
final class CountingMessageStore: MessageStore {
    struct Calls {
        var claimed: [String] = []
        var claimCalls = 0
        var leasedInserts: [String] = []
        var outcomeBatches: [Int] = []
        var singleRecords = 0
        var nextDueReads = 0
    }

    let inner = InMemoryMessageStore()
    private let counts = Mutex(Calls())

    var calls: Calls { counts.withLock { $0 } }

    func insert(_ message: MessageRecord, events: [MessageEvent]) async throws {
        try await inner.insert(message, events: events)
    }

    func insert(_ message: MessageRecord, events: [MessageEvent], leaseOwner: String, leaseUntil: Date) async throws {
        try await inner.insert(message, events: events, leaseOwner: leaseOwner, leaseUntil: leaseUntil)
        counts.withLock { $0.leasedInserts.append(message.id) }
    }

    func message(id: String) async throws -> MessageRecord? { await inner.message(id: id) }

    func message(providerMessageID: String, channelID: String, environment: String) async throws -> MessageRecord? {
        await inner.message(providerMessageID: providerMessageID, channelID: channelID, environment: environment)
    }

    func claimDue(channel: ChannelKey, now: Date, limit: Int, leaseOwner: String, leaseUntil: Date) async throws
        -> [MessageRecord]
    {
        let claimed = await inner.claimDue(
            channel: channel, now: now, limit: limit, leaseOwner: leaseOwner, leaseUntil: leaseUntil)
        counts.withLock {
            $0.claimed += claimed.map(\.id)
            $0.claimCalls += 1
        }
        return claimed
    }

    func record(_ change: MessageChange) async throws {
        counts.withLock { $0.singleRecords += 1 }
        try await inner.record(change)
    }

    func record(_ changes: [MessageChange]) async throws -> [Result<Void, EngineError>] {
        counts.withLock { $0.outcomeBatches.append(changes.count) }
        return await inner.record(changes)
    }

    func recordEngagement(_ changes: [MessageChange]) async throws { try await inner.recordEngagement(changes) }

    func listMessages(_ query: MessageQuery, page: PageRequest) async throws -> Page<MessageRecord> {
        try await inner.listMessages(query, page: page)
    }

    func feedCounts(_ query: MessageQuery) async throws -> (total: Int, unseen: Int, unread: Int) {
        await inner.feedCounts(query)
    }

    func events(messageID: String) async throws -> [MessageEvent] { await inner.events(messageID: messageID) }

    func attemptLogs(messageID: String) async throws -> [DeliveryAttemptLog] {
        await inner.attemptLogs(messageID: messageID)
    }

    func releaseLeases(owner: String) async throws { await inner.releaseLeases(owner: owner) }

    func countByStatus(channel: ChannelKey?) async throws -> [DeliveryStatus: Int] {
        await inner.countByStatus(channel: channel)
    }

    func countScheduled(channel: ChannelKey, after date: Date) async throws -> Int {
        await inner.countScheduled(channel: channel, after: date)
    }

    func nextDueDate(channel: ChannelKey) async throws -> Date? {
        counts.withLock { $0.nextDueReads += 1 }
        return await inner.nextDueDate(channel: channel)
    }

    func pruneDelivered(environment: String?, updatedBefore date: Date) async throws -> Int {
        await inner.pruneDelivered(environment: environment, updatedBefore: date)
    }

    func reassignMessages(from: String, to: String, environment: String, createdSince: Date) async throws -> Int {
        await inner.reassignMessages(from: from, to: to, environment: environment, createdSince: createdSince)
    }
}
