/// Slack's JSON bodies: `chat.postMessage` and incoming-webhook requests, and Web API responses.
enum SlackWire {
    /// The `Content-Type` of every request (Slack asks for the charset on JSON posts).
    static let contentType = "application/json; charset=utf-8"

    /// The `chat.postMessage` body: `channel`, `text` (also the fallback for blocks), `blocks`.
    static func postMessageBody(channel: String, content: ChatContent) -> JSONValue {
        var body: JSONObject = ["channel": .string(channel), "text": .string(content.text)]
        if let blocks = content.blocks, blocks != .null { body["blocks"] = blocks }
        return .object(body)
    }

    /// The incoming-webhook body: `text` and `blocks` (the webhook fixes the channel).
    static func incomingWebhookBody(content: ChatContent) -> JSONValue {
        var body: JSONObject = ["text": .string(content.text)]
        if let blocks = content.blocks, blocks != .null { body["blocks"] = blocks }
        return .object(body)
    }

    /// What a Web API response says; every field optional, so unexpected shapes never fail to decode.
    struct Response {
        /// Whether the call succeeded (`ok`); `nil` when the body is not Slack's JSON.
        var ok: Bool?
        /// Slack's error string when `ok` is false, such as `channel_not_found`.
        var error: String?
        /// The posted message's timestamp, its id within the channel.
        var ts: String?
        /// The conversation the message was posted to.
        var channel: String?

        init(body: [UInt8]) {
            let json = try? JSONValue.parse(body)
            ok = json?["ok"]?.boolValue
            error = json?["error"]?.stringValue
            ts = json?["ts"]?.stringValue
            channel = json?["channel"]?.stringValue
        }
    }
}
