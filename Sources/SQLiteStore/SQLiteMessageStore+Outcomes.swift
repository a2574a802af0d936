public import Engine

extension SQLiteMessageStore {
    /// Stores many changes in one transaction (one disk sync), each all-or-nothing on its own.
    ///
    /// Each change is applied as ``record(_:)-(MessageChange)`` would: a change that fails with
    /// ``EngineError/Code/notFound``, ``EngineError/Code/conflict`` or ``EngineError/Code/invalidInput``
    /// writes nothing and is reported in its result, and the others are stored. The transaction may be
    /// shared with other writes waiting at the same time (group commit), and the changes are encoded
    /// before the write, on the caller's thread.
    ///
    /// The batch costs less than its changes one by one: a change's first write is its UPDATE, which
    /// checks the expected status itself, so a change that matches nothing has written nothing and
    /// needs no savepoint of its own. The events and attempt logs of the changes that applied are then
    /// written with multi-row INSERTs. Only if one of those fails (an attempt log stored already, say)
    /// is the batch rolled back and applied again one change per savepoint, to find which.
    ///
    /// - Parameter changes: The changes, applied in order.
    /// - Returns: One result per change, in order.
    /// - Throws: ``EngineError/Code/storageFailure`` if the storage fails; nothing is written then.
    public nonisolated func record(_ changes: [MessageChange]) async throws -> [Result<Void, EngineError>] {
        guard !changes.isEmpty else { return [] }
        let prepared = changes.map(PreparedChange.init)
        return try await write { store in try store.applyOutcomes(prepared) }
    }

    /// Applies a batch inside the current transaction (see ``record(_:)-([MessageChange])``).
    func applyOutcomes(_ batch: [PreparedChange]) throws -> [Result<Void, EngineError>] {
        do {
            return try connection.savepoint { try applyOutcomesTogether(batch) }
        } catch let error as EngineError where Self.isItemFailure(error) && connection.isInTransaction {
            // Rolled back to the savepoint: one change's events or log could not be written. Find it.
            return try batch.map { prepared in try perItem { try apply(prepared) } }
        }
    }

    /// Whether an error is the failure of one change rather than of the storage.
    static func isItemFailure(_ error: EngineError) -> Bool {
        [.notFound, .conflict, .invalidInput].contains(error.code)
    }

    /// Updates each change's message (a change whose UPDATE fails is reported and has written nothing),
    /// then writes the events and logs of those that applied; a failure there is thrown.
    private func applyOutcomesTogether(_ batch: [PreparedChange]) throws -> [Result<Void, EngineError>] {
        var results: [Result<Void, EngineError>] = []
        results.reserveCapacity(batch.count)
        var events: [MessageEvent] = []
        var logs: [[any SQLiteBindable]] = []
        for prepared in batch {
            do {
                try updateMessage(prepared)
            } catch let error as EngineError where Self.isItemFailure(error) {
                results.append(.failure(error))
                continue
            }
            results.append(.success(()))
            events += prepared.change.events
            if let values = prepared.attemptLogValues { logs.append(values) }
        }
        try appendEvents(events)
        var start = 0
        while start < logs.count {
            let rows = logs[start..<start + Self.rowCount(for: logs.count - start)]
            try connection.execute(Self.insertAttemptLogs[rows.count], values: rows.flatMap { $0 })
            start += rows.count
        }
        return results
    }

    /// Appends events of several messages, each after its message's last stored one: in multi-row
    /// INSERTs while no message repeats within one, else one at a time.
    private func appendEvents(_ events: [MessageEvent]) throws {
        var start = 0
        while start < events.count {
            var seen: Set<String> = []
            var end = start
            while end < events.count, end - start < Self.rowsPerInsert, seen.insert(events[end].messageID).inserted {
                end += 1
            }
            let rows = events[start..<start + Self.rowCount(for: end - start)]
            if rows.count == 1 {
                try appendEvents([rows[start]], to: rows[start].messageID)
            } else {
                try connection.execute(
                    Self.insertNextEvents[rows.count],
                    values: rows.flatMap { event -> [any SQLiteBindable] in
                        [event.messageID, event.kind.rawValue, event.status?.rawValue, event.reason, event.occurredAt]
                    })
            }
            start += rows.count
        }
    }

    /// The rows one multi-row INSERT writes when `count` are left: the largest power of two up to
    /// ``rowsPerInsert``, so that only seven statements per table are prepared and cached.
    static func rowCount(for count: Int) -> Int {
        var rows = 1
        while rows * 2 <= min(count, rowsPerInsert) { rows *= 2 }
        return rows
    }

    /// The most rows one multi-row INSERT writes.
    static let rowsPerInsert = 64

    /// By row count (index 0 unused; only powers of two are used): inserts that many events, the parameters five per event (message
    /// id, kind, status, reason, time), each numbered after its message's last stored event. The
    /// messages must differ: SQLite computes every number before it inserts the first row.
    static let insertNextEvents: [String] = (0...rowsPerInsert).map { count in
        let rows = (0..<count).map { row in
            "(" + (1...5).map { "?\(row * 5 + $0)" }.joined(separator: ", ") + ")"
        }
        return "INSERT INTO message_events (message_id, kind, status, reason, occurred_at, seq) "
            + "SELECT new.column1, new.column2, new.column3, new.column4, new.column5, "
            + "(SELECT COALESCE(MAX(seq), 0) + 1 FROM message_events WHERE message_id = new.column1) "
            + "FROM (VALUES \(rows.joined(separator: ", "))) AS new"
    }

    /// By row count (index 0 unused; only powers of two are used): inserts that many attempt logs, the parameters seven per log as
    /// ``AttemptLogRow/values(of:)`` gives them.
    static let insertAttemptLogs: [String] = (0...rowsPerInsert).map { count in
        let rows = (0..<count).map { row in
            "(" + (1...7).map { "?\(row * 7 + $0)" }.joined(separator: ", ") + ")"
        }
        return "INSERT INTO attempt_logs (message_id, attempt, started_at, duration_ms, exchanges, outcome, detail) "
            + "VALUES \(rows.joined(separator: ", "))"
    }
}
