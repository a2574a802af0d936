public import Engine
internal import Foundation
public import Providers

/// Knock's `MessageContents` shape: `{"__typename": "MessageContents", "message_id", "inserted_at", "data"}`,
/// where `data` is the rendered content by channel type.
///
/// Secrets in rendered content stay out: webhook header values are shown as `<redacted>` and the query of
/// a webhook URL is dropped; a chat message's incoming-webhook URL is left out; email attachments are
/// listed by name and type, without their bytes.
public enum MessageContentsJSON {
    /// The contents of a message whose content is still stored.
    public static func contents(_ content: OutboundMessage.Content, of message: MessageRecord) -> JSONValue {
        [
            "__typename": "MessageContents", "message_id": .string(message.id),
            "inserted_at": .string(ISO8601Timestamp.string(from: message.createdAt)), "data": data(content),
        ]
    }

    /// The `data` member: `MessageEmailContent`, `MessageSmsContent`, `MessagePushContent`,
    /// `MessageChatContent`, `MessageInAppFeedContent`, or the host's `MessageHttpContent` for webhooks.
    public static func data(_ content: OutboundMessage.Content) -> JSONValue {
        switch content {
        case .email(let email):
            return [
                "__typename": "MessageEmailContent", "from": optional(email.from), "to": list(email.to),
                "cc": email.cc.isEmpty ? .null : list(email.cc), "bcc": email.bcc.isEmpty ? .null : list(email.bcc),
                "reply_to": email.replyTo.isEmpty ? .null : list(email.replyTo),
                "subject_line": .string(email.subject), "html_body": .string(email.html ?? ""),
                "text_body": .string(email.text ?? ""),
                "attachments": .array(
                    email.attachments.map {
                        ["filename": .string($0.filename), "content_type": .string($0.contentType)]
                    }),
            ]
        case .sms(let sms):
            return ["__typename": "MessageSmsContent", "to": optional(sms.to), "body": .string(sms.text)]
        case .push(let push):
            return [
                "__typename": "MessagePushContent", "title": .string(push.title ?? ""),
                "body": .string(push.body ?? ""),
                "data": push.data.isEmpty ? .null : .object(push.data),
            ]
        case .chat(let chat):
            return [
                "__typename": "MessageChatContent",
                "connection": .object(chat.channel.map { ["channel": .string($0)] } ?? JSONObject()),
                "template": ["summary": .string(chat.text), "blocks": .null, "json_content": chat.blocks ?? .null],
                "metadata": .null,
            ]
        case .webhook(let webhook):
            return [
                "__typename": "MessageHttpContent", "method": .string(webhook.method ?? "POST"),
                "url": webhook.url.map { .string(String($0.prefix { $0 != "?" })) } ?? .null,
                "headers": .object(
                    JSONObject(webhook.headers.keys.sorted().map { ($0.lowercased(), JSONValue.string("<redacted>")) })),
                "body": webhook.body ?? .null,
            ]
        case .inAppFeed(let feed):
            return [
                "__typename": "MessageInAppFeedContent", "blocks": feed.blocks,
                "action_url": optional(feed.actionURL),
            ]
        }
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    private static func list(_ addresses: [String]) -> JSONValue {
        .string(addresses.joined(separator: ", "))
    }
}
