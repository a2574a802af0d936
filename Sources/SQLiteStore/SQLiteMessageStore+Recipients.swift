public import Engine
public import Foundation
import Providers

extension SQLiteMessageStore: RecipientStore {
    /// Creates or updates recipients in one transaction (see ``RecipientStore/upsert(_:environment:now:)``).
    public func upsert(_ upserts: [RecipientUpsert], environment: String, now: Date) throws -> [RecipientRecord] {
        for (index, upsert) in upserts.enumerated() { try upsert.validate(path: "[\(index)]") }
        return try connection.transaction { try applyUpserts(upserts, environment: environment, now: now) }
    }

    /// The recipient, or `nil`.
    public func recipient(_ reference: RecipientReference, environment: String) throws -> RecipientRecord? {
        try connection.queryFirst(
            RecipientRow.select + " WHERE environment = ?1 AND collection = ?2 AND id = ?3",
            environment, RecipientRow.collection(reference), reference.id, read: RecipientRow.record(from:))
    }

    /// The recipients that exist among `references`, read in one transaction.
    public func recipients(_ references: [RecipientReference], environment: String) throws
        -> [RecipientReference: RecipientRecord]
    {
        try connection.readTransaction {
            var found: [RecipientReference: RecipientRecord] = [:]
            for reference in Set(references) {
                found[reference] = try recipient(reference, environment: environment)
            }
            return found
        }
    }

    /// Deletes recipients with their channel data, preference sets, subscriptions and audience memberships, in
    /// one transaction.
    public func delete(_ references: [RecipientReference], environment: String) throws {
        try connection.transaction {
            for reference in references { try deleteRecipient(reference, environment: environment) }
        }
    }

    /// Merges the user `secondary` into `primary` in one transaction (see
    /// ``RecipientStore/mergeUser(primary:secondary:environment:now:)``).
    public func mergeUser(primary: String, secondary: String, environment: String, now: Date) throws
        -> RecipientRecord
    {
        guard primary != secondary else {
            throw EngineError(.invalidInput, "from_user_id: user \"\(primary)\" cannot be merged into itself")
        }
        return try connection.transaction {
            guard let into = try recipient(.user(primary), environment: environment) else {
                throw Self.missingUser(primary, environment)
            }
            guard let from = try recipient(.user(secondary), environment: environment) else {
                throw Self.missingUser(secondary, environment)
            }
            let merged = RecipientRecord.merging(from, into: into, now: now)
            try write(merged, environment: environment)
            // The secondary's channel data and preference sets fill in only what the primary lacks.
            try connection.execute(
                "INSERT OR IGNORE INTO channel_data (environment, recipient_id, channel_id, data) "
                    + "SELECT environment, ?3, channel_id, data FROM channel_data "
                    + "WHERE environment = ?1 AND recipient_id = ?2",
                environment, secondary, primary)
            try connection.execute(
                "INSERT OR IGNORE INTO preference_sets (environment, recipient_id, set_id, data) "
                    + "SELECT environment, ?3, set_id, data FROM preference_sets "
                    + "WHERE environment = ?1 AND recipient_id = ?2",
                environment, secondary, primary)
            // Its subscriptions move too, except to objects the primary subscribes to already.
            try connection.execute(
                "UPDATE OR IGNORE subscriptions SET recipient_id = ?3 WHERE environment = ?1 AND recipient_id = ?2",
                environment, secondary, primary)
            try deleteRecipient(.user(secondary), environment: environment)
            return merged
        }
    }

