import Foundation
import Signing

/// Postmark's JSON bodies: the `/email` request, its response, and the webhook payloads.
///
/// Built as ``JSONValue`` so member order (and so the exact bytes) is stable.
enum PostmarkWire {
    /// The metadata key carrying our message id (Postmark limits metadata keys to 20 characters; UNCONFIRMED).
    static let messageIDKey = "dh_message_id"
    /// The metadata key carrying the recipient's id.
    static let recipientIDKey = "dh_recipient_id"

    /// The `/email` body for a message.
    static func emailBody(
        message: OutboundMessage, content: EmailContent, from: String, to: [String],
        configuration: PostmarkConfiguration
    ) -> JSONValue {
        var body: JSONObject = ["From": .string(from), "To": .string(to.joined(separator: ", "))]
        if !content.cc.isEmpty { body["Cc"] = .string(content.cc.joined(separator: ", ")) }
        if !content.bcc.isEmpty { body["Bcc"] = .string(content.bcc.joined(separator: ", ")) }
        if !content.replyTo.isEmpty { body["ReplyTo"] = .string(content.replyTo.joined(separator: ", ")) }
        body["Subject"] = .string(content.subject)
        if let html = content.html { body["HtmlBody"] = .string(html) }
        if let text = content.text { body["TextBody"] = .string(text) }
        if !content.headers.isEmpty {
            body["Headers"] = .array(
                content.headers.sorted { $0.key < $1.key }.map {
                    ["Name": .string($0.key), "Value": .string($0.value)]
                })
        }
        if !content.attachments.isEmpty {
            body["Attachments"] = .array(
                content.attachments.map { attachment in
                    [
                        "Name": .string(attachment.filename), "Content": .string(Base64.encode(attachment.content)),
                        "ContentType": .string(attachment.contentType),
                    ]
                })
        }
        if let workflow = message.workflowKey { body["Tag"] = .string(workflow) }
        body["Metadata"] = [messageIDKey: .string(message.id), recipientIDKey: .string(message.recipient.id)]
        body["MessageStream"] = .string(configuration.messageStream)
        if let trackOpens = configuration.trackOpens { body["TrackOpens"] = .bool(trackOpens) }
        if let trackLinks = configuration.trackLinks { body["TrackLinks"] = .string(trackLinks) }
        return .object(body)
    }

    /// What a `/email` response says; every field optional, so unexpected shapes never fail to decode.
    struct Response {
        /// Postmark's message id (`MessageID`).
        var messageID: String?
        /// Postmark's `ErrorCode` (0 on success).
        var errorCode: Int?
        /// Postmark's `Message`.
        var message: String?

        init(body: [UInt8]) {
            let json = try? JSONValue.parse(body)
            messageID = json?["MessageID"]?.stringValue
            errorCode = json?["ErrorCode"]?.intValue ?? json?["ErrorCode"]?.stringValue.flatMap { Int($0) }
            message = json?["Message"]?.stringValue
        }
    }

    /// Reads Postmark's ISO 8601 times (`2019-11-05T16:33:54.9070259Z`, `2024-01-15T12:01:05.1794748-05:00`):
    /// any number of fraction digits, `Z` or a `±hh:mm` offset; `nil` for anything else.
    static func date(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count, !range.isEmpty else { return nil }
            var value = 0
            for byte in scalars[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard scalars.count >= 20, scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-"),
            scalars[10] == UInt8(ascii: "T"), scalars[13] == UInt8(ascii: ":"), scalars[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if scalars[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < scalars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scalars[index]) { index += 1 }
            guard index > start, let digits = String(bytes: scalars[start..<index], encoding: .utf8),
                let value = Double("0." + digits)
            else { return nil }
            fraction = value
        }
        var offset = 0
        if index == scalars.count - 1, scalars[index] == UInt8(ascii: "Z") {
            offset = 0
        } else if index + 6 == scalars.count,
            scalars[index] == UInt8(ascii: "+") || scalars[index] == UInt8(ascii: "-"),
            scalars[index + 3] == UInt8(ascii: ":"), let hours = number(index + 1..<index + 3),
            let minutes = number(index + 4..<index + 6)
        {
            offset = (hours * 3600 + minutes * 60) * (scalars[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        if let utc = TimeZone(secondsFromGMT: 0) { calendar.timeZone = utc }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }
}
