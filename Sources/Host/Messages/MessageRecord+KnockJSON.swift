public import Engine
internal import Foundation
public import Providers

extension MessageRecord {
    /// The message in Knock's `Message` shape (`__typename: "Message"`).
    ///
    /// Times are ISO 8601 in UTC; engagement times are `null` while unset. `source` names the workflow,
    /// its run and recipient run and the step (`key` is `null` for a message sent without a workflow);
    /// `data` is the trigger data. `actors` is empty and `metadata` `null`: the host keeps neither.
    /// `scheduled_at` is the next attempt's time while the message is queued.
    public var knockJSON: JSONValue {
        var object: JSONObject = [
            "__typename": "Message", "id": .string(id), "channel_id": .string(channelID),
            "recipient": Self.recipientReference(recipient.id), "actors": [],
            "status": .string(status.rawValue),
            "engagement_statuses": .array(
                Self.engagementOrder.filter { engagement[$0] != nil }.map { .string($0.rawValue) }),
        ]
        for status in Self.engagementOrder {
            object["\(status.rawValue)_at"] = Self.time(engagement[status])
        }
        object["clicked_at"] = Self.time(engagement.linkClickedAt)
        object["inserted_at"] = .string(ISO8601Timestamp.string(from: createdAt))
        object["updated_at"] = .string(ISO8601Timestamp.string(from: updatedAt))
        object["scheduled_at"] = status == .queued ? Self.time(nextAttemptAt) : .null
        object["source"] = sourceJSON
        object["workflow"] = workflow.map { .string($0.key) } ?? .null
        object["tenant"] = tenant.map(JSONValue.string) ?? .null
        object["data"] = data.map(JSONValue.object) ?? .null
        object["metadata"] = .null
        return .object(object)
    }

    /// Knock's `source`: `{"__typename": "NotificationSource", "key", "categories", "step_ref", …}`.
    var sourceJSON: JSONValue {
        [
            "__typename": "NotificationSource", "type": "workflow",
            "key": workflow.map { .string($0.key) } ?? .null, "categories": [],
            "step_ref": workflow?.stepRef.map(JSONValue.string) ?? .null,
            "workflow_run_id": workflow?.runID.map(JSONValue.string) ?? .null,
            "workflow_recipient_run_id": workflow?.recipientRunID.map(JSONValue.string) ?? .null,
        ]
    }

    /// Engagement statuses in Knock's order.
    static let engagementOrder: [EngagementStatus] = [.seen, .read, .interacted, .linkClicked, .archived]

    /// Knock's `RecipientReference`: a user id as a string, an object as `{"collection", "id"}`.
    ///
    /// - Parameter id: The stored recipient id: a user id, or `collection/id` for an object.
    static func recipientReference(_ id: String) -> JSONValue {
        guard let slash = id.firstIndex(of: "/") else { return .string(id) }
        return ["collection": .string(String(id[..<slash])), "id": .string(String(id[id.index(after: slash)...]))]
    }

    /// A time as ISO 8601 text, or `null`.
    static func time(_ date: Date?) -> JSONValue {
        date.map { .string(ISO8601Timestamp.string(from: $0)) } ?? .null
    }
}
