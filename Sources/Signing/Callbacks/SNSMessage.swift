import Foundation

/// An Amazon SNS message as delivered to an HTTP(S) subscription: a `Notification`, a
/// `SubscriptionConfirmation` or an `UnsubscribeConfirmation`.
///
/// Parse the raw request body with ``init(json:)``; both the HTTP shape (`SigningCertURL`) and the
/// Lambda event shape (`SigningCertUrl`, `Subject: null`) are accepted.
public struct SNSMessage: Sendable, Hashable {
    /// `Notification`, `SubscriptionConfirmation` or `UnsubscribeConfirmation`.
    public var type: String
    /// The message's unique id.
    public var messageID: String
    /// The topic's ARN.
    public var topicARN: String
    /// The optional subject (notifications only).
    public var subject: String?
    /// The message text (for SES events, a JSON document).
    public var message: String
    /// The time SNS published the message, as ISO 8601 text.
    public var timestamp: String
    /// `1` (SHA1withRSA) or `2` (SHA256withRSA).
    public var signatureVersion: String
    /// The base64 RSA signature.
    public var signature: String
    /// Where SNS publishes the signing certificate.
    public var signingCertURL: String
    /// The URL to visit to confirm a subscription (confirmations only).
    public var subscribeURL: String?
    /// The URL to visit to unsubscribe (not signed).
    public var unsubscribeURL: String?
    /// The confirmation token (confirmations only).
    public var token: String?

    /// The message types SNS sends to HTTP endpoints.
    public static let types = ["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]

    /// Parses a message from the JSON body SNS posts.
    ///
    /// - Parameter json: The raw request body.
    /// - Throws: ``SigningError/Code/malformedMessage`` naming the first missing or mistyped field, or
    ///   ``SigningError/Code/invalidEncoding`` if the body is not a JSON object.
    public init(json: [UInt8]) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw SigningError(.invalidEncoding, "the SNS message body is not a JSON object")
        }
        func field(_ names: String...) throws -> String? {
            for name in names {
                switch object[name] {
                case nil, is NSNull: continue
                case let value as String: return value
                default: throw SigningError(.malformedMessage, "the SNS message field '\(name)' is not a string")
                }
            }
            return nil
        }
        func required(_ names: String...) throws -> String {
            for name in names {
                if let value = try field(name) { return value }
            }
            throw SigningError(.malformedMessage, "the SNS message has no '\(names[0])' field")
        }
        type = try required("Type")
        guard Self.types.contains(type) else {
            throw SigningError(
                .malformedMessage,
                "the SNS message Type '\(type.prefix(40))' is not one of \(Self.types.joined(separator: ", "))")
        }
        messageID = try required("MessageId")
        topicARN = try required("TopicArn")
        subject = try field("Subject")
        message = try required("Message")
        timestamp = try required("Timestamp")
        signatureVersion = try required("SignatureVersion")
        signature = try required("Signature")
        signingCertURL = try required("SigningCertURL", "SigningCertUrl")
        subscribeURL = try field("SubscribeURL", "SubscribeUrl")
        unsubscribeURL = try field("UnsubscribeURL", "UnsubscribeUrl")
        token = try field("Token")
        if type != "Notification" {
            guard subscribeURL != nil else {
                throw SigningError(.malformedMessage, "the \(type) has no 'SubscribeURL' field")
            }
            guard token != nil else { throw SigningError(.malformedMessage, "the \(type) has no 'Token' field") }
        }
    }

    /// The text SNS signs: for each present field in the fixed order `Message`, `MessageId`,
    /// `Subject`, `SubscribeURL`, `Timestamp`, `Token`, `TopicArn`, `Type`, the field name, a line
    /// feed, the value and a line feed. (`Subject` is signed only in notifications, `SubscribeURL` and
    /// `Token` only in confirmations.)
    public var stringToSign: String {
        let isNotification = type == "Notification"
        let fields: [(String, String?)] = [
            ("Message", message),
            ("MessageId", messageID),
            ("Subject", isNotification ? subject : nil),
            ("SubscribeURL", isNotification ? nil : subscribeURL),
            ("Timestamp", timestamp),
            ("Token", isNotification ? nil : token),
            ("TopicArn", topicARN),
            ("Type", type),
        ]
        return fields.reduce(into: "") { text, field in
            if let value = field.1 { text += "\(field.0)\n\(value)\n" }
        }
    }
}
