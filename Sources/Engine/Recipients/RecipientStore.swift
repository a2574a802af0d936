public import Foundation
public import Providers

/// Durable users and objects per environment, with their channel data and preference sets.
///
/// Everything is scoped to an environment: nothing written in one is visible in another. Channel
/// data and preference sets are keyed by ``RecipientReference/storageID``, the same key the
/// ``ChannelDataStore`` requirements take as `recipientID`.
///
/// Implementations must:
/// - validate ids and reserved properties (``RecipientUpsert/validate(path:)``) before writing
///   anything, and apply a whole ``upsert(_:environment:now:)`` call atomically;
/// - merge as ``RecipientRecord/upserting(_:into:now:)`` and ``RecipientRecord/merging(_:into:now:)`` do;
/// - list in a stable order (ids in UTF-8 byte order) with opaque cursors (``RecipientCursor``);
/// - be safe to call concurrently; never log property values or channel data (they may hold tokens);
/// - keep subscriptions with their recipients (see ``SubscriptionStore``), and audience memberships with
///   their users (see ``AudienceStore``).
public protocol RecipientStore: ChannelDataStore, SubscriptionStore, AudienceStore {
    /// Creates or updates recipients, in order: properties deep-merged (`null` overwrites, omitted
    /// keys kept), channel data set per channel (`null` removes), preference sets deep-merged per set id.
    ///
    /// - Returns: Each recipient as stored after its upsert, in the order given.
    /// - Throws: ``EngineError/Code/invalidInput`` (nothing written) for an invalid id or property.
    func upsert(_ upserts: [RecipientUpsert], environment: String, now: Date) async throws -> [RecipientRecord]

    /// The recipient, or `nil` if it was never identified or was deleted.
    func recipient(_ reference: RecipientReference, environment: String) async throws -> RecipientRecord?

    /// The recipients that exist among `references`; missing ones are absent from the result.
    func recipients(_ references: [RecipientReference], environment: String) async throws
        -> [RecipientReference: RecipientRecord]

    /// Deletes recipients with their channel data, preference sets, every subscription they are part
    /// of (as subscriber or as object) and, for users, every audience membership; missing ones are skipped,
    /// not an error (Knock answers 204).
    func delete(_ references: [RecipientReference], environment: String) async throws

    /// Users (`collection` `nil`) or a collection's objects, ordered by id.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` for a cursor this listing did not make, both
    ///   cursors at once, or a page size outside 1 to ``PageRequest/maximumSize``.
    func list(collection: String?, environment: String, page: PageRequest) async throws -> Page<RecipientRecord>

    /// Merges the user `secondary` into `primary` and deletes `secondary`: properties deep-merged with
    /// the primary winning, preference sets and channel data copied only where the primary has none
    /// for that set id or channel id. The secondary's subscriptions move to the primary, except to objects
    /// the primary already subscribes to (the primary's subscription and properties are kept).
    ///
    /// Moving the secondary's message history is the message store's job: ``UserMerge`` does both, and is
    /// what callers use.
    ///
    /// - Returns: The primary as stored after the merge.
    /// - Throws: ``EngineError/Code/notFound`` if either user does not exist,
    ///   ``EngineError/Code/invalidInput`` if they are the same user; nothing changes then.
    func mergeUser(primary: String, secondary: String, environment: String, now: Date) async throws
        -> RecipientRecord

    /// Every channel's data for the recipient, by channel id.
    func allChannelData(_ reference: RecipientReference, environment: String) async throws -> [String: JSONValue]

    /// Removes the recipient's data for a channel; removing data that does not exist is not an error.
    func unsetChannelData(_ reference: RecipientReference, channelID: String, environment: String) async throws

    /// Every preference set of the recipient, by set id, as stored (raw JSON).
    func preferenceSets(_ reference: RecipientReference, environment: String) async throws -> [String: JSONValue]

    /// Sets (replaces) one preference set; `null` deletes it.
    func setPreferenceSet(_ json: JSONValue, id: String, for reference: RecipientReference, environment: String)
        async throws

    /// Replaces the preference set `id` of every recipient in `references` with `json`, creating the
    /// recipients that do not exist (with no properties and `now` as `updated_at`), in one atomic write.
    ///
    /// Recipients that exist keep their properties and `updated_at`; their other preference sets are kept.
    /// Listing a recipient twice writes the same set twice.
    ///
    /// - Parameters:
    ///   - json: The set as stored (an object, validated by the caller with ``PreferenceSet/parse(_:id:path:)``).
    ///   - id: The set id: `default` or a tenant id.
    ///   - references: The recipients.
    ///   - environment: Their environment.
    ///   - now: The `updated_at` of recipients it creates.
    /// - Throws: ``EngineError/Code/invalidInput`` (nothing written) for an invalid recipient id.
    func replacePreferenceSet(
        _ json: JSONValue, id: String, for references: [RecipientReference], environment: String, now: Date
    ) async throws
}

/// Limits on recipient calls, enforced by the callers (the HTTP API).
public enum RecipientLimits {
    /// Users per bulk identify call. Knock's docs once said 100; the current API and this project's
    /// requirement say 1,000.
    public static let bulkUsers = 1000
    /// Objects per bulk set call.
    public static let bulkObjects = 1000
    /// Recipients per bulk delete call.
    public static let bulkDelete = 1000
    /// Users per bulk set-preferences call.
    public static let bulkPreferences = 1000
}
