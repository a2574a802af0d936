public import Engine
public import Foundation
public import Providers

extension SQLiteMessageStore {
    /// Every preference set of the recipient, by set id, as stored.
    public func preferenceSets(_ reference: RecipientReference, environment: String) throws -> [String: JSONValue] {
        let rows = try connection.query(
            "SELECT set_id, data FROM preference_sets WHERE environment = ?1 AND recipient_id = ?2",
            environment, reference.storageID
        ) { row in
            (row.string(0), try Self.json(row.string(1), what: "preference set \(row.string(0)) of \(reference)"))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Sets (replaces) one preference set in one transaction; `null` deletes it.
    public func setPreferenceSet(
        _ json: JSONValue, id: String, for reference: RecipientReference, environment: String
    ) throws {
        try connection.transaction {
            if json == .null {
                try connection.execute(
                    "DELETE FROM preference_sets WHERE environment = ?1 AND recipient_id = ?2 AND set_id = ?3",
                    environment, reference.storageID, id)
            } else {
                try writePreferenceSet(json, id: id, recipientID: reference.storageID, environment: environment)
            }
        }
    }

    /// Replaces one preference set of many recipients in one transaction, creating the missing ones (see
    /// ``RecipientStore/replacePreferenceSet(_:id:for:environment:now:)``).
    public func replacePreferenceSet(
        _ json: JSONValue, id: String, for references: [RecipientReference], environment: String, now: Date
    ) throws {
        for (index, reference) in references.enumerated() { try reference.validate(path: "[\(index)]") }
        try connection.transaction {
            for reference in references {
                if try recipient(reference, environment: environment) == nil {
                    let created = RecipientRecord(reference: reference, updatedAt: now)
                    try write(created, environment: environment)
                }
                try writePreferenceSet(json, id: id, recipientID: reference.storageID, environment: environment)
            }
        }
    }

    /// One stored preference set, or `nil`.
    func preferenceSet(_ id: String, recipientID: String, environment: String) throws -> JSONValue? {
        try connection.queryFirst(
            "SELECT data FROM preference_sets WHERE environment = ?1 AND recipient_id = ?2 AND set_id = ?3",
            environment, recipientID, id
        ) { row in try Self.json(row.string(0), what: "preference set \(id) of \(recipientID)") }
    }

    /// Writes one preference set, replacing a stored one.
    func writePreferenceSet(_ json: JSONValue, id: String, recipientID: String, environment: String) throws {
        try connection.execute(
            "INSERT INTO preference_sets (environment, recipient_id, set_id, data) VALUES (?1, ?2, ?3, ?4) "
                + "ON CONFLICT (environment, recipient_id, set_id) DO UPDATE SET data = excluded.data",
            environment, recipientID, id, json.encoded())
    }

    /// Parses a stored JSON column.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` naming `what` (never the content) if unreadable.
    static func json(_ text: String, what: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw EngineError(.storageFailure, "the stored \(what) is unreadable")
        }
    }
}
