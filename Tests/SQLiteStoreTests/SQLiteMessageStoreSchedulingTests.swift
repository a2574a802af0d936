import Engine
import Foundation
import SQLiteStore
import Testing

@Suite struct SQLiteMessageStoreSchedulingTests {
    private func claim(
        _ store: SQLiteMessageStore, now: Date, limit: Int = 10, owner: String = "w1",
        channel: ChannelKey = Samples.channel,
        leaseFor milliseconds: Int64 = 60_000
    ) async throws -> [String] {
        try await store.claimDue(
            channel: channel, now: now, limit: limit, leaseOwner: owner,
            leaseUntil: now.addingTimeInterval(Double(milliseconds) / 1000)
        ).map(\.id)
    }

    @Test func claimsOnlyDueMessagesInDueStatuses() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_queued"), events: [])
        try await store.insert(Samples.message("msg_retry", status: .deliveryAttempted), events: [])
        try await store.insert(Samples.message("msg_later", due: Samples.at(1)), events: [])
        try await store.insert(Samples.message("msg_waiting", due: nil), events: [])
        for status in [DeliveryStatus.sent, .delivered, .undelivered, .bounced, .notSent] {
            try await store.insert(Samples.message("msg_\(status.rawValue)", status: status), events: [])
        }
        #expect(try await claim(store, now: Samples.epoch) == ["msg_queued", "msg_retry"])
        #expect(try await claim(store, now: Samples.at(1)) == ["msg_later"])
        #expect(try await claim(store, now: Samples.at(59_999)) == [])
    }

    @Test func claimsOldestDueFirstThenByIDUpToTheLimit() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_c", due: Samples.at(-10)), events: [])
        try await store.insert(Samples.message("msg_b", status: .deliveryAttempted, due: Samples.at(-10)), events: [])
        try await store.insert(Samples.message("msg_a", due: Samples.at(-5)), events: [])
        try await store.insert(Samples.message("msg_d", status: .deliveryAttempted, due: Samples.at(-20)), events: [])
        #expect(try await claim(store, now: Samples.epoch, limit: 3) == ["msg_d", "msg_b", "msg_c"])
        #expect(try await claim(store, now: Samples.epoch, limit: 3) == ["msg_a"])
        #expect(try await claim(store, now: Samples.epoch, limit: 0) == [])
    }

    @Test func claimsOnlyTheGivenChannel() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let otherChannel = ChannelKey(environment: "production", channelID: "sms-main")
        let otherEnvironment = ChannelKey(environment: "staging", channelID: Samples.channel.channelID)
        try await store.insert(Samples.message("msg_1"), events: [])
        try await store.insert(Samples.message("msg_2", channel: otherChannel), events: [])
        try await store.insert(Samples.message("msg_3", channel: otherEnvironment), events: [])
        #expect(try await claim(store, now: Samples.epoch) == ["msg_1"])
        #expect(try await claim(store, now: Samples.epoch, channel: otherChannel) == ["msg_2"])
        #expect(try await claim(store, now: Samples.epoch, channel: otherEnvironment) == ["msg_3"])
    }

    @Test func aLeaseHidesAMessageUntilItExpires() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_1"), events: [])
        #expect(try await claim(store, now: Samples.epoch, owner: "w1", leaseFor: 30_000) == ["msg_1"])
        #expect(try await claim(store, now: Samples.at(29_999), owner: "w2") == [])
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(30_000))
        #expect(try await claim(store, now: Samples.at(30_000), owner: "w2") == ["msg_1"])
    }

    @Test func recordReleasesOnlyItsOwnersLease() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_1"), events: [])
        #expect(try await claim(store, now: Samples.epoch, owner: "w1") == ["msg_1"])
        let retry = Samples.message("msg_1", status: .deliveryAttempted, due: Samples.at(10))
        try await store.record(MessageChange(message: retry, releasingLeaseOf: "w2"))
        #expect(try await claim(store, now: Samples.at(10), owner: "w2") == [])
        try await store.record(MessageChange(message: retry, releasingLeaseOf: "w1"))
        #expect(try await claim(store, now: Samples.at(10), owner: "w2") == ["msg_1"])
    }

    @Test func releaseLeasesFreesOneOwnersMessages() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for id in ["msg_1", "msg_2", "msg_3"] {
            try await store.insert(Samples.message(id), events: [])
        }
        #expect(try await claim(store, now: Samples.epoch, limit: 2, owner: "w1") == ["msg_1", "msg_2"])
        #expect(try await claim(store, now: Samples.epoch, limit: 2, owner: "w2") == ["msg_3"])
        try await store.releaseLeases(owner: "w1")
        #expect(try await claim(store, now: Samples.epoch, owner: "w3") == ["msg_1", "msg_2"])
    }

    @Test func twoStoresOnOneFileNeverClaimTheSameMessage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try SQLiteMessageStore.open(directory: directory.path)
        let second = try SQLiteMessageStore.open(directory: directory.path)
        let count = 300
        let messages = (0..<count).map { index in
            (Samples.message("msg_\(index)", due: Samples.at(Int64(index % 7))), [MessageEvent]())
        }
        #expect(try await first.insert(messages).allSatisfy { (try? $0.get()) != nil })
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                let store = worker.isMultiple(of: 2) ? first : second
                group.addTask {
                    var mine: [String] = []
                    while true {
                        let batch = try await store.claimDue(
                            channel: Samples.channel, now: Samples.at(10), limit: 7, leaseOwner: "w\(worker)",
                            leaseUntil: Samples.at(3_600_000))
                        if batch.isEmpty { return mine }
                        mine += batch.map(\.id)
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.count == count)
        #expect(Set(claimed).count == count)
    }

    @Test func countsByStatus() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let other = ChannelKey(environment: "production", channelID: "sms-main")
        try await store.insert(Samples.message("msg_1"), events: [])
        try await store.insert(Samples.message("msg_2"), events: [])
        try await store.insert(Samples.message("msg_3", status: .delivered), events: [])
        try await store.insert(Samples.message("msg_4", channel: other, status: .bounced), events: [])
        var expected = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0, 0) })
        expected[.queued] = 2
        expected[.delivered] = 1
        #expect(try await store.countByStatus(channel: Samples.channel) == expected)
        expected[.bounced] = 1
        #expect(try await store.countByStatus(channel: nil) == expected)
    }

    @Test func nextDueDateConsidersStatusesAndLeases() async throws {
        let store = try SQLiteMessageStore.inMemory()
        #expect(try await store.nextDueDate(channel: Samples.channel) == nil)
        try await store.insert(Samples.message("msg_sent", status: .sent, due: Samples.at(1)), events: [])
        try await store.insert(Samples.message("msg_waiting", due: nil), events: [])
        #expect(try await store.nextDueDate(channel: Samples.channel) == nil)
        try await store.insert(
            Samples.message("msg_retry", status: .deliveryAttempted, due: Samples.at(500)), events: [])
        try await store.insert(Samples.message("msg_1", due: Samples.at(100)), events: [])
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(100))
        #expect(try await claim(store, now: Samples.at(100), limit: 1, leaseFor: 1000) == ["msg_1"])
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(500))
        #expect(try await claim(store, now: Samples.at(500), limit: 1, leaseFor: 100) == ["msg_retry"])
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(600))
        try await store.releaseLeases(owner: "w1")
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(100))
    }

    @Test func prunesOnlyOldDeliveredMessagesAndKeepsTheirTimeline() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let log = { (id: String) in
            DeliveryAttemptLog(
                messageID: id, attempt: 1, startedAt: Samples.at(0), durationMilliseconds: 5,
                exchanges: [Samples.exchange], outcome: "accepted", detail: nil)
        }
        let cases: [(String, DeliveryStatus, Int64)] = [
            ("msg_old", .delivered, -10), ("msg_new", .delivered, 0),
            ("msg_sent", .sent, -10), ("msg_bounced", .bounced, -10), ("msg_undelivered", .undelivered, -10),
        ]
        for (id, status, updated) in cases {
            try await store.insert(Samples.message(id), events: [Samples.queued(id)])
            let change = MessageChange(
                message: Samples.message(id, status: status, due: nil, updatedAt: Samples.at(updated)),
                events: [MessageEvent(messageID: id, kind: .status(status), status: status, occurredAt: Samples.at(1))],
                attemptLog: log(id))
            try await store.record(change)
        }
        #expect(try await store.pruneDelivered(environment: nil, updatedBefore: Samples.epoch) == 1)
        let pruned = try #require(try await store.message(id: "msg_old"))
        #expect(pruned.content == nil)
        #expect(pruned.status == .delivered)
        #expect(
            pruned == Samples.message("msg_old", status: .delivered, due: nil, content: nil, updatedAt: Samples.at(-10))
        )
        #expect(try await store.attemptLogs(messageID: "msg_old") == [])
        #expect(try await store.events(messageID: "msg_old").count == 2)
        for (id, _, _) in cases.dropFirst() {
            #expect(try await store.message(id: id)?.content != nil)
            #expect(try await store.attemptLogs(messageID: id) == [log(id)])
        }
        #expect(try await store.pruneDelivered(environment: nil, updatedBefore: Samples.epoch) == 0)
    }

    @Test func countsOnlyQueuedAndRetryingMessagesDueAfterADate() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let other = ChannelKey(environment: "staging", channelID: Samples.channel.channelID)
        try await store.insert(Samples.message("msg_now"), events: [])
        try await store.insert(Samples.message("msg_window", due: Samples.at(3_600_000)), events: [])
        try await store.insert(
            Samples.message("msg_backoff", status: .deliveryAttempted, due: Samples.at(20_000)), events: [])
        try await store.insert(Samples.message("msg_sent", status: .sent, due: Samples.at(20_000)), events: [])
        try await store.insert(Samples.message("msg_other", channel: other, due: Samples.at(20_000)), events: [])
        #expect(try await store.countScheduled(channel: Samples.channel, after: Samples.epoch) == 2)
        #expect(try await store.countScheduled(channel: Samples.channel, after: Samples.at(20_000)) == 1)
        #expect(try await store.countScheduled(channel: Samples.channel, after: Samples.at(3_600_000)) == 0)
        #expect(try await store.countScheduled(channel: other, after: Samples.epoch) == 1)
    }
}
