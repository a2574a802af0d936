import Engine
import Foundation
import Testing

@testable import SQLiteStore

/// Claimed rows are decoded after the claim's transaction, off the store's thread.
@Suite struct SQLiteMessageStoreClaimDecodingTests {
    @Test func anUnreadableClaimedRowFailsTheClaimAndReleasesItsLeases() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_a", due: Samples.at(-2)), events: [])
        try await store.insert(Samples.message("msg_b", due: Samples.at(-1)), events: [])
        try await store.write { store in
            try store.connection.execute("UPDATE messages SET recipient = 'not json' WHERE id = 'msg_b'")
        }

        let error = try await #require(throws: EngineError.self) {
            try await store.claimDue(
                channel: Samples.channel, now: Samples.epoch, limit: 10, leaseOwner: "w1",
                leaseUntil: Samples.at(60_000))
        }
        #expect(error.code == .storageFailure)
        #expect(error.message == "message msg_b: the stored recipient is unreadable")

        // Neither message keeps a lease: the readable one is claimable at once by anyone.
        let leases = try await store.write { store in
            try store.connection.query("SELECT id, lease_owner FROM messages ORDER BY id") {
                "\($0.string(0))=\($0.optionalString(1) ?? "none")"
            }
        }
        #expect(leases == ["msg_a=none", "msg_b=none"])
        try await store.write { store in
            try store.connection.execute("DELETE FROM messages WHERE id = 'msg_b'")
        }
        let claimed = try await store.claimDue(
            channel: Samples.channel, now: Samples.epoch, limit: 10, leaseOwner: "w2", leaseUntil: Samples.at(60_000))
        #expect(claimed == [Samples.message("msg_a", due: Samples.at(-2))])
    }
}
