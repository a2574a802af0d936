public import Foundation

extension SQLiteMessageStore {
    /// Re-owns a recipient's recent notification messages (see
    /// ``MessageStore/reassignMessages(from:to:environment:createdSince:)``), in one transaction: the
    /// `recipient_id` column and the id inside the stored recipient JSON both change.
    public func reassignMessages(from: String, to: String, environment: String, createdSince: Date) throws -> Int {
        try connection.transaction {
            try connection.execute(
                "UPDATE messages SET recipient_id = ?3, recipient = json_set(recipient, '$.id', ?3) "
                    + "WHERE environment = ?1 AND recipient_id = ?2 AND kind = 'notification' AND created_at >= ?4",
                environment, from, to, createdSince)
            return connection.changes
        }
    }
}
