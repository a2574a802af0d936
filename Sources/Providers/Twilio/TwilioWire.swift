import Foundation

/// Twilio's wire formats: form-encoded requests and callbacks, JSON responses and error bodies.
enum TwilioWire {
    /// Characters sent unencoded in form values (RFC 3986 unreserved).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// Percent-encodes one form name or value (every byte but the unreserved ones, so `+` becomes `%2B`).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `application/x-www-form-urlencoded` text for fields, in order.
    static func form(_ fields: [(name: String, value: String)]) -> String {
        fields.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    /// Parses form text (`+` is a space); malformed escapes are kept as given.
    static func parseForm(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// What a Messages response says; every field optional, so unexpected shapes never fail to decode.
    ///
    /// Success is the Message resource (`sid`, `status`, …). Errors are the legacy body
    /// `{"code", "message", "more_info", "status"}` or the RFC 9457 body `{"type", "title", "code", "detail"}`.
    struct Response {
        /// The message SID (`SM…`).
        var sid: String?
        /// The message status (`queued`, `accepted`, …).
        var status: String?
        /// Twilio's error code, such as `21211`.
        var code: Int?
        /// Twilio's error text.
        var message: String?

        init(body: [UInt8]) {
            let json = try? JSONValue.parse(body)
            sid = json?["sid"]?.stringValue
            status = json?["status"]?.stringValue
            code = json?["code"]?.intValue ?? json?["code"]?.stringValue.flatMap { Int($0) }
            message = json?["message"]?.stringValue ?? json?["detail"]?.stringValue ?? json?["title"]?.stringValue
        }
    }
}
