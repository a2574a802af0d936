import Foundation

extension OutboundMessage.Content {
    /// Reads rendered content for a channel type from JSON, reporting every problem at once.
    ///
    /// The shapes, by channel type (unknown keys are errors):
    /// - email: `subject` (required), `html` and/or `text` (one required), `from`, `to`, `cc`, `bcc`,
    ///   `reply_to` (a string or an array), `headers` (object of strings), `attachments`
    ///   (`[{"filename", "content_type", "content_base64"}]`);
    /// - sms: `text` (required), `to`;
    /// - push: `title`, `body`, `badge`, `sound`, `data` (object), `collapse_id`, `priority` (`high`/`normal`),
    ///   `time_to_live` (seconds), `silent`;
    /// - chat: `text` (required), `blocks`, `channel`, `webhook_url`;
    /// - webhook: `method`, `url`, `headers`, `body` (any JSON);
    /// - in_app_feed: `markdown_body` (required), `action_url`, `data` (object).
    ///
    /// - Parameters:
    ///   - json: The content.
    ///   - channelType: The channel's type.
    ///   - source: Names the input in errors, such as `--message`.
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path.
    public init(json: JSONValue, channelType: ChannelType, source: String) throws {
        var reader = JSONInputReader(source: source)
        self = Self.read(json, channelType: channelType, reader: &reader)
        try reader.finish()
    }

    private static func read(_ json: JSONValue, channelType: ChannelType, reader: inout JSONInputReader) -> Self {
        switch channelType {
        case .email:
            let object = reader.object(
                json, at: "$",
                allowed: ["from", "to", "cc", "bcc", "reply_to", "subject", "html", "text", "headers", "attachments"])
            let html = reader.string(object, "html", at: "$")
            let text = reader.string(object, "text", at: "$")
            if html == nil && text == nil && reader.issues.isEmpty {
                reader.fail("$", "an email needs 'html' or 'text'")
            }
            return .email(
                EmailContent(
                    from: reader.string(object, "from", at: "$"), to: reader.strings(object, "to", at: "$"),
                    cc: reader.strings(object, "cc", at: "$"), bcc: reader.strings(object, "bcc", at: "$"),
                    replyTo: reader.strings(object, "reply_to", at: "$"),
                    subject: reader.string(object, "subject", at: "$", required: true) ?? "", html: html, text: text,
                    headers: reader.stringMap(object, "headers", at: "$"),
                    attachments: attachments(object["attachments"], reader: &reader)))
        case .sms:
            let object = reader.object(json, at: "$", allowed: ["to", "text"])
            return .sms(
                SMSContent(
                    to: reader.string(object, "to", at: "$"),
                    text: reader.string(object, "text", at: "$", required: true) ?? ""))
        case .push:
            let object = reader.object(
                json, at: "$",
                allowed: [
                    "title", "body", "badge", "sound", "data", "collapse_id", "priority", "time_to_live", "silent",
                ])
            var priority = PushContent.Priority.high
            if let name = reader.string(object, "priority", at: "$") {
                if let value = PushContent.Priority(rawValue: name) {
                    priority = value
                } else {
                    reader.fail("$.priority", "expected one of high, normal, found \"\(name)\"")
                }
            }
            var data = JSONObject()
            if let value = object["data"], value != .null {
                data = reader.object(value, at: "$.data", allowed: Set(value.objectValue?.keys ?? []))
            }
            return .push(
                PushContent(
                    title: reader.string(object, "title", at: "$"), body: reader.string(object, "body", at: "$"),
                    badge: reader.int(object, "badge", at: "$", range: 0...999_999),
                    sound: reader.string(object, "sound", at: "$"),
                    data: data, collapseID: reader.string(object, "collapse_id", at: "$"), priority: priority,
                    timeToLive: reader.int(object, "time_to_live", at: "$", range: 0...2_419_200),
                    silent: reader.bool(object, "silent", at: "$") ?? false))
        case .chat:
            let object = reader.object(json, at: "$", allowed: ["text", "blocks", "channel", "webhook_url"])
            return .chat(
                ChatContent(
                    text: reader.string(object, "text", at: "$", required: true) ?? "", blocks: object["blocks"],
                    channel: reader.string(object, "channel", at: "$"),
                    webhookURL: reader.string(object, "webhook_url", at: "$")))
        case .inAppFeed:
            let object = reader.object(json, at: "$", allowed: ["markdown_body", "action_url", "data"])
            var data = JSONObject()
            if let value = object["data"], value != .null {
                data = reader.object(value, at: "$.data", allowed: Set(value.objectValue?.keys ?? []))
            }
            return .inAppFeed(
                InAppFeedContent(
                    markdownBody: reader.string(object, "markdown_body", at: "$", required: true) ?? "",
                    actionURL: reader.string(object, "action_url", at: "$"), data: data))
        case .webhook:
            let object = reader.object(json, at: "$", allowed: ["method", "url", "headers", "body"])
            return .webhook(
                WebhookContent(
                    method: reader.string(object, "method", at: "$"), url: reader.string(object, "url", at: "$"),
                    headers: reader.stringMap(object, "headers", at: "$"), body: object["body"]))
        }
    }

    private static func attachments(_ value: JSONValue?, reader: inout JSONInputReader) -> [EmailContent.Attachment] {
        guard let value, value != .null else { return [] }
        guard let elements = value.arrayValue else {
            reader.fail("$.attachments", "expected an array of attachments")
            return []
        }
        return elements.enumerated().compactMap { index, element in
            let path = "$.attachments[\(index)]"
            let object = reader.object(element, at: path, allowed: ["filename", "content_type", "content_base64"])
            let filename = reader.string(object, "filename", at: path, required: true)
            let type = reader.string(object, "content_type", at: path) ?? "application/octet-stream"
            let base64 = reader.string(object, "content_base64", at: path, required: true)
            guard let filename, let base64 else { return nil }
            guard let content = Data(base64Encoded: base64) else {
                reader.fail("\(path).content_base64", "is not valid base64")
                return nil
            }
            return EmailContent.Attachment(filename: filename, contentType: type, content: Array(content))
        }
    }
}

extension Recipient {
    /// Reads a recipient from JSON: `id` (required), `email`, `phone_number`, `name`, `timezone`, `locale`,
    /// `channel_data` (an object keyed by channel id).
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path.
    public init(json: JSONValue, source: String) throws {
        var reader = JSONInputReader(source: source)
        let object = reader.object(
            json, at: "$", allowed: ["id", "email", "phone_number", "name", "timezone", "locale", "channel_data"])
        var channelData: [String: JSONValue] = [:]
        if let value = object["channel_data"], value != .null {
            for (key, member) in reader.object(value, at: "$.channel_data", allowed: Set(value.objectValue?.keys ?? []))
            {
                channelData[key] = member
            }
        }
        self.init(
            id: reader.string(object, "id", at: "$", required: true) ?? "",
            email: reader.string(object, "email", at: "$"),
            phoneNumber: reader.string(object, "phone_number", at: "$"), name: reader.string(object, "name", at: "$"),
            timezone: reader.string(object, "timezone", at: "$"), locale: reader.string(object, "locale", at: "$"),
            channelData: channelData)
        try reader.finish()
    }
}
