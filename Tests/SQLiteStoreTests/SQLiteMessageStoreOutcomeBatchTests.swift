import Engine
import Foundation
import Testing

@testable import SQLiteStore

/// `record(_ changes:)` writes many attempts' outcomes in one transaction, each still on its own;
/// `insert(_:events:leaseOwner:leaseUntil:)` stores a message already leased.
@Suite struct SQLiteMessageStoreOutcomeBatchTests {
    static func sent(_ id: String, expected: DeliveryStatus = .queued, events: Int = 1, attempt: Int? = 1)
        -> MessageChange
    {
        MessageChange(
            message: Samples.message(id, status: .sent, due: nil), expectedStatus: expected,
            events: (0..<events).map { index in
                MessageEvent(
                    messageID: id, kind: .status(.sent), status: .sent, reason: "event \(index + 1)",
                    occurredAt: Samples.at(Int64(index + 1)))
            },
            attemptLog: attempt.map { log(id, attempt: $0) }, releasingLeaseOf: "w1")
    }

    static func log(_ id: String, attempt: Int) -> DeliveryAttemptLog {
        DeliveryAttemptLog(
            messageID: id, attempt: attempt, startedAt: Samples.at(0), durationMilliseconds: 12,
            exchanges: [Samples.exchange], outcome: "accepted", detail: nil)
    }

    static func count(_ store: SQLiteMessageStore, _ sql: String) async throws -> Int? {
        try await store.write(isolated: { store in try store.connection.queryFirst(sql, read: { $0.int(0) }) })
    }

    static func reasons(_ store: SQLiteMessageStore, _ id: String) async throws -> [String?] {
        try await store.events(messageID: id).map(\.reason)
    }

