/// The bodies FCM's HTTP v1 API exchanges: the send request, and the error body.
enum FCMWire {
    /// The data key that carries our message id in every message.
    static let messageIDKey = "delivery_host_message_id"

    /// The `messages:send` body for one device token.
    ///
    /// `{"message": {"token", "notification": {"title", "body"}, "data": {…}, "android": {"priority", "ttl",
    /// "collapse_key", "notification": {"sound", "notification_count"}}, "apns": {…}}, "validate_only": true}`.
    /// A silent push has no `notification` blocks (a data message) and asks iOS devices for a background
    /// update (`content-available: 1`, priority 5). Badge and sound also reach iOS devices through `apns`.
    static func body(_ content: PushContent, deviceToken: String, messageID: String, validateOnly: Bool) -> JSONValue {
        var message: JSONObject = ["token": .string(deviceToken)]
        var notification = JSONObject()
        if !content.silent {
            if let title = content.title { notification["title"] = .string(title) }
            if let body = content.body { notification["body"] = .string(body) }
        }
        if !notification.isEmpty { message["notification"] = .object(notification) }
        var data = flatten(content.data)
        data[messageIDKey] = .string(messageID)
        message["data"] = .object(data)

        var android: JSONObject = ["priority": content.priority == .high ? "HIGH" : "NORMAL"]
        if let timeToLive = content.timeToLive { android["ttl"] = .string("\(max(0, timeToLive))s") }
        if let collapseID = content.collapseID { android["collapse_key"] = .string(collapseID) }
        var androidNotification = JSONObject()
        var aps = JSONObject()
        if content.silent {
            aps["content-available"] = 1
        } else {
            if let sound = content.sound {
                androidNotification["sound"] = .string(sound)
                aps["sound"] = .string(sound)
            }
            if let badge = content.badge {
                androidNotification["notification_count"] = .number(Double(badge))
                aps["badge"] = .number(Double(badge))
            }
        }
        if !androidNotification.isEmpty { android["notification"] = .object(androidNotification) }
        message["android"] = .object(android)
        if content.silent {
            message["apns"] = [
                "headers": ["apns-priority": "5", "apns-push-type": "background"], "payload": ["aps": .object(aps)],
            ]
        } else if !aps.isEmpty {
            message["apns"] = ["payload": ["aps": .object(aps)]]
        }
        var root: JSONObject = ["message": .object(message)]
        if validateOnly { root["validate_only"] = true }
        return .object(root)
    }

    /// Flattens custom data into FCM's string map with dot paths, as Knock does:
    /// `{"foo": {"bar": [21]}}` becomes `{"foo.bar.0": "21"}`.
    ///
    /// Strings are kept as they are; numbers, Booleans and `null` become their JSON text (`"21"`,
    /// `"true"`, `"null"`); an empty object or array becomes `"{}"` or `"[]"`.
    static func flatten(_ data: JSONObject) -> JSONObject {
        var result = JSONObject()
        func visit(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let object) where !object.isEmpty:
                for (key, child) in object { visit(child, "\(path).\(key)") }
            case .array(let elements) where !elements.isEmpty:
                for (index, child) in elements.enumerated() { visit(child, "\(path).\(index)") }
            case .string(let text):
                result[path] = .string(text)
            default:
                result[path] = .string(value.encoded())
            }
        }
        for (key, value) in data { visit(value, key) }
        return result
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (path segments, form values).
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.append(byte)
            default:
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A Google API error body: `{"error": {"code", "message", "status", "details": [...]}}`.
    struct ErrorBody: Sendable, Hashable {
        /// The canonical status, such as `INVALID_ARGUMENT` or `UNAUTHENTICATED`.
        var status: String?
        /// The human-readable message.
        var message: String?
        /// The FCM error code from the `google.firebase.fcm.v1.FcmError` detail, such as `UNREGISTERED`.
        var fcmErrorCode: String?
        /// The fields named by `google.rpc.BadRequest` details, such as `message.token`.
        var fieldViolations: [String]

        /// Reads an error body; `nil` if it is not one.
        init?(_ body: [UInt8]) {
            guard !body.isEmpty, let error = (try? JSONValue.parse(body))?["error"]?.objectValue else { return nil }
            status = error["status"]?.stringValue
            message = error["message"]?.stringValue
            fieldViolations = []
            for detail in error["details"]?.arrayValue ?? [] {
                let type = detail["@type"]?.stringValue ?? ""
                if type.hasSuffix("google.firebase.fcm.v1.FcmError") {
                    fcmErrorCode = detail["errorCode"]?.stringValue
                } else if type.hasSuffix("google.rpc.BadRequest") {
                    fieldViolations += (detail["fieldViolations"]?.arrayValue ?? []).compactMap {
                        $0["field"]?.stringValue
                    }
                }
            }
        }
    }
}
