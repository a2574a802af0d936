public import Foundation
public import Providers

/// A ``RecipientStore`` in memory: for tests and throwaway runs, not durable.
public actor InMemoryRecipientStore: RecipientStore {
    struct Key: Hashable {
        var environment: String
        var storageID: String
    }

    var records: [Key: RecipientRecord] = [:]
    var channels: [Key: [String: JSONValue]] = [:]
    var preferences: [Key: [String: JSONValue]] = [:]
    /// Subscriptions by environment, object and subscriber.
    var subscriptionsByKey: [SubscriptionKey: Subscription] = [:]
    /// The last ``Subscription/sequence`` handed out.
    var lastSubscriptionSequence: Int64 = 0
    /// Audience memberships by environment, audience, user and tenant.
    var audienceMembersByKey: [AudienceMemberKey: AudienceMember] = [:]
    /// The last ``AudienceMember/sequence`` handed out.
    var lastAudienceSequence: Int64 = 0

    /// An empty store.
    public init() {}

    public func upsert(_ upserts: [RecipientUpsert], environment: String, now: Date) throws -> [RecipientRecord] {
        for (index, upsert) in upserts.enumerated() { try upsert.validate(path: "[\(index)]") }
        return upserts.map { upsert in
            let key = Key(environment: environment, storageID: upsert.reference.storageID)
            let record = RecipientRecord.upserting(upsert, into: records[key], now: now)
            records[key] = record
            for (channelID, data) in upsert.channelData {
                channels[key, default: [:]][channelID] = data.nonNull
            }
            for (setID, set) in upsert.preferences {
                preferences[key, default: [:]][setID] = Self.merged(preferences[key]?[setID], set)
            }
            return record
        }
    }

    public func recipient(_ reference: RecipientReference, environment: String) -> RecipientRecord? {
        records[Key(environment: environment, storageID: reference.storageID)]
    }

    public func recipients(_ references: [RecipientReference], environment: String)
        -> [RecipientReference: RecipientRecord]
    {
        var found: [RecipientReference: RecipientRecord] = [:]
        for reference in references {
            found[reference] = recipient(reference, environment: environment)
        }
        return found
    }

    public func delete(_ references: [RecipientReference], environment: String) {
        for reference in references {
            let key = Key(environment: environment, storageID: reference.storageID)
            records[key] = nil
            channels[key] = nil
            preferences[key] = nil
            subscriptionsByKey = subscriptionsByKey.filter { key, _ in
                key.environment != environment || (key.object != reference && key.recipient != reference)
            }
            if reference.collection == nil { removeMemberships(of: reference.id, environment: environment) }
        }
    }

    public func list(collection: String?, environment: String, page: PageRequest) throws -> Page<RecipientRecord> {
        let bounds = try RecipientCursor.bounds(of: page)
        let all = records.filter { $0.key.environment == environment && $0.value.reference.collection == collection }
            .map(\.value)
            .sorted { $0.reference.id.precedesInBytes($1.reference.id) }
        return Page(
            idOrdered: all, key: \.reference.id, after: bounds.after, before: bounds.before, size: page.size,
            cursor: RecipientCursor.encode)
    }

    public func mergeUser(primary: String, secondary: String, environment: String, now: Date) throws
        -> RecipientRecord
    {
        guard primary != secondary else {
            throw EngineError(.invalidInput, "from_user_id: user \"\(primary)\" cannot be merged into itself")
        }
        let primaryKey = Key(environment: environment, storageID: primary)
        let secondaryKey = Key(environment: environment, storageID: secondary)
        guard let into = records[primaryKey] else { throw Self.missingUser(primary, environment) }
        guard let from = records[secondaryKey] else { throw Self.missingUser(secondary, environment) }
        let merged = RecipientRecord.merging(from, into: into, now: now)
        records[primaryKey] = merged
        for (channelID, data) in channels[secondaryKey] ?? [:] where channels[primaryKey]?[channelID] == nil {
            channels[primaryKey, default: [:]][channelID] = data
        }
        for (setID, set) in preferences[secondaryKey] ?? [:] where preferences[primaryKey]?[setID] == nil {
            preferences[primaryKey, default: [:]][setID] = set
        }
        moveSubscriptions(from: .user(secondary), to: .user(primary), environment: environment)
        delete([.user(secondary)], environment: environment)
        return merged
    }

    public func allChannelData(_ reference: RecipientReference, environment: String) -> [String: JSONValue] {
        channels[Key(environment: environment, storageID: reference.storageID)] ?? [:]
    }

    public func unsetChannelData(_ reference: RecipientReference, channelID: String, environment: String) {
        channels[Key(environment: environment, storageID: reference.storageID)]?[channelID] = nil
    }

    public func preferenceSets(_ reference: RecipientReference, environment: String) -> [String: JSONValue] {
        preferences[Key(environment: environment, storageID: reference.storageID)] ?? [:]
    }

    public func setPreferenceSet(_ json: JSONValue, id: String, for reference: RecipientReference, environment: String)
    {
        preferences[Key(environment: environment, storageID: reference.storageID), default: [:]][id] =
            json.nonNull
    }

    public func replacePreferenceSet(
        _ json: JSONValue, id: String, for references: [RecipientReference], environment: String, now: Date
    ) throws {
        for (index, reference) in references.enumerated() { try reference.validate(path: "[\(index)]") }
        for reference in references {
            let key = Key(environment: environment, storageID: reference.storageID)
            if records[key] == nil {
                records[key] = RecipientRecord(reference: reference, updatedAt: now)
            }
            preferences[key, default: [:]][id] = json
        }
    }

    // MARK: - Channel data by storage id

    public func channelData(recipientID: String, channelID: String, environment: String) -> JSONValue? {
        channels[Key(environment: environment, storageID: recipientID)]?[channelID]
    }

    public func setChannelData(_ data: JSONValue, recipientID: String, channelID: String, environment: String) {
        channels[Key(environment: environment, storageID: recipientID), default: [:]][channelID] = data
    }

    public func removeTokens(_ tokens: [String], recipientID: String, channelID: String, environment: String)
        -> [String]
    {
        let key = Key(environment: environment, storageID: recipientID)
        guard case .object(var object)? = channels[key]?[channelID], let stored = object["tokens"]?.arrayValue else {
            return []
        }
        let present = Set(stored.compactMap(\.stringValue))
        var removed: [String] = []
        for token in tokens where present.contains(token) && !removed.contains(token) { removed.append(token) }
        guard !removed.isEmpty else { return [] }
        object["tokens"] = .array(stored.filter { !($0.stringValue.map(removed.contains) ?? false) })
        channels[key]?[channelID] = .object(object)
        return removed
    }

    // MARK: - Helpers

    /// A stored preference set with an incoming one deep-merged in (both objects), else the incoming one.
    static func merged(_ stored: JSONValue?, _ incoming: JSONValue) -> JSONValue {
        guard case .object(let old)? = stored, case .object(let new) = incoming else { return incoming }
        return .object(old.deepMerged(with: new))
    }

    static func missingUser(_ id: String, _ environment: String) -> EngineError {
        EngineError(.notFound, "user \"\(id)\" does not exist in environment \"\(environment)\"")
    }
}

extension JSONValue {
    /// This value, or `nil` for `null` (written out because `nil` alone would become ``JSONValue/null``).
    var nonNull: JSONValue? {
        self == .null ? JSONValue?.none : self
    }
}
