import Engine
import Foundation
import Testing

@testable import SQLiteStore

/// The pipeline's hot statements are prepared once and reused, whatever their bound values.
@Suite struct SQLiteStatementReuseTests {
    @Test func claimsCountsAndDueDatesAreNeverPreparedAgain() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert(Samples.message("msg_queued"), events: [])
        try await store.insert(Samples.message("msg_retry", status: .deliveryAttempted), events: [])
        try await store.insert(Samples.message("msg_later", due: Samples.at(60_000)), events: [])
        // Statements cached while the schema was migrated at open were prepared again then; only what
        // happens from here on counts.
        let before = await store.reprepareCounts
        for round in 0..<3 {
            let now = Samples.at(Int64(round))
            _ = try await store.claimDue(
                channel: Samples.channel, now: now, limit: 10, leaseOwner: "w\(round)", leaseUntil: now)
            _ = try await store.countScheduled(channel: Samples.channel, after: now)
            _ = try await store.nextDueDate(channel: Samples.channel)
        }

        let counts = await store.reprepareCounts
        #expect(counts.keys.contains { $0.contains("status = 'queued'") })
        #expect(counts.keys.contains { $0.contains("status = 'delivery_attempted'") })
        #expect(counts.filter { $0.value != before[$0.key, default: 0] } == [:])
    }
}
