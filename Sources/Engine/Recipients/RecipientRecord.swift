public import Foundation
public import Providers

/// A stored user or object (tenants are objects in `$tenants`): its properties and timestamps.
///
/// Channel data and preference sets are stored beside it, keyed by ``RecipientReference/storageID``.
public struct RecipientRecord: Sendable, Hashable {
    /// Who this is.
    public var reference: RecipientReference
    /// Reserved properties (`name`, `email`, `phone_number`, `avatar`, `locale`, `timezone`) and
    /// custom ones, at the top level; never `id`, `collection`, `created_at` or `updated_at`.
    public var properties: JSONObject
    /// The client-provided creation time (ISO-8601 text as given), or `nil`.
    public var createdAt: String?
    /// When the store last changed the record (the `now` of the last upsert or merge).
    public var updatedAt: Date

    /// Creates a record.
    public init(reference: RecipientReference, properties: JSONObject = [:], createdAt: String? = nil, updatedAt: Date)
    {
        self.reference = reference
        self.properties = properties
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The record after an upsert: `existing` (or an empty record) with the upsert's properties
    /// deep-merged in, `created_at` set if the upsert gives one, and `updatedAt` set to `now`.
    ///
    /// Both stores use this, so they merge identically.
    public static func upserting(_ upsert: RecipientUpsert, into existing: RecipientRecord?, now: Date)
        -> RecipientRecord
    {
        var record = existing ?? RecipientRecord(reference: upsert.reference, updatedAt: now)
        record.properties = record.properties.deepMerged(with: upsert.properties)
        if case .some(let createdAt) = upsert.createdAt { record.createdAt = createdAt }
        record.updatedAt = now
        return record
    }

    /// The record after merging `secondary` into `primary`: properties deep-merged with the primary
    /// winning every conflict, `created_at` the primary's (or the secondary's if the primary has none),
    /// and `updatedAt` set to `now`.
    public static func merging(_ secondary: RecipientRecord, into primary: RecipientRecord, now: Date)
        -> RecipientRecord
    {
        var record = primary
        record.properties = primary.properties.deepFilled(from: secondary.properties)
        record.createdAt = primary.createdAt ?? secondary.createdAt
        record.updatedAt = now
        return record
    }

    /// The property `key` as a string, if it is one.
    public func string(_ key: String) -> String? {
        properties[key]?.stringValue
    }
}

// MARK: - Output

extension RecipientRecord {
    /// Knock's response shape.
    ///
    /// A user: `{"__typename": "User", "id", …properties at the top level…, "created_at", "updated_at"}`.
    /// An object: `{"__typename": "Object", "id", "collection", "properties": {…}, "created_at",
    /// "updated_at"}` (Knock's `Object` schema nests the properties). Times are ISO-8601 in UTC.
    public var json: JSONValue {
        var object = JSONObject()
        let created: JSONValue = createdAt.map(JSONValue.string) ?? .null
        let updated = JSONValue.string(ISO8601Timestamp.string(from: updatedAt))
        switch reference {
        case .user(let id):
            object["__typename"] = "User"
            object["id"] = .string(id)
            for (key, value) in properties { object[key] = value }
        case .object(let collection, let id):
            object["__typename"] = "Object"
            object["id"] = .string(id)
            object["collection"] = .string(collection)
            object["properties"] = .object(properties)
        }
        object["created_at"] = created
        object["updated_at"] = updated
        return .object(object)
    }

    /// The recipient as templates and conditions see it (`recipient`, `actor`, `tenant`, the `object`
    /// filter): ``json`` with an object's properties at the top level beside its `id` and `collection`, so
    /// that `recipient.name` reads a project's name as it reads a user's. A property never hides `id`,
    /// `collection` or `__typename`.
    public var scopeJSON: JSONValue {
        guard case .object(let collection, let id) = reference else { return json }
        var object = JSONObject()
        for (key, value) in properties { object[key] = value }
        object["__typename"] = "Object"
        object["id"] = .string(id)
        object["collection"] = .string(collection)
        object["created_at"] = createdAt.map(JSONValue.string) ?? .null
        object["updated_at"] = .string(ISO8601Timestamp.string(from: updatedAt))
        return .object(object)
    }

    /// The recipient a provider sees: ``RecipientReference/storageID`` as the id, the reserved contact
    /// properties that are strings, and the given channel data.
    ///
    /// - Parameter channelData: The recipient's channel data by channel id (see
    ///   ``RecipientStore/allChannelData(_:environment:)``).
    public func deliveryRecipient(channelData: [String: JSONValue]) -> Recipient {
        Recipient(
            id: reference.storageID,
            email: string("email"),
            phoneNumber: string("phone_number"),
            name: string("name"),
            timezone: string("timezone"),
            locale: string("locale"),
            channelData: channelData)
    }
}
