import Engine
import Foundation
import SQLiteStore
import Testing

@Suite struct SQLiteMessageStoreListingTests {
    @Test func listsMessagesInIDOrderPageByPage() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for id in ["msg_c", "msg_a", "msg_e", "msg_b", "msg_d"] {
            try await store.insert(Samples.message(id), events: [])
        }
        #expect(try await store.messages(limit: 10).map(\.id) == ["msg_a", "msg_b", "msg_c", "msg_d", "msg_e"])
        #expect(try await store.messages(limit: 2).map(\.id) == ["msg_a", "msg_b"])
        #expect(try await store.messages(limit: 2, after: "msg_b").map(\.id) == ["msg_c", "msg_d"])
        #expect(try await store.messages(limit: 2, after: "msg_d").map(\.id) == ["msg_e"])
        #expect(try await store.messages(limit: 2, after: "msg_e").isEmpty)
        #expect(try await store.messages(limit: 0).isEmpty)
        #expect(try await store.messages(limit: 1) == [Samples.message("msg_a")])
    }

    @Test func filtersByStatus() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_1"), events: [])
        try await store.insert(Samples.message("msg_2", status: .delivered, due: nil), events: [])
        try await store.insert(Samples.message("msg_3", status: .deliveryAttempted), events: [])
        try await store.insert(Samples.message("msg_4", status: .delivered, due: nil), events: [])
        #expect(try await store.messages(status: .delivered, limit: 10).map(\.id) == ["msg_2", "msg_4"])
        #expect(try await store.messages(status: .delivered, limit: 10, after: "msg_2").map(\.id) == ["msg_4"])
        #expect(try await store.messages(status: .deliveryAttempted, limit: 10).map(\.id) == ["msg_3"])
        #expect(try await store.messages(status: .bounced, limit: 10).isEmpty)
    }

    @Test func listsLeasesUntilReleasedOrRecorded() async throws {
        let store = try SQLiteMessageStore.inMemory()
        for id in ["msg_1", "msg_2", "msg_3"] {
            try await store.insert(Samples.message(id), events: [])
        }
        #expect(try await store.leases().isEmpty)
        _ = try await store.claimDue(
            channel: Samples.channel, now: Samples.epoch, limit: 2, leaseOwner: "w1", leaseUntil: Samples.at(2000))
        _ = try await store.claimDue(
            channel: Samples.channel, now: Samples.epoch, limit: 1, leaseOwner: "w2", leaseUntil: Samples.at(3000))
        #expect(
            try await store.leases() == [
                "msg_1": .init(owner: "w1", expiresAt: Samples.at(2000)),
                "msg_2": .init(owner: "w1", expiresAt: Samples.at(2000)),
                "msg_3": .init(owner: "w2", expiresAt: Samples.at(3000)),
            ])
        try await store.record(
            MessageChange(message: Samples.message("msg_1", status: .delivered, due: nil), releasingLeaseOf: "w1"))
        try await store.releaseLeases(owner: "w2")
        #expect(try await store.leases() == ["msg_2": .init(owner: "w1", expiresAt: Samples.at(2000))])
    }
}
