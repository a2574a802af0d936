import Foundation

extension OutboundMessage.Content {
    /// The JSON form read by ``init(json:channelType:source:)``: `Content(json: c.json, channelType: c.channelType)`
    /// gives `c` back.
    public var json: JSONValue {
        var object = JSONObject()
        func put(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
        func put(_ key: String, _ values: [String]) {
            if !values.isEmpty { object[key] = .array(values.map(JSONValue.string)) }
        }
        func put(_ key: String, _ map: [String: String]) {
            if !map.isEmpty {
                object[key] = .object(JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            }
        }
        switch self {
        case .email(let email):
            put("from", email.from)
            put("to", email.to)
            put("cc", email.cc)
            put("bcc", email.bcc)
            put("reply_to", email.replyTo)
            put("subject", email.subject)
            put("html", email.html)
            put("text", email.text)
            put("headers", email.headers)
            if !email.attachments.isEmpty {
                object["attachments"] = .array(
                    email.attachments.map { attachment in
                        [
                            "filename": .string(attachment.filename), "content_type": .string(attachment.contentType),
                            "content_base64": .string(Data(attachment.content).base64EncodedString()),
                        ]
                    })
            }
        case .sms(let sms):
            put("to", sms.to)
            put("text", sms.text)
        case .push(let push):
            put("title", push.title)
            put("body", push.body)
            if let badge = push.badge { object["badge"] = .number(Double(badge)) }
            put("sound", push.sound)
            if !push.data.isEmpty { object["data"] = .object(push.data) }
            put("collapse_id", push.collapseID)
            object["priority"] = .string(push.priority.rawValue)
            if let ttl = push.timeToLive { object["time_to_live"] = .number(Double(ttl)) }
            if push.silent { object["silent"] = true }
        case .chat(let chat):
            put("text", chat.text)
            if let blocks = chat.blocks { object["blocks"] = blocks }
            put("channel", chat.channel)
            put("webhook_url", chat.webhookURL)
        case .webhook(let webhook):
            put("method", webhook.method)
            put("url", webhook.url)
            put("headers", webhook.headers)
            if let body = webhook.body { object["body"] = body }
        case .inAppFeed(let feed):
            put("markdown_body", feed.markdownBody)
            put("action_url", feed.actionURL)
            if !feed.data.isEmpty { object["data"] = .object(feed.data) }
        }
        return .object(object)
    }
}

extension Recipient {
    /// The JSON form read by ``init(json:source:)``.
    public var json: JSONValue {
        var object: JSONObject = ["id": .string(id)]
        if let email { object["email"] = .string(email) }
        if let phoneNumber { object["phone_number"] = .string(phoneNumber) }
        if let name { object["name"] = .string(name) }
        if let timezone { object["timezone"] = .string(timezone) }
        if let locale { object["locale"] = .string(locale) }
        if !channelData.isEmpty {
            object["channel_data"] = .object(
                JSONObject(channelData.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        return .object(object)
    }
}
