public import Engine
import Foundation

extension SQLiteMessageStore: MessageStore {
    /// Stores a new message with its first timeline events, numbered from 1, atomically; the
    /// transaction may be shared with other writes waiting at the same time (group commit).
    ///
    /// - Throws: ``EngineError/Code/conflict`` if a message with the same id exists;
    ///   ``EngineError/Code/invalidInput`` if an event is for another message.
    ///
    /// The row's values are encoded before the write, on the caller's thread rather than the store's.
    public nonisolated func insert(_ message: MessageRecord, events: [MessageEvent]) async throws {
        let values = MessageRow.values(of: message)
        try await write { store in try store.add(message, values: values, events: events) }
    }

    /// The message with that id, or `nil`.
    public func message(id: String) throws -> MessageRecord? {
        try connection.queryFirst(MessageRow.select + " WHERE id = ?1", id, read: MessageRow.record(from:))
    }

    /// The message a provider knows by `providerMessageID` on a channel; the newest if several match.
    public func message(providerMessageID: String, channelID: String, environment: String) throws -> MessageRecord? {
        try connection.queryFirst(
            MessageRow.select
                + " WHERE environment = ?1 AND channel_id = ?2 AND provider_message_id = ?3 ORDER BY id DESC LIMIT 1",
            environment, channelID, providerMessageID, read: MessageRow.record(from:))
    }

    /// Stores a change atomically: the message's columns (all but its id, lease and engagement; only the
    /// delivery state when the change's `original` shows that nothing else changed), the events
    /// (numbered after the last stored one), the attempt log, and the release of the lease if
    /// `releasingLeaseOf` holds it (another holder's lease is kept). The transaction may be shared with
    /// other writes waiting at the same time (group commit).
    ///
    /// - Throws: ``EngineError/Code/notFound`` if the message does not exist;
    ///   ``EngineError/Code/conflict`` if `expectedStatus` differs from the stored status or the
    ///   attempt log's number is stored already; ``EngineError/Code/invalidInput`` if an event or the
    ///   log is for another message. Nothing is written then.
    ///
    /// The row's values and the attempt log are encoded before the write, on the caller's thread rather
    /// than the store's.
    public nonisolated func record(_ change: MessageChange) async throws {
        let prepared = PreparedChange(change)
        try await write { store in try store.apply(prepared) }
    }

    /// The timeline of a message in the order it was stored (insert, then each change), or `[]`.
    public func events(messageID: String) throws -> [MessageEvent] {
        try connection.query(
            "SELECT kind, status, reason, occurred_at FROM message_events WHERE message_id = ?1 ORDER BY seq",
            messageID
        ) { row in
            var status: DeliveryStatus?
            if let text = row.optionalString(1) {
                guard let value = DeliveryStatus(rawValue: text) else {
                    throw EngineError(.storageFailure, "message \(messageID): an event's stored status is unreadable")
                }
                status = value
            }
            return MessageEvent(
                messageID: messageID, kind: MessageEvent.Kind(row.string(0)), status: status,
                reason: row.optionalString(2), occurredAt: row.date(3))
        }
    }

    /// The delivery logs of a message, by attempt; empty once pruned.
    public func attemptLogs(messageID: String) throws -> [DeliveryAttemptLog] {
        try connection.query(
            "SELECT attempt, started_at, duration_ms, exchanges, outcome, detail FROM attempt_logs "
                + "WHERE message_id = ?1 ORDER BY attempt",
            messageID
        ) { row in
            DeliveryAttemptLog(
                messageID: messageID, attempt: row.int(0), startedAt: row.date(1),
                durationMilliseconds: row.int(2), exchanges: try AttemptLogRow.exchanges(from: row.string(3)),
                outcome: row.string(4), detail: row.optionalString(5))
        }
    }

    // MARK: - Batches

    /// Stores many new messages in one transaction (one disk sync), each all-or-nothing on its own.
    ///
    /// Each message is inserted as ``insert(_:events:)`` would, inside a savepoint: one that fails
    /// with ``EngineError/Code/conflict`` or ``EngineError/Code/invalidInput`` is left out and
    /// reported in its result, and the others are stored.
    ///
    /// - Parameter messages: The messages with their first events, inserted in order.
    /// - Returns: One result per message, in order.
    /// - Throws: ``EngineError/Code/storageFailure`` if the storage fails; nothing is written then.
    public func insert(_ messages: [(message: MessageRecord, events: [MessageEvent])]) throws
        -> [Result<Void, EngineError>]
    {
        guard !messages.isEmpty else { return [] }
        return try connection.transaction {
            try messages.map { entry in
                try perItem {
                    try add(entry.message, values: MessageRow.values(of: entry.message), events: entry.events)
                }
            }
        }
    }

