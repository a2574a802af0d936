import Foundation
import Providers

extension DeliveryPipeline {
    /// Hands stored notification events to the publisher and to the environment's status webhooks.
    ///
    /// Each subscribed webhook channel gets one durable `status_event` message per event, delivered and
    /// retried like any message (with its own delivery log) and publishing no events of its own.
    func publish(_ events: [MessageEvent], of message: MessageRecord) async {
        guard message.kind == .notification, !events.isEmpty else { return }
        await publisher?.publish(events, of: message)
        guard let subscriptions = statusWebhooks[message.environment], !subscriptions.isEmpty else { return }
        for event in events where Self.isPublished(event.kind) {
            for subscription in subscriptions where subscription.events?.contains(event.kind.rawValue) ?? true {
                let key = ChannelKey(environment: message.environment, channelID: subscription.channelID)
                guard let channel = channels.channel(key) else { continue }
                let now = clock.now()
                let record = MessageRecord(
                    id: MessageID.make(at: now), environment: message.environment, channelID: subscription.channelID,
                    provider: channel.settings.provider, channelType: .webhook, kind: .statusEvent,
                    recipient: Recipient(id: message.recipient.id),
                    content: .webhook(WebhookContent(body: Self.payload(event, of: message))), nextAttemptAt: now,
                    createdAt: now, updatedAt: now)
                let queued = MessageEvent(
                    messageID: record.id, kind: .status(.queued), status: .queued,
                    reason: "\(event.kind) of \(message.id)", occurredAt: now)
                if (try? await store.insert(record, events: [queued])) != nil { noteDue(key, at: now) }
            }
        }
        wakeUp.signal()
    }

    /// Status and engagement events are published; internal notes (warnings, token removal) are not.
    static func isPublished(_ kind: MessageEvent.Kind) -> Bool {
        ChannelConfiguration.StatusWebhook.eventTypes.contains(kind.rawValue)
    }

    /// The outbound webhook body for an event, in Knock's shape:
    /// `{"__typename": "Event", "type": "message.sent", "created_at": …, "data": {message}, "event_data": …}`.
    static func payload(_ event: MessageEvent, of message: MessageRecord) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var data: JSONObject = [
            "__typename": "Message", "id": .string(message.id), "channel_id": .string(message.channelID),
            "environment": .string(message.environment), "recipient": .string(message.recipient.id),
            "status": .string(message.status.rawValue), "provider": .string(message.provider.rawValue),
            "engagement_statuses": .array(message.engagement.statuses.map(\.rawValue).sorted().map(JSONValue.string)),
            "inserted_at": .string(formatter.string(from: message.createdAt)),
            "updated_at": .string(formatter.string(from: message.updatedAt)),
        ]
        data["workflow"] = message.workflow.map { .string($0.key) } ?? .null
        data["provider_message_id"] = message.providerMessageID.map(JSONValue.string) ?? .null
        return [
            "__typename": "Event", "type": .string(event.kind.rawValue),
            "created_at": .string(formatter.string(from: event.occurredAt)), "data": .object(data),
            "event_data": event.reason.map { ["reason": .string($0)] } ?? .null,
        ]
    }
}
