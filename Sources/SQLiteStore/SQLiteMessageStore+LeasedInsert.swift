public import Engine
public import Foundation

extension SQLiteMessageStore {
    /// Stores a new message with its first timeline events, already leased to `leaseOwner` until
    /// `leaseUntil`, atomically; the transaction may be shared with other writes waiting at the same
    /// time (group commit).
    ///
    /// The row is written with its lease, so no other worker can claim it before the lease expires, and
    /// a crash before its outcome is stored leaves a lease that expires: the message is then claimed
    /// again like any other. The row's values are encoded before the write, on the caller's thread.
    ///
    /// - Throws: ``EngineError/Code/conflict`` if a message with the same id exists;
    ///   ``EngineError/Code/invalidInput`` if an event is for another message.
    public nonisolated func insert(
        _ message: MessageRecord, events: [MessageEvent], leaseOwner: String, leaseUntil: Date
    ) async throws {
        let values = MessageRow.values(of: message) + [leaseOwner as any SQLiteBindable, leaseUntil]
        try await write { store in
            try store.add(message, values: values, events: events, statement: MessageRow.insertLeased)
        }
    }
}