    /// Applies upserts inside the current transaction (see ``upsert(_:environment:now:)``); they must be
    /// validated already.
    func applyUpserts(_ upserts: [RecipientUpsert], environment: String, now: Date) throws -> [RecipientRecord] {
        try upserts.map { upsert in
            let record = RecipientRecord.upserting(
                upsert, into: try recipient(upsert.reference, environment: environment), now: now)
            try write(record, environment: environment)
            let storageID = upsert.reference.storageID
            for (channelID, data) in upsert.channelData {
                if data == .null {
                    try deleteChannelData(recipientID: storageID, channelID: channelID, environment: environment)
                } else {
                    try writeChannelData(
                        data, recipientID: storageID, channelID: channelID, environment: environment)
                }
            }
            for (setID, set) in upsert.preferences {
                let stored = try preferenceSet(setID, recipientID: storageID, environment: environment)
                let merged: JSONValue =
                    if case .object(let old)? = stored, case .object(let new) = set {
                        .object(old.deepMerged(with: new))
                    } else {
                        set
                    }
                try writePreferenceSet(merged, id: setID, recipientID: storageID, environment: environment)
            }
            return record
        }
    }

    /// Applies `upsert` inside the current transaction when it would leave the recipient as it is but for its
    /// `updated_at`, by setting that alone, and returns `true`; returns `false`, having changed nothing, otherwise.
    ///
    /// That is the case when the recipient exists with stored properties exactly `encodedProperties` (the
    /// upsert's properties in ``RecipientRow/encoded(_:)``) and the upsert sets nothing else: a deep merge
    /// of properties into an equal object gives that object back, member order included, so there is nothing
    /// to read, merge or encode again. It is the usual inline identify of a trigger, which names the same user
    /// with the same properties every time.
    func touchUnchanged(_ upsert: RecipientUpsert, encodedProperties: String, environment: String, now: Date) throws
        -> Bool
    {
        guard case .none = upsert.createdAt, upsert.channelData.isEmpty, upsert.preferences.isEmpty else {
            return false
        }
        try connection.execute(
            "UPDATE recipients SET updated_at = ?4 "
                + "WHERE environment = ?1 AND collection = ?2 AND id = ?3 AND properties = ?5",
            environment, RecipientRow.collection(upsert.reference), upsert.reference.id, now, encodedProperties)
        return connection.changes == 1
    }

    /// Whether the recipient exists, without reading it.
    func recipientExists(_ reference: RecipientReference, environment: String) throws -> Bool {
        try connection.queryFirst(
            "SELECT 1 FROM recipients WHERE environment = ?1 AND collection = ?2 AND id = ?3",
            environment, RecipientRow.collection(reference), reference.id, read: { _ in true }) ?? false
    }

    // MARK: - Rows

    func write(_ record: RecipientRecord, environment: String) throws {
        try connection.execute(
            "INSERT INTO recipients (environment, collection, id, properties, created_at, updated_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (environment, collection, id) DO UPDATE SET "
                + "properties = excluded.properties, created_at = excluded.created_at, "
                + "updated_at = excluded.updated_at",
            environment, RecipientRow.collection(record.reference), record.reference.id,
            RecipientRow.encoded(record.properties), record.createdAt, record.updatedAt)
    }

    private func deleteRecipient(_ reference: RecipientReference, environment: String) throws {
        try connection.execute(
            "DELETE FROM recipients WHERE environment = ?1 AND collection = ?2 AND id = ?3",
            environment, RecipientRow.collection(reference), reference.id)
        try connection.execute(
            "DELETE FROM channel_data WHERE environment = ?1 AND recipient_id = ?2", environment, reference.storageID)
        try connection.execute(
            "DELETE FROM preference_sets WHERE environment = ?1 AND recipient_id = ?2", environment,
            reference.storageID)
        try connection.execute(
            "DELETE FROM subscriptions WHERE environment = ?1 AND (recipient_id = ?2 OR object_id = ?2)", environment,
            reference.storageID)
        if reference.collection == nil { try deleteMemberships(of: reference.id, environment: environment) }
    }

    private static func missingUser(_ id: String, _ environment: String) -> EngineError {
        EngineError(.notFound, "user \"\(id)\" does not exist in environment \"\(environment)\"")
    }
}
