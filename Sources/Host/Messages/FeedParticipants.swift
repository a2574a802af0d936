public import Engine
internal import Providers

/// Who each feed item is about, resolved when the feed is read: the recipient of the message and the actor
/// of the workflow run that produced it, in Knock's `User` and `Object` shapes.
///
/// A user or object that no longer exists (deleted since the message was sent) is shown as a **missing
/// recipient marker** instead, `{"__typename": "User", "id": "u_1", "missing": true}` (or `"Object"` with
/// its `collection`), so feeds keep their items without exposing stale data.
public struct FeedParticipants: Sendable {
    /// Where users and objects live.
    public var recipients: any RecipientStore
    /// Where recipient runs (and their actors) live.
    public var runs: any WorkflowRunStore

    /// Creates a resolver over the recipient and run stores.
    public init(recipients: any RecipientStore, runs: any WorkflowRunStore) {
        self.recipients = recipients
        self.runs = runs
    }

    /// One item's people.
    struct Resolved {
        /// The actor's JSON, or `null` when the message has none.
        var actor: JSONValue
        /// The recipient's JSON.
        var recipient: JSONValue
    }

    /// The people of every message, by message id.
    func resolve(_ messages: [MessageRecord], environment: String) async throws -> [String: Resolved] {
        var actors: [String: RecipientReference] = [:]
        for runID in Set(messages.compactMap(\.workflow?.recipientRunID)) {
            if let run = try await runs.run(id: runID), run.environment == environment, let actor = run.actor {
                actors[runID] = actor
            }
        }
        let recipientReferences = messages.map { RecipientReference(storageID: $0.recipient.id) }
        let records = try await recipients.recipients(
            recipientReferences + Array(actors.values), environment: environment)
        func json(_ reference: RecipientReference) -> JSONValue {
            records[reference]?.json ?? Self.missingMarker(reference)
        }
        var resolved: [String: Resolved] = [:]
        for (message, reference) in zip(messages, recipientReferences) {
            let actor = message.workflow?.recipientRunID.flatMap { actors[$0] }
            resolved[message.id] = Resolved(actor: actor.map(json) ?? .null, recipient: json(reference))
        }
        return resolved
    }

    /// The marker that stands for a user or object that no longer exists.
    static func missingMarker(_ reference: RecipientReference) -> JSONValue {
        switch reference {
        case .user(let id):
            ["__typename": "User", "id": .string(id), "missing": true]
        case .object(let collection, let id):
            ["__typename": "Object", "id": .string(id), "collection": .string(collection), "missing": true]
        }
    }
}
