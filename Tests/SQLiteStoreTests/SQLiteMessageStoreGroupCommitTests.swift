import Engine
import Foundation
import Synchronization
import Testing

@testable import SQLiteStore

/// Writes that wait at the same time share one transaction (group commit), each still atomic on its own.
@Suite struct SQLiteMessageStoreGroupCommitTests {
    @Test func writesQueuedTogetherFailAloneAndTheOthersAreStored() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteMessageStore.open(directory: directory.path)
        try await store.insert(Samples.message("msg_taken"), events: [Samples.queued("msg_taken")])
        let inserts = await store.startTogether([
            { try await $0.insert(Samples.message("msg_1"), events: [Samples.queued("msg_1")]) },
            { try await $0.insert(Samples.message("msg_taken", due: nil), events: []) },
            { try await $0.insert(Samples.message("msg_2"), events: [Samples.queued("msg_1")]) },
            { try await $0.insert(Samples.message("msg_3"), events: [Samples.queued("msg_3")]) },
        ])
        let results = await inserts.results()
        #expect(results[0] == nil)
        #expect(results[1] == .conflict)
        #expect(results[2] == .invalidInput)
        #expect(results[3] == nil)
        #expect(try await store.message(id: "msg_1") == Samples.message("msg_1"))
        #expect(try await store.message(id: "msg_2") == nil)
        #expect(try await store.message(id: "msg_3") == Samples.message("msg_3"))
        #expect(try await store.message(id: "msg_taken") == Samples.message("msg_taken"))

        let sent = { @Sendable (id: String, expected: DeliveryStatus) in
            MessageChange(
                message: Samples.message(id, status: .sent, due: nil), expectedStatus: expected,
                events: [MessageEvent(messageID: id, kind: .status(.sent), status: .sent, occurredAt: Samples.at(1))])
        }
        let records = await store.startTogether([
            { try await $0.record(sent("msg_1", .queued)) },
            { try await $0.record(sent("msg_3", .deliveryAttempted)) },
            { try await $0.record(sent("msg_missing", .queued)) },
            { try await $0.record(sent("msg_taken", .queued)) },
        ])
        #expect(await records.results() == [nil, .conflict, .notFound, nil])
        #expect(try await store.message(id: "msg_1")?.status == .sent)
        #expect(try await store.message(id: "msg_3")?.status == .queued)
        #expect(try await store.events(messageID: "msg_3").count == 1)
        #expect(try await store.events(messageID: "msg_taken").count == 2)
    }

    @Test func writesQueuedTogetherRunOnceWhenNoneFailsAndAgainInSavepointsWhenOneDoes() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let committedBefore = await store.committedWriteTransactions
        let runs = Mutex<[String: Int]>([:])
        let insert = { @Sendable (store: isolated SQLiteMessageStore, id: String, fails: Bool) in
            try await store.write {
                runs.withLock { $0[id, default: 0] += 1 }
                try store.add(Samples.message(id), values: MessageRow.values(of: Samples.message(id)), events: [])
                if fails { throw EngineError(.invalidInput, "\(id) is refused after its insert") }
            }
        }
        let together = await store.startTogether([
            { try await insert($0, "msg_1", false) }, { try await insert($0, "msg_2", false) },
        ])
        #expect(await together.results() == [nil, nil])
        #expect(runs.withLock { $0 } == ["msg_1": 1, "msg_2": 1])

        runs.withLock { $0 = [:] }
        let withFailure = await store.startTogether([
            { try await insert($0, "msg_3", false) }, { try await insert($0, "msg_4", true) },
            { try await insert($0, "msg_5", false) },
        ])
        #expect(await withFailure.results() == [nil, .invalidInput, nil])
        // The first pass stopped at msg_4 and was rolled back; the second made all three, each in a savepoint.
        #expect(runs.withLock { $0 } == ["msg_3": 2, "msg_4": 2, "msg_5": 1])
        #expect(try await store.message(id: "msg_3") == Samples.message("msg_3"))
        #expect(try await store.message(id: "msg_4") == nil)
        #expect(try await store.message(id: "msg_5") == Samples.message("msg_5"))
        #expect(await store.committedWriteTransactions == committedBefore + 2)
    }

    @Test func writesQueuedTogetherShareOneTransaction() async throws {
        let store = try SQLiteMessageStore.inMemory()
        // The second write ends the shared transaction: every write in it fails and none is stored.
        // (Inserts made on the store's thread, as `insert` makes them after encoding the row elsewhere, so
        // that all three are queued before the first flush.)
        let insert = { @Sendable (store: isolated SQLiteMessageStore, id: String) in
            try await store.write {
                try store.add(Samples.message(id), values: MessageRow.values(of: Samples.message(id)), events: [])
            }
        }
        let writes = await store.startTogether([
            { try await insert($0, "msg_1") },
            { store in
                try await store.write {
                    try store.connection.execute("ROLLBACK")
                    throw EngineError(.storageFailure, "the transaction was rolled back")
                }
            },
            { try await insert($0, "msg_2") },
        ])
        #expect(await writes.results() == [.storageFailure, .storageFailure, .storageFailure])
        #expect(try await store.message(id: "msg_1") == nil)
        #expect(try await store.message(id: "msg_2") == nil)
        // The next writes get a transaction of their own.
        try await store.insert(Samples.message("msg_3"), events: [])
        #expect(try await store.message(id: "msg_3") != nil)
    }

    @Test func claimsQueuedTogetherNeverOverlap() async throws {
        let store = try SQLiteMessageStore.inMemory()
        _ = try await store.insert((0..<10).map { (Samples.message("msg_\($0)"), [MessageEvent]()) })
        let claimed = Mutex<[String]>([])
        let claims = await store.startTogether(
            (0..<4).map { worker in
                { store in
                    let batch = try await store.claimDue(
                        channel: Samples.channel, now: Samples.at(0), limit: 3, leaseOwner: "w\(worker)",
                        leaseUntil: Samples.at(60_000))
                    claimed.withLock { $0 += batch.map(\.id) }
                }
            })
        #expect(await claims.results() == [nil, nil, nil, nil])
        let ids = claimed.withLock { $0 }
        #expect(ids.count == 10)
        #expect(Set(ids) == Set((0..<10).map { "msg_\($0)" }))
    }
}

extension SQLiteMessageStore {
    /// Starts one task per operation from the store's own thread, so that every write they make is
    /// queued before any flush runs: they share one transaction.
    fileprivate func startTogether(
        _ operations: [@Sendable (isolated SQLiteMessageStore) async throws -> Void]
    ) -> [Task<Void, any Error>] {
        // Tasks isolated to this actor are enqueued on its thread in order, behind this call, and the
        // operations run on it up to their first write: each write is queued before the first flush.
        operations.map { operation in Task { try await operation(self) } }
    }
}

extension [Task<Void, any Error>] {
    /// Each task's error code, or `nil` where it succeeded.
    fileprivate func results() async -> [EngineError.Code?] {
        var codes: [EngineError.Code?] = []
        for task in self {
            do {
                try await task.value
                codes.append(nil)
            } catch let error as EngineError {
                codes.append(error.code)
            } catch {
                Issue.record("not an EngineError: \(error)")
                codes.append(nil)
            }
        }
        return codes
    }
}