    @Test func aBatchWritesEveryOutcomeInOneTransactionWithItsEventsAndLogs() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for id in ["msg_1", "msg_2", "msg_3"] {
            try await store.insert(Samples.message(id), events: [Samples.queued(id)])
        }
        _ = try await store.claimDue(
            channel: Samples.channel, now: Samples.epoch, limit: 10, leaseOwner: "w1",
            leaseUntil: Samples.at(60_000))
        let before = await store.committedWriteTransactions
        let results = try await store.record([
            Self.sent("msg_1"), Self.sent("msg_2", events: 2), Self.sent("msg_3", attempt: nil),
        ])
        #expect(results.map { $0.failure?.code } == [nil, nil, nil])
        #expect(await store.committedWriteTransactions == before + 1)
        // Each message's events are numbered after its stored ones, in order.
        #expect(try await Self.reasons(store, "msg_1") == ["accepted", "event 1"])
        #expect(try await Self.reasons(store, "msg_2") == ["accepted", "event 1", "event 2"])
        #expect(try await Self.reasons(store, "msg_3") == ["accepted", "event 1"])
        #expect(try await store.attemptLogs(messageID: "msg_1") == [Self.log("msg_1", attempt: 1)])
        #expect(try await store.attemptLogs(messageID: "msg_2") == [Self.log("msg_2", attempt: 1)])
        #expect(try await store.attemptLogs(messageID: "msg_3") == [])
        for id in ["msg_1", "msg_2", "msg_3"] {
            #expect(try await store.message(id: id) == Samples.message(id, status: .sent, due: nil))
        }
        // The leases were released: the messages are someone else's to change, not leased to w1.
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM messages WHERE lease_owner IS NOT NULL") == 0)
    }

    @Test func aChangeWhoseLogIsStoredAlreadyFailsAloneAndTheOthersAreStored() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for id in ["msg_1", "msg_2", "msg_3"] {
            try await store.insert(Samples.message(id), events: [Samples.queued(id)])
        }
        // msg_2's first attempt was logged already: its change in the batch fails at its log, after its UPDATE.
        try await store.record(
            MessageChange(message: Samples.message("msg_2"), attemptLog: Self.log("msg_2", attempt: 1)))
        var foreignEvent = Self.sent("msg_4")
        foreignEvent.events = [Samples.queued("msg_1")]
        try await store.insert(Samples.message("msg_4"), events: [])
        let results = try await store.record([
            Self.sent("msg_1"), Self.sent("msg_2"), Self.sent("msg_3", expected: .deliveryAttempted),
            foreignEvent, Self.sent("msg_missing"),
        ])
        #expect(results.map { $0.failure?.code } == [nil, .conflict, .conflict, .invalidInput, .notFound])
        #expect(results[2].failure?.message == "message msg_3 is queued, not delivery_attempted: it changed meanwhile")
        #expect(try await store.message(id: "msg_1")?.status == .sent)
        #expect(try await Self.reasons(store, "msg_1") == ["accepted", "event 1"])
        // Nothing of the failed changes was written: not the status, not the events.
        for id in ["msg_2", "msg_3"] {
            #expect(try await store.message(id: id)?.status == .queued)
            #expect(try await Self.reasons(store, id) == ["accepted"])
        }
        #expect(try await store.attemptLogs(messageID: "msg_2").map(\.exchanges) == [[Samples.exchange]])
        #expect(try await store.message(id: "msg_4")?.status == .queued)
        #expect(try await store.events(messageID: "msg_1").count == 2)
    }

    @Test func aBatchLargerThanOneInsertIsWrittenInChunks() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let ids = (1...150).map { "msg_\($0)" }
        for id in ids { try await store.insert(Samples.message(id), events: [Samples.queued(id)]) }
        let results = try await store.record(ids.map { Self.sent($0) })
        #expect(results.allSatisfy { $0.failure == nil })
        #expect(try await store.countByStatus(channel: Samples.channel)[.sent] == 150)
        #expect(try await Self.reasons(store, "msg_150") == ["accepted", "event 1"])
        #expect(try await store.attemptLogs(messageID: "msg_129").count == 1)
        #expect(try await Self.count(store, "SELECT COUNT(*) FROM attempt_logs") == 150)
    }

    @Test func aMessageInsertedLeasedIsClaimedOnlyOnceItsLeaseExpires() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(
            Samples.message("msg_1"), events: [Samples.queued("msg_1")], leaseOwner: "w1",
            leaseUntil: Samples.at(60_000))
        #expect(try await store.message(id: "msg_1") == Samples.message("msg_1"))
        #expect(try await Self.reasons(store, "msg_1") == ["accepted"])
        // Leased: no one claims it while the lease holds (as if w1 crashed before its attempt).
        let early = try await store.claimDue(
            channel: Samples.channel, now: Samples.at(59_999), limit: 10, leaseOwner: "w2",
            leaseUntil: Samples.at(120_000))
        #expect(early.isEmpty)
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(60_000))
        // Expired: another worker claims it.
        let late = try await store.claimDue(
            channel: Samples.channel, now: Samples.at(60_000), limit: 10, leaseOwner: "w2",
            leaseUntil: Samples.at(120_000))
        #expect(late.map(\.id) == ["msg_1"])
        // A second message with the same id is refused, leased or not.
        await #expect(throws: EngineError.self) {
            try await store.insert(
                Samples.message("msg_1"), events: [], leaseOwner: "w1", leaseUntil: Samples.at(60_000))
        }
    }

    @Test func theLeaseOfAMessageInsertedLeasedIsReleasedByItsOutcome() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(
            Samples.message("msg_1"), events: [], leaseOwner: "w1", leaseUntil: Samples.at(60_000))
        var retry = Samples.message("msg_1", status: .deliveryAttempted, due: Samples.at(1_000))
        retry.attemptCount = 1
        let results = try await store.record([
            MessageChange(message: retry, expectedStatus: .queued, releasingLeaseOf: "w1")
        ])
        #expect(results.map { $0.failure?.code } == [nil])
        let claimed = try await store.claimDue(
            channel: Samples.channel, now: Samples.at(1_000), limit: 10, leaseOwner: "w2",
            leaseUntil: Samples.at(120_000))
        #expect(claimed == [retry])
    }
}
