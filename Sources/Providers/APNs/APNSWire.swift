import Signing

/// The bodies APNs exchanges: the notification payload, the `apns-id`, and the error body.
enum APNSWire {
    /// The custom-data key that carries our message id in every payload.
    static let messageIDKey = "delivery_host_message_id"

    /// The JSON payload for a push.
    ///
    /// `{"aps": {"alert": {"title", "body"}, "badge", "sound", "mutable-content"}, …data…,
    /// "delivery_host_message_id": id}`; a silent push's `aps` is only `{"content-available": 1}`.
    /// Custom data goes at the top level beside `aps`; a data member named `aps` or
    /// `delivery_host_message_id` is dropped (ours wins).
    static func payload(_ content: PushContent, messageID: String, mutableContent: Bool) -> JSONValue {
        var aps = JSONObject()
        if content.silent {
            aps["content-available"] = 1
        } else {
            var alert = JSONObject()
            if let title = content.title { alert["title"] = .string(title) }
            if let body = content.body { alert["body"] = .string(body) }
            if !alert.isEmpty { aps["alert"] = .object(alert) }
            if let badge = content.badge { aps["badge"] = .number(Double(badge)) }
            if let sound = content.sound { aps["sound"] = .string(sound) }
            if mutableContent { aps["mutable-content"] = 1 }
        }
        var root: JSONObject = ["aps": .object(aps)]
        for (key, value) in content.data where key != "aps" && key != messageIDKey {
            root[key] = value
        }
        root[messageIDKey] = .string(messageID)
        return .object(root)
    }

    /// The `apns-id` for a message and device token: a name-based UUID (RFC 9562 version 5), so that a
    /// retried attempt carries the same id.
    static func notificationID(messageID: String, deviceToken: String) -> String {
        // RFC 9562 §5.5: SHA-1 over the namespace's 16 bytes and the name; version and variant bits set.
        let namespace: [UInt8] = [
            0x6d, 0x1c, 0x3b, 0x52, 0x9a, 0x7e, 0x4f, 0x0c, 0x8b, 0x21, 0x5e, 0x93, 0xd4, 0x0f, 0x6a, 0x17,
        ]
        var bytes = Array(Digest.sha1(namespace + Array("\(messageID)\n\(deviceToken)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return groups.joined(separator: "-")
    }

    /// Whether a device token can be sent as given: hexadecimal digits only (it goes into the URL path).
    static func isWellFormed(deviceToken: String) -> Bool {
        deviceToken.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    /// The reason in an error body `{"reason": "BadDeviceToken", "timestamp": 1700000000000}`, if readable.
    static func reason(in body: [UInt8]) -> String? {
        guard !body.isEmpty, let value = try? JSONValue.parse(body) else { return nil }
        return value["reason"]?.stringValue
    }
}
