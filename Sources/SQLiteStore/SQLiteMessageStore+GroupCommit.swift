import Engine

extension SQLiteMessageStore {
    /// A write waiting for the next shared transaction.
    struct PendingWrite {
        /// Makes the write, inside the shared transaction.
        let perform: () throws -> Void
        /// Resumes the caller once the transaction has ended: with the write's error, or `nil` once committed.
        let finish: ((any Error)?) -> Void
    }

    /// Makes a write in a transaction that it shares with the writes waiting at the same time (group
    /// commit), and returns once that transaction is committed, with `synchronous=FULL` on the disk.
    ///
    /// Writes are queued in the order they arrive; the first one schedules a flush on the store's
    /// thread behind the calls already waiting there, and the flush makes every queued write in one
    /// `BEGIN IMMEDIATE` transaction, each in its own savepoint. So under load many writes share one
    /// commit and one disk sync, and alone a write costs what it did in a transaction of its own.
    ///
    /// Each write stays atomic and isolated as in a transaction of its own: one that throws is rolled
    /// back to its savepoint and its caller gets its error, while the others are committed. If the
    /// transaction itself fails (it cannot begin, SQLite rolled it back, or the commit fails), nothing
    /// is written and every caller in it gets that error. A caller resumes only after the commit, so
    /// no one can observe a write before it is durable.
    ///
    /// - Parameter body: The write; it runs on the store's thread and must not begin a transaction.
    /// - Returns: What `body` returned.
    func write<Value: Sendable>(_ body: @escaping () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            var value: Value?
            pendingWrites.append(
                PendingWrite(
                    perform: { value = try body() },
                    finish: { error in
                        if let error {
                            continuation.resume(throwing: error)
                        } else if let value {
                            continuation.resume(returning: value)
                        }
                    }))
            if !isFlushScheduled {
                isFlushScheduled = true
                // Isolated to this actor: enqueued on its thread behind the calls already waiting.
                Task { self.flushPendingWrites() }
            }
        }
    }

    /// ``write(_:)`` for callers outside the actor: `body` gets the store, isolated, on its thread.
    ///
    /// Lets a `nonisolated` method do its encoding or decoding on the caller's thread and only the
    /// database work on the store's.
    nonisolated func write<Value: Sendable>(
        isolated body: @escaping @Sendable (isolated SQLiteMessageStore) throws -> Value
    ) async throws -> Value {
        try await isolatedWrite(body)
    }

    private func isolatedWrite<Value: Sendable>(
        _ body: @escaping @Sendable (isolated SQLiteMessageStore) throws -> Value
    ) async throws -> Value {
        try await write { try body(self) }
    }

    /// Makes every queued write in one transaction and resumes their callers.
    private func flushPendingWrites() {
        let writes = pendingWrites
        pendingWrites = []
        isFlushScheduled = false
        let outcomes: [(any Error)?]
        do {
            if writes.count == 1 {
                try connection.transaction(writes[0].perform)
                outcomes = [nil]
            } else {
                outcomes = try connection.transaction {
                    try writes.map { write -> (any Error)? in
                        do {
                            try connection.savepoint(write.perform)
                            return nil
                        } catch {
                            // Rolled back to its savepoint: its failure alone. Otherwise the transaction is gone.
                            guard connection.isInTransaction else { throw error }
                            return error
                        }
                    }
                }
            }
        } catch {
            outcomes = Array(repeating: error, count: writes.count)
        }
        for (write, outcome) in zip(writes, outcomes) {
            write.finish(outcome)
        }
    }
}
