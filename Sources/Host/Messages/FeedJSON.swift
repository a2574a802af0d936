internal import Engine
internal import Foundation
internal import Providers

/// Knock's in-app feed shapes: `UserInAppFeedResponse` and its `InAppFeedItem` entries.
enum FeedJSON {
    /// A feed response: `{"entries", "meta", "page_info", "vars"}`.
    ///
    /// - Parameters:
    ///   - page: The page of feed messages.
    ///   - request: The page that was asked for.
    ///   - counts: The feed's badge counts (see ``MessageStore/feedCounts(_:)``).
    ///   - variables: The environment's public variables.
    ///   - participants: Each message's actor and recipient, by message id (see ``FeedParticipants``).
    static func response(
        _ page: Page<MessageRecord>, request: PageRequest, counts: (total: Int, unseen: Int, unread: Int),
        variables: JSONObject, participants: [String: FeedParticipants.Resolved]
    ) -> JSONValue {
        [
            "entries": .array(page.entries.map { item($0, participants: participants[$0.id]) }),
            "meta": [
                "__typename": "FeedMetadata", "total_count": .number(Double(counts.total)),
                "unread_count": .number(Double(counts.unread)), "unseen_count": .number(Double(counts.unseen)),
            ],
            "page_info": PageInfo.json(for: page, pageSize: request.size), "vars": .object(variables),
        ]
    }

    /// One feed item (`__typename: "FeedItem"`).
    ///
    /// `blocks` are the in-app content's blocks (a `markdown` block named `body`, see
    /// ``InAppFeedContent/blocks``), empty when the content is not in-app content; `data` is the trigger
    /// data with the in-app content's own `data` merged over it (and its `action_url`, if any). The item has
    /// one activity (the message itself); its actor (the run's, if any) is the item's one actor. Recipient
    /// and actor are full `User`/`Object` objects, or missing markers for deleted ones.
    static func item(_ message: MessageRecord, participants: FeedParticipants.Resolved?) -> JSONValue {
        var blocks: JSONValue = []
        var data = message.data ?? JSONObject()
        if case .inAppFeed(let feed) = message.content {
            blocks = feed.blocks
            for (key, value) in feed.data { data[key] = value }
            if let url = feed.actionURL { data["action_url"] = .string(url) }
        }
        let dataValue: JSONValue = message.data == nil && data.isEmpty ? .null : .object(data)
        let inserted = JSONValue.string(ISO8601Timestamp.string(from: message.createdAt))
        let updated = JSONValue.string(ISO8601Timestamp.string(from: message.updatedAt))
        var object: JSONObject = [
            "__typename": "FeedItem", "id": .string(message.id), "inserted_at": inserted, "updated_at": updated,
        ]
        for status in MessageRecord.engagementOrder {
            object["\(status.rawValue)_at"] = MessageRecord.time(message.engagement[status])
        }
        object["clicked_at"] = MessageRecord.time(message.engagement.linkClickedAt)
        object["blocks"] = blocks
        let actor = participants?.actor ?? .null
        object["actors"] = actor == .null ? [] : [actor]
        object["activities"] = [
            [
                "__typename": "Activity", "id": .string(message.id), "inserted_at": inserted, "updated_at": updated,
                "actor": actor,
                "recipient": participants?.recipient ?? MessageRecord.recipientReference(message.recipient.id),
                "data": dataValue,
            ]
        ]
        object["total_activities"] = 1
        object["total_actors"] = actor == .null ? 0 : 1
        object["source"] = [
            "__typename": "NotificationSource", "key": message.workflow.map { .string($0.key) } ?? .null,
            "categories": [],
        ]
        object["tenant"] = message.tenant.map(JSONValue.string) ?? .null
        object["data"] = dataValue
        return .object(object)
    }
}
