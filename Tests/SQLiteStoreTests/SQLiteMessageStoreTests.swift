import Engine
import Foundation
import Providers
import SQLiteStore
import Testing

@Suite struct SQLiteMessageStoreTests {
    @Test(arguments: Samples.contents.map(Optional.some) + [nil])
    func roundTripsEveryField(content: OutboundMessage.Content?) async throws {
        let store = try SQLiteMessageStore.inMemory()
        let message = Samples.fullMessage("msg_full", content: content, channelType: content?.channelType ?? .inAppFeed)
        try await store.insert(message, events: [Samples.queued("msg_full")])
        #expect(try await store.message(id: "msg_full") == message)
        #expect(
            try await store.message(
                providerMessageID: "pm_msg_full", channelID: message.channelID, environment: "staging")
                == message)
        #expect(
            try await store.message(providerMessageID: "pm_msg_full", channelID: "other", environment: "staging") == nil
        )
        #expect(try await store.message(id: "msg_missing") == nil)
    }

    @Test func roundTripsEveryKindAndStatus() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for (index, status) in DeliveryStatus.allCases.enumerated() {
            for kind in MessageRecord.Kind.allCases {
                var message = Samples.message("msg_\(index)_\(kind.rawValue)", status: status, due: nil)
                message.kind = kind
                try await store.insert(message, events: [])
                #expect(try await store.message(id: message.id) == message)
            }
        }
    }

    @Test func keepsDatesToTheMillisecond() async throws {
        let store = try SQLiteMessageStore.inMemory()
        var message = Samples.message("msg_1")
        message.createdAt = Samples.millis(-1)  // before 1970
        message.updatedAt = Date(timeIntervalSince1970: 1_772_443_800.123_4)  // rounded to .123
        message.nextAttemptAt = Date(timeIntervalSince1970: 1_772_443_800.123_6)  // rounded to .124
        try await store.insert(message, events: [])
        let stored = try #require(try await store.message(id: "msg_1"))
        #expect(stored.createdAt == Samples.millis(-1))
        #expect(stored.updatedAt == Samples.millis(1_772_443_800_123))
        #expect(stored.nextAttemptAt == Samples.millis(1_772_443_800_124))
    }

    @Test func insertingAnExistingIDIsAConflict() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_1"), events: [Samples.queued("msg_1")])
        var other = Samples.message("msg_1")
        other.providerMessageID = "changed"
        let error = try await #require(throws: EngineError.self) {
            try await store.insert(other, events: [Samples.queued("msg_1")])
        }
        #expect(error.code == .conflict)
        #expect(try await store.message(id: "msg_1") == Samples.message("msg_1"))
        #expect(try await store.events(messageID: "msg_1").count == 1)
    }

    @Test func eventsKeepTheirOrderAcrossChanges() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let first = [
            Samples.queued("msg_1"),
            MessageEvent(messageID: "msg_1", kind: .warning, reason: "time zone fallback", occurredAt: Samples.at(0)),
        ]
        try await store.insert(Samples.message("msg_1"), events: first)
        var message = Samples.message("msg_1", status: .sent, due: nil)
        message.attemptCount = 1
        let second = [
            MessageEvent(messageID: "msg_1", kind: .status(.sent), status: .sent, occurredAt: Samples.at(5)),
            MessageEvent(messageID: "msg_1", kind: .engagement(.read), occurredAt: Samples.at(-5)),
        ]
        try await store.record(MessageChange(message: message, expectedStatus: .queued, events: second))
        let third = [
            MessageEvent(messageID: "msg_1", kind: .targetRemoved, reason: "token t1", occurredAt: Samples.at(9))
        ]
        try await store.record(MessageChange(message: message, events: third))
        // Stored order, not time order: the timeline is what happened as recorded.
        #expect(try await store.events(messageID: "msg_1") == first + second + third)
        #expect(try await store.events(messageID: "msg_other") == [])
    }

    @Test func storesAttemptLogsWithTheirExchanges() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_1"), events: [])
        let logs = [
            DeliveryAttemptLog(
                messageID: "msg_1", attempt: 1, startedAt: Samples.at(0), durationMilliseconds: 250,
                exchanges: [Samples.exchange], outcome: "unavailable", detail: "HTTP 503"),
            DeliveryAttemptLog(
                messageID: "msg_1", attempt: 2, startedAt: Samples.at(30_000), durationMilliseconds: 80,
                exchanges: [], outcome: "accepted", detail: nil),
        ]
        var message = Samples.message("msg_1", status: .deliveryAttempted, due: Samples.at(30_000))
        try await store.record(MessageChange(message: message, attemptLog: logs[0]))
        message.status = .sent
        try await store.record(MessageChange(message: message, attemptLog: logs[1]))
        #expect(try await store.attemptLogs(messageID: "msg_1") == logs)
    }

    @Test func recordingAnUnknownMessageIsNotFound() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let error = try await #require(throws: EngineError.self) {
            try await store.record(MessageChange(message: Samples.message("msg_1")))
        }
        #expect(error.code == .notFound)
    }

    @Test func aStatusConflictWritesNothing() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_1"), events: [Samples.queued("msg_1")])
        let claimed = try await store.claimDue(
            channel: Samples.channel, now: Samples.epoch, limit: 1, leaseOwner: "w1", leaseUntil: Samples.at(60_000))
        #expect(claimed.map(\.id) == ["msg_1"])
        var changed = Samples.message("msg_1", status: .delivered, due: nil)
        changed.providerMessageID = "pm_1"
        let change = MessageChange(
            message: changed, expectedStatus: .sent,
            events: [MessageEvent(messageID: "msg_1", kind: .status(.delivered), occurredAt: Samples.at(1))],
            attemptLog: DeliveryAttemptLog(
                messageID: "msg_1", attempt: 1, startedAt: Samples.at(0), durationMilliseconds: 1, exchanges: [],
                outcome: "accepted", detail: nil),
            releasingLeaseOf: "w1")
        let error = try await #require(throws: EngineError.self) { try await store.record(change) }
        #expect(error.code == .conflict)
        #expect(try await store.message(id: "msg_1") == Samples.message("msg_1"))
        #expect(try await store.events(messageID: "msg_1") == [Samples.queued("msg_1")])
        #expect(try await store.attemptLogs(messageID: "msg_1") == [])
        // The lease is still held: nothing is claimable before it expires.
        #expect(
            try await store.claimDue(
                channel: Samples.channel, now: Samples.at(1), limit: 1, leaseOwner: "w2", leaseUntil: Samples.at(60_000)
            ).isEmpty)
    }

    @Test func eventsForAnotherMessageAreRefused() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let error = try await #require(throws: EngineError.self) {
            try await store.insert(Samples.message("msg_1"), events: [Samples.queued("msg_2")])
        }
        #expect(error.code == .invalidInput)
        #expect(try await store.message(id: "msg_1") == nil)
    }

    @Test func aBatchStoresEachChangeOnItsOwn() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for id in ["msg_1", "msg_2", "msg_3"] {
            try await store.insert(Samples.message(id), events: [Samples.queued(id)])
        }
        let sent = { (id: String) in
            MessageChange(
                message: Samples.message(id, status: .sent, due: nil), expectedStatus: .queued,
                events: [MessageEvent(messageID: id, kind: .status(.sent), status: .sent, occurredAt: Samples.at(1))])
        }
        var conflicting = sent("msg_2")
        conflicting.expectedStatus = .deliveryAttempted
        let results = try await store.record([sent("msg_1"), conflicting, sent("msg_missing"), sent("msg_3")])
        #expect(results.count == 4)
        #expect((try? results[0].get()) != nil)
        #expect(results[1].failure?.code == .conflict)
        #expect(results[2].failure?.code == .notFound)
        #expect((try? results[3].get()) != nil)
        #expect(try await store.message(id: "msg_1")?.status == .sent)
        #expect(try await store.message(id: "msg_2")?.status == .queued)
        #expect(try await store.message(id: "msg_3")?.status == .sent)
        #expect(try await store.events(messageID: "msg_2").count == 1)
        #expect(try await store.events(messageID: "msg_3").count == 2)
        #expect(try await store.record([]).isEmpty)
    }

    @Test func aBatchInsertStoresEachMessageOnItsOwn() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_2"), events: [Samples.queued("msg_2")])
        let results = try await store.insert([
            (Samples.message("msg_1"), [Samples.queued("msg_1")]),
            (Samples.message("msg_2", due: nil), [Samples.queued("msg_2")]),
            (Samples.message("msg_3"), [Samples.queued("msg_1")]),
            (Samples.message("msg_4"), [Samples.queued("msg_4"), Samples.queued("msg_4", at: Samples.at(1))]),
        ])
        #expect(results.count == 4)
        #expect((try? results[0].get()) != nil)
        #expect(results[1].failure?.code == .conflict)
        #expect(results[2].failure?.code == .invalidInput)
        #expect((try? results[3].get()) != nil)
        #expect(try await store.message(id: "msg_1") == Samples.message("msg_1"))
        #expect(try await store.message(id: "msg_2") == Samples.message("msg_2"))
        #expect(try await store.message(id: "msg_3") == nil)
        #expect(try await store.events(messageID: "msg_2") == [Samples.queued("msg_2")])
        #expect(try await store.events(messageID: "msg_4").count == 2)
        #expect(try await store.insert([]).isEmpty)
    }

    @Test func aClosedStoreIsUnavailable() async throws {
        let store = try SQLiteMessageStore.inMemory()
        await store.close()
        let error = try await #require(throws: EngineError.self) { try await store.message(id: "msg_1") }
        #expect(error.code == .unavailable)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
