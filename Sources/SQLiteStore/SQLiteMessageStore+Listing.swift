public import Engine
public import Foundation

extension SQLiteMessageStore {
    /// A claim on a message: who holds it and until when.
    public struct Lease: Sendable, Hashable {
        /// The worker holding it.
        public var owner: String
        /// When it expires; after that any worker may claim the message again.
        public var expiresAt: Date

        /// Creates a lease.
        public init(owner: String, expiresAt: Date) {
            self.owner = owner
            self.expiresAt = expiresAt
        }
    }

    /// Stored messages in id order (which is creation order for generated ids), one page at a time.
    ///
    /// ```swift
    /// var after: String?
    /// repeat {
    ///     let page = try await store.messages(status: .queued, limit: 500, after: after)
    ///     for message in page { print(message.id) }
    ///     after = page.last?.id
    /// } while after != nil
    /// ```
    ///
    /// - Parameters:
    ///   - status: Only messages in this status; `nil` for every status.
    ///   - limit: The most messages to return.
    ///   - id: Only messages whose id sorts after this one (the last id of the previous page); `nil` to
    ///     start at the first.
    /// - Returns: Up to `limit` messages, ordered by id.
    /// - Throws: ``EngineError/Code/storageFailure`` if the storage fails or a stored value is unreadable.
    public func messages(status: DeliveryStatus? = nil, limit: Int, after id: String? = nil) throws
        -> [MessageRecord]
    {
        guard limit > 0 else { return [] }
        return try connection.query(
            MessageRow.select + " WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR id > ?2) ORDER BY id LIMIT ?3",
            status?.rawValue, id, limit, read: MessageRow.record(from:))
    }

    /// Every lease still recorded, by message id, expired or not.
    ///
    /// A lease stays recorded until its holder stores the outcome or releases it, or another worker
    /// claims the message after it expired: after a crash the dead worker's leases are listed here
    /// until then.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if the storage fails.
    public func leases() throws -> [String: Lease] {
        let rows = try connection.query(
            "SELECT id, lease_owner, lease_expires_at FROM messages INDEXED BY messages_leased "
                + "WHERE lease_owner IS NOT NULL"
        ) { row in
            (row.string(0), Lease(owner: row.string(1), expiresAt: row.date(2)))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