    /// Runs one item of a batch in a savepoint; a failure of the item alone becomes its result, and a
    /// storage failure ends the batch.
    func perItem(_ body: () throws -> Void) throws -> Result<Void, EngineError> {
        do {
            try connection.savepoint(body)
            return .success(())
        } catch let error as EngineError where [.notFound, .conflict, .invalidInput].contains(error.code) {
            return .failure(error)
        }
    }

    // MARK: - Helpers

    /// Inserts a message (whose ``MessageRow/values(of:)`` are `values`, followed by the parameters of
    /// `statement` beyond them, if any) and its first events inside the current transaction.
    func add(
        _ message: MessageRecord, values: [any SQLiteBindable], events: [MessageEvent],
        statement: String = MessageRow.insert
    ) throws {
        try checkOwnership(message.id, events: events, attemptLog: nil)
        do {
            try connection.execute(statement, values: values)
        } catch let error as EngineError where error.code == .conflict {
            // The primary key: a message with this id exists (SQLite undid only this statement).
            throw EngineError(.conflict, "message \(message.id) exists already")
        }
        // A new message has no events yet.
        try appendEvents(events, to: message.id, after: 0)
    }

    /// Applies a prepared change inside the current transaction.
    func apply(_ prepared: PreparedChange) throws {
        try updateMessage(prepared)
        try appendEvents(prepared.change.events, to: prepared.change.message.id)
        if let values = prepared.attemptLogValues {
            try connection.execute(AttemptLogRow.insert, values: values)
        }
    }

    /// Checks a prepared change and updates its message row, the first write of the change: if it
    /// throws, nothing of the change has been written.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` if an event or the log is for another message,
    ///   ``EngineError/Code/notFound`` or ``EngineError/Code/conflict`` if the row was not updated.
    func updateMessage(_ prepared: PreparedChange) throws {
        let change = prepared.change
        let id = change.message.id
        try checkOwnership(id, events: change.events, attemptLog: change.attemptLog)
        // The UPDATE checks the expected status itself; only when it changes nothing is the row read, to say why.
        try connection.execute(
            prepared.update, values: prepared.updateValues + [change.expectedStatus?.rawValue as any SQLiteBindable])
        if connection.changes == 0 {
            guard
                let stored = try connection.queryFirst(
                    "SELECT status FROM messages WHERE id = ?1", id, read: { $0.string(0) })
            else {
                throw EngineError(.notFound, "message \(id) does not exist")
            }
            let expected = change.expectedStatus?.rawValue ?? stored
            throw EngineError(.conflict, "message \(id) is \(stored), not \(expected): it changed meanwhile")
        }
    }

    /// Appends events after the message's last stored one, whose number is `last` if the caller knows it.
    ///
    /// Without `last`, each INSERT numbers its event from the stored ones itself, so a change with one
    /// event (an attempt's outcome) costs one statement.
    func appendEvents(_ events: [MessageEvent], to id: String, after last: Int? = nil) throws {
        for (offset, event) in events.enumerated() {
            let values: [any SQLiteBindable] = [
                id, event.kind.rawValue, event.status?.rawValue, event.reason, event.occurredAt,
            ]
            if let last {
                try connection.execute(Self.insertNumberedEvent, values: values + [last + offset + 1])
            } else {
                try connection.execute(Self.insertNextEvent, values: values)
            }
        }
    }

    /// Inserts the event `?2`…`?5` of message `?1` with the number `?6`.
    private static let insertNumberedEvent =
        "INSERT INTO message_events (message_id, kind, status, reason, occurred_at, seq) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

    /// Inserts the event `?2`…`?5` of message `?1` after its last stored one.
    static let insertNextEvent =
        "INSERT INTO message_events (message_id, kind, status, reason, occurred_at, seq) "
        + "SELECT ?1, ?2, ?3, ?4, ?5, COALESCE(MAX(seq), 0) + 1 FROM message_events WHERE message_id = ?1"

    /// Events and logs are stored under their message: they must name it.
    func checkOwnership(_ id: String, events: [MessageEvent], attemptLog: DeliveryAttemptLog?) throws {
        if let event = events.first(where: { $0.messageID != id }) {
            throw EngineError(.invalidInput, "an event for message \(event.messageID) was given with message \(id)")
        }
        if let attemptLog, attemptLog.messageID != id {
            throw EngineError(
                .invalidInput, "the attempt log for message \(attemptLog.messageID) was given with message \(id)")
        }
    }
}
