import Engine
import Synchronization

extension SQLiteMessageStore {
    /// A write waiting for the next shared transaction.
    ///
    /// `@unchecked Sendable`: queued from any thread behind ``WriteQueue``'s lock, then used once, on the
    /// store's thread only: `perform` inside the transaction, `finish` after it. The caller that queued
    /// it is suspended until `finish` runs and touches neither closure.
    struct PendingWrite: @unchecked Sendable {
        /// Makes the write, inside the shared transaction, and returns its value.
        let perform: (isolated SQLiteMessageStore) throws -> any Sendable
        /// Resumes the caller once the transaction has ended: with the write's value once committed, or
        /// its error.
        let finish: (Result<any Sendable, any Error>) -> Void
    }

    /// Writes waiting for the next shared transaction, and whether a flush is on its way to the store's thread.
    struct WriteQueue {
        var writes: [PendingWrite] = []
        var isFlushScheduled = false
    }

    /// Makes a write in a transaction that it shares with the writes waiting at the same time (group
    /// commit), and returns once that transaction is committed, with `synchronous=FULL` on the disk.
    ///
    /// Writes are queued in the order they arrive, from any thread and without waiting for the store's
    /// thread; the first one that finds no flush scheduled puts one on the store's thread, behind the
    /// calls already waiting there, and the flush makes every queued write in one `BEGIN IMMEDIATE`
    /// transaction (with a savepoint each only when one of them fails, see ``outcomes(of:)``). The writes
    /// that arrive during a commit schedule the next
    /// flush meanwhile, so the store's thread goes from one group to the next without waiting for any
    /// other thread. Under load many writes share one commit and one disk sync, and alone a write costs
    /// what it did in a transaction of its own.
    ///
    /// Each write stays atomic and isolated as in a transaction of its own: one that throws leaves
    /// nothing behind and its caller gets its error, while the others are committed. `body` may run twice
    /// (when another write of its group fails), so it must not act outside the database. If the
    /// transaction itself fails (it cannot begin, SQLite rolled it back, or the commit fails), nothing
    /// is written and every caller in it gets that error. A caller resumes only after the commit, so
    /// no one can observe a write before it is durable.
    ///
    /// - Parameter body: The write; it runs on the store's thread, isolated, and must not begin a transaction.
    /// - Returns: What `body` returned.
    nonisolated func write<Value: Sendable>(
        isolated body: @escaping @Sendable (isolated SQLiteMessageStore) throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            queue(PendingWrite(perform: { store in try body(store) }, finish: { Self.resume(continuation, with: $0) }))
        }
    }

    /// ``write(isolated:)`` for the store's own methods: `body` may use the actor's state directly.
    func write<Value: Sendable>(_ body: @escaping () throws -> Value) async throws -> Value {
        // Not Sendable (it uses the actor's state), but it only ever runs on the actor's thread, in the flush.
        nonisolated(unsafe) let body = body
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            queue(PendingWrite(perform: { _ in try body() }, finish: { Self.resume(continuation, with: $0) }))
        }
    }

    /// Resumes a writer with its write's outcome (the value is the one its `perform` returned).
    private static func resume<Value: Sendable>(
        _ continuation: CheckedContinuation<Value, any Error>, with outcome: Result<any Sendable, any Error>
    ) {
        continuation.resume(with: outcome.map { $0 as! Value })
    }

    /// How many writes wait for the next flush (for tests).
    nonisolated var queuedWriteCount: Int { writeQueue.withLock { $0.writes.count } }

    /// Queues a write and, if no flush is scheduled, puts one on the store's thread.
    private nonisolated func queue(_ write: PendingWrite) {
        let schedulesFlush = writeQueue.withLock { queue in
            queue.writes.append(write)
            guard !queue.isFlushScheduled else { return false }
            queue.isFlushScheduled = true
            return true
        }
        if schedulesFlush {
            executor.enqueue { [self] in
                assumeIsolated { $0.flushPendingWrites() }
            }
        }
    }

    /// Makes every queued write in one transaction and resumes their callers.
    private func flushPendingWrites() {
        let writes = writeQueue.withLock { queue in
            queue.isFlushScheduled = false
            defer { queue.writes = [] }
            return queue.writes
        }
        guard !writes.isEmpty else { return }
        for (write, outcome) in zip(writes, outcomes(of: writes)) {
            write.finish(outcome)
        }
    }

    /// Makes `writes` in one transaction and returns each one's outcome.
    ///
    /// They are first made one after another with no savepoints, since writes seldom fail and a savepoint
    /// costs two statements and copies of the pages it protects. If one throws, the transaction is rolled
    /// back and they are made again, each in a savepoint of its own, so that only the failing one fails.
    /// A write is then made twice; the first time left nothing behind, and no caller saw it.
    private func outcomes(of writes: [PendingWrite]) -> [Result<any Sendable, any Error>] {
        do {
            return try connection.transaction {
                try writes.map { write -> Result<any Sendable, any Error> in
                    do {
                        return .success(try write.perform(self))
                    } catch {
                        // With the transaction gone (SQLite rolled it back), a second pass could not help.
                        guard writes.count > 1, connection.isInTransaction else { throw error }
                        throw FailedWrite()
                    }
                }
            }
        } catch is FailedWrite {
            return outcomesOneByOne(of: writes)
        } catch {
            return Array(repeating: .failure(error), count: writes.count)
        }
    }

    /// Makes `writes` in one transaction, each in a savepoint of its own: one that throws is rolled back
    /// alone and its caller gets its error, unless the transaction itself is gone.
    private func outcomesOneByOne(of writes: [PendingWrite]) -> [Result<any Sendable, any Error>] {
        do {
            return try connection.transaction {
                try writes.map { write -> Result<any Sendable, any Error> in
                    do {
                        return .success(try connection.savepoint { try write.perform(self) })
                    } catch {
                        // Rolled back to its savepoint: its failure alone. Otherwise the transaction is gone.
                        guard connection.isInTransaction else { throw error }
                        return .failure(error)
                    }
                }
            }
        } catch {
            return Array(repeating: .failure(error), count: writes.count)
        }
    }
}

/// A write of a group failed on the first pass, which made the writes without savepoints.
private struct FailedWrite: Error {}
