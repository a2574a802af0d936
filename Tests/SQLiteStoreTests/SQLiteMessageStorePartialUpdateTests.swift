import Engine
import Foundation
import Providers
import SQLiteStore
import Testing

/// A change that carries the message as read before it writes only the delivery state when nothing
/// else changed, and everything otherwise.
@Suite struct SQLiteMessageStorePartialUpdateTests {
    private static let channel = ChannelKey(environment: "staging", channelID: "ch-email")

    /// The full sample message, claimed by `w1` on its channel.
    private func claimedFullMessage(in store: SQLiteMessageStore) async throws -> MessageRecord {
        let message = Samples.fullMessage("msg_1", content: Samples.contents[0], channelType: .email)
        try await store.insert(message, events: [Samples.queued("msg_1")])
        let claimed = try await store.claimDue(
            channel: Self.channel, now: Samples.at(60_000), limit: 1, leaseOwner: "w1",
            leaseUntil: Samples.at(120_000))
        try #require(claimed == [message])
        return message
    }

    /// Every delivery-state field changed, nothing else.
    private func attempted(_ message: MessageRecord) -> MessageRecord {
        var changed = message
        changed.status = .deliveryAttempted
        changed.providerMessageID = "pm_new"
        changed.attemptCount = 3
        changed.nextAttemptAt = Samples.at(90_000)
        changed.reauthenticationRetried = false
        changed.updatedAt = Samples.at(61_000)
        changed.retryRoundStart = 2
        return changed
    }

    @Test func aDeliveryStateChangeStoresTheStateAndKeepsEveryOtherColumn() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let claimed = try await claimedFullMessage(in: store)
        let changed = attempted(claimed)
        try await store.record(
            MessageChange(
                message: changed, expectedStatus: .deliveryAttempted,
                events: [
                    MessageEvent(messageID: "msg_1", kind: .status(.deliveryAttempted), occurredAt: Samples.at(61_000))
                ],
                releasingLeaseOf: "w1", original: claimed))

        #expect(try await store.message(id: "msg_1") == changed)
        #expect(try await store.events(messageID: "msg_1").count == 2)
        // The lease was released: the message is claimable again once due.
        let again = try await store.claimDue(
            channel: Self.channel, now: Samples.at(90_000), limit: 1, leaseOwner: "w2",
            leaseUntil: Samples.at(150_000))
        #expect(again == [changed])
    }

    @Test func fieldsEqualToTheOriginalKeepTheirStoredValues() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let claimed = try await claimedFullMessage(in: store)
        // Someone else replaces the content meanwhile (a full write: no original).
        var replaced = claimed
        replaced.content = Samples.contents[1]
        replaced.channelType = .sms
        try await store.record(MessageChange(message: replaced))

        // A change read before that writes its delivery state only: the stored content stays.
        try await store.record(MessageChange(message: attempted(claimed), releasingLeaseOf: "w1", original: claimed))
        var expected = attempted(claimed)
        expected.content = Samples.contents[1]
        expected.channelType = .sms
        #expect(try await store.message(id: "msg_1") == expected)
    }

    @Test(
        arguments: [
            { (message: inout MessageRecord) in message.recipient.email = "new@example.test" },
            { (message: inout MessageRecord) in message.content = Samples.contents[4] },
            { (message: inout MessageRecord) in message.sendWindows = [] },
            { (message: inout MessageRecord) in message.tenant = "tenant_2" },
            { (message: inout MessageRecord) in message.data = ["k": "v"] },
        ] as [@Sendable (inout MessageRecord) -> Void])
    func anyOtherChangeWritesTheWholeMessage(edit: @Sendable (inout MessageRecord) -> Void) async throws {
        let store = try SQLiteMessageStore.inMemory()
        let claimed = try await claimedFullMessage(in: store)
        var changed = attempted(claimed)
        edit(&changed)
        try await store.record(MessageChange(message: changed, releasingLeaseOf: "w1", original: claimed))
        #expect(try await store.message(id: "msg_1") == changed)
    }

    @Test func aStatusConflictWritesNothingOnThePartialPath() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let claimed = try await claimedFullMessage(in: store)
        let error = try await #require(throws: EngineError.self) {
            try await store.record(
                MessageChange(
                    message: attempted(claimed), expectedStatus: .sent, releasingLeaseOf: "w1", original: claimed))
        }
        #expect(error.code == .conflict)
        #expect(try await store.message(id: "msg_1") == claimed)
    }
}
