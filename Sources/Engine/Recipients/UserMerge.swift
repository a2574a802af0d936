public import Foundation

/// Merges one user into another across the recipient and message stores (Knock's user merge): the
/// secondary's properties, preference sets and channel data go to the primary as
/// ``RecipientStore/mergeUser(primary:secondary:environment:now:)`` describes, and the secondary's
/// messages of the last ``messageHistory`` move to the primary. Older messages stay with the deleted
/// secondary's id.
///
/// The messages move first, after both users are known to exist, and the recipients merge second. A crash
/// in between leaves the secondary in place with its recent messages already on the primary; running the
/// merge again completes it. Nothing is lost either way.
public struct UserMerge: Sendable {
    /// How far back the secondary's messages move: 30 days, as Knock documents.
    public static let messageHistory: TimeInterval = 30 * 24 * 60 * 60

    /// Where users live.
    public var recipients: any RecipientStore
    /// Where their messages live.
    public var messages: any MessageStore

    /// Creates a merge over two stores (they may be the same object).
    public init(recipients: any RecipientStore, messages: any MessageStore) {
        self.recipients = recipients
        self.messages = messages
    }

    /// Merges `secondary` into `primary` and deletes `secondary`.
    ///
    /// - Returns: The primary as stored after the merge.
    /// - Throws: ``EngineError/Code/notFound`` if either user does not exist,
    ///   ``EngineError/Code/invalidInput`` if they are the same user; nothing changes then.
    public func merge(primary: String, secondary: String, environment: String, now: Date) async throws
        -> RecipientRecord
    {
        guard primary != secondary else {
            throw EngineError(.invalidInput, "from_user_id: user \"\(primary)\" cannot be merged into itself")
        }
        for id in [primary, secondary] where try await recipients.recipient(.user(id), environment: environment) == nil
        {
            throw EngineError(.notFound, "user \"\(id)\" does not exist in environment \"\(environment)\"")
        }
        _ = try await messages.reassignMessages(
            from: secondary, to: primary, environment: environment,
            createdSince: now.addingTimeInterval(-Self.messageHistory))
        return try await recipients.mergeUser(
            primary: primary, secondary: secondary, environment: environment, now: now)
    }
}
